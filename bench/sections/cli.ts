// The built CLI's start-up (issue #14): `claimtag --help` through the installed entry point
// (bin/claimtag.mjs → the esbuild bundle in out/cli, built by `npm run bench` first) against a
// bare `node -e 0`, both spawned the same way in the same run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Figures } from '../lib/result';

const ROOT = path.resolve(__dirname, '../..');
const RUNS = 11;

function wall(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    if (i > 0) times.push(performance.now() - t0); // the first run fills Node's compile cache
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return times;
}

export async function run() {
  const f = new Figures('cli');
  if (!fs.existsSync(path.join(ROOT, 'out/cli/claimtag.js'))) throw new Error('out/cli/claimtag.js is missing: run `npm run build:cli`');
  f.baseline('nodeBare', 'node -e 0', wall(['-e', '0']));
  f.add('help', 'claimtag --help (bin/claimtag.mjs, bundled)', wall([path.join(ROOT, 'bin/claimtag.mjs'), '--help']), {
    baseline: 'nodeBare', target: { maxRatioToBaseline: 3, text: '≤ 3× node -e 0' },
  });
  return { figures: f.list, details: { bundleKB: Math.round(fs.statSync(path.join(ROOT, 'out/cli/claimtag.js')).size / 1024) } };
}
