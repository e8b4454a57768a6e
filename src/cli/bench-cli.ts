// Timing of the real CLI on a ~1 MB synthetic article: `claimtag agree` on 3 annotators ×
// 10,000 annotations (one claimtag JSON file each), and `claimtag import` of one 10,000-annotation
// file. Wall time of the spawned process (median of RUNS, includes Node + tsx start-up, shown
// separately as `--help`), and the in-process parts (parse + compute, computeAgreement alone).
// Not a test; run with
//   npx tsx src/cli/bench-cli.ts

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeAgreement } from '../core/agreement';
import { syntheticDocument } from '../core/agreement/synthetic-document';
import { OffsetConverter } from '../shared/offsets';
import { runCli } from './main';

const RUNS = 3;
const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/claimtag.mjs');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

function wall(args: string[], env: NodeJS.ProcessEnv, fresh?: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    fresh?.();
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`claimtag ${args[0]} exited ${r.status}: ${r.stderr}`);
  }
  return times;
}

async function inProcess(args: string[], env: NodeJS.ProcessEnv, fresh?: () => void): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    fresh?.();
    const t0 = performance.now();
    const code = await runCli(args, { out: () => {}, err: (t) => process.stderr.write(`${t}\n`), env });
    times.push(performance.now() - t0);
    if (code !== 0) throw new Error(`runCli ${args[0]} exited ${code}`);
  }
  return times;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-bench-cli-'));
  try {
    const input = syntheticDocument({ seed: 7, annotators: 3, annotationsPerAnnotator: 10_600, textLength: 1_000_000 });
    const offsets = new OffsetConverter(input.text);
    const files: string[] = [];
    for (const name of [...new Set(input.annotations.map((a) => a.annotator))]) {
      const annotations = input.annotations
        .filter((a) => a.annotator === name && input.text.slice(a.start, a.end).trim() !== '')
        .map((a) => ({ document: 'doc', annotator: name, label: a.label, start: offsets.toCodePoint(a.start), end: offsets.toCodePoint(a.end) }));
      const file = path.join(dir, `${name}.json`);
      fs.writeFileSync(file, JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: 'doc', title: 'Synthetic', text: input.text }], annotations }));
      files.push(file);
      console.log(`${name}: ${annotations.length} annotations, file ${(fs.statSync(file).size / 1e6).toFixed(2)} MB`);
    }
    console.log(`text: ${(Buffer.byteLength(input.text) / 1e6).toFixed(2)} MB, ${input.text.length} UTF-16 units; ${RUNS} runs each, medians\n`);
    const env = { ...process.env, CLAIMTAG_DATA_DIR: path.join(dir, 'data') };

    console.log(`claimtag --help (start-up only)          wall ${fmt(median(wall(['--help'], env)))}`);

    const agreeArgs = ['agree', ...files, '--format', 'json'];
    console.log(`claimtag agree 3 files (process)         wall ${fmt(median(wall(agreeArgs, env)))}`);
    console.log(`  runCli agree in-process (parse+compute)     ${fmt(median(await inProcess(agreeArgs, env)))}`);
    const computeTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      computeAgreement(input);
      computeTimes.push(performance.now() - t0);
    }
    console.log(`  computeAgreement alone                      ${fmt(median(computeTimes))}`);

    const db = path.join(dir, 'import.sqlite');
    const fresh = () => fs.rmSync(db, { force: true });
    console.log(`claimtag import 10k annotations (process) wall ${fmt(median(wall(['import', '--db', db, files[0]], env, fresh)))}`);
    console.log(`  runCli import in-process                    ${fmt(median(await inProcess(['import', '--db', db, files[0]], env, fresh)))}`);
    console.log(`claimtag import again (all unchanged)     wall ${fmt(median(wall(['import', '--db', db, files[0]], env)))}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
