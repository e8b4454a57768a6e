// Agree: `claimtag agree` (the real CLI process) on 3 annotators × 10,000 annotations of a
// ~1 MB article, plus computeAgreement alone at 3 × 1k / 10k / 100k (text growing with it)
// and at 300 annotators, and `claimtag import` of one of those 10k-annotation files.
// Baselines from the same run: CLI start-up (`claimtag --help`) for the process, and sorting
// the same spans (an n log n floor any span comparison pays) for the growth.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { computeAgreement } from '../../src/core/agreement';
import { syntheticDocument } from '../../test/agreement/synthetic-document';
import { makeTempDir } from '../../test/support/temp-library';
import { OffsetConverter } from '../../src/shared/offsets';
import { runCli } from '../../src/cli/main';
import { Figures, timeRuns } from '../lib/result';

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/claimtag.mjs');
const RUNS = 3;

function exactly(perAnnotator: number, textLength: number) {
  const input = syntheticDocument({ seed: 7, annotators: 3, annotationsPerAnnotator: Math.ceil(perAnnotator * 1.08), textLength });
  const byWho = new Map<string, typeof input.annotations>();
  for (const a of input.annotations) {
    if (input.text.slice(a.start, a.end).trim() === '') continue;
    const list = byWho.get(a.annotator) ?? [];
    if (list.length < perAnnotator) list.push(a);
    byWho.set(a.annotator, list);
  }
  return { ...input, annotations: [...byWho.values()].flat() };
}

export async function run() {
  const f = new Figures('agree');
  const tmp = makeTempDir('claimtag-bench-agree-');
  try {
    const input = exactly(10_000, 1_000_000);
    const offsets = new OffsetConverter(input.text);
    const files: string[] = [];
    for (const name of [...new Set(input.annotations.map((a) => a.annotator))]) {
      const annotations = input.annotations
        .filter((a) => a.annotator === name)
        .map((a) => ({ document: 'doc', annotator: name, label: a.label, start: offsets.toCodePoint(a.start), end: offsets.toCodePoint(a.end) }));
      const file = path.join(tmp.dir, `${name}.json`);
      fs.writeFileSync(file, JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: 'doc', title: 'Synthetic', text: input.text }], annotations }));
      files.push(file);
    }
    const env = { ...process.env, CLAIMTAG_DATA_DIR: path.join(tmp.dir, 'data') };
    const wall = (args: string[]) => () => {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`claimtag ${args[0]} exited ${r.status}: ${r.stderr}`);
    };
    const agreeArgs = ['agree', ...files, '--format', 'json'];
    f.add('cli3x10k', 'claimtag agree, 3 × 10k (process wall)', await timeRuns(RUNS, wall(agreeArgs), 1), { baseline: 'cliStartup' });
    f.baseline('cliStartup', 'claimtag --help (process start-up)', await timeRuns(RUNS, wall(['--help']), 1));
    f.add('inProcess3x10k', 'runCli agree in-process (read + parse + compute)', await timeRuns(RUNS, async () => {
      const code = await runCli(agreeArgs, { out: () => {}, err: () => {}, env });
      if (code !== 0) throw new Error(`runCli agree exited ${code}`);
    }), { role: 'diagnostic' });

    const growth: Record<string, { agree: number; sort: number; n: number }> = {};
    for (const [per, len, runs] of [[1_000, 100_000, RUNS], [10_000, 1_000_000, RUNS], [100_000, 10_000_000, 3]] as const) {
      const inp = per === 10_000 ? input : exactly(per, len);
      const tag = per >= 1000 ? `${per / 1000}k` : String(per);
      const agreeTimes = await timeRuns(runs, () => computeAgreement(inp), 1);
      const sortTimes = await timeRuns(runs, () => [...inp.annotations].sort((a, b) => a.start - b.start || a.end - b.end || (a.annotator < b.annotator ? -1 : 1)), 1);
      const fig = f.add(`compute3x${tag}`, `computeAgreement 3 × ${tag}`, agreeTimes, {
        baseline: `sort3x${tag}`,
        ...(per === 10_000 ? { target: { max: 500, text: '≤ 500 ms' } } : {}),
      });
      const base = f.baseline(`sort3x${tag}`, `sort the same ${3 * per} spans`, sortTimes);
      growth[tag] = { agree: fig.summary.median, sort: base.summary.median, n: inp.annotations.length };
    }
    const many = syntheticDocument({ seed: 7, annotators: 300, annotationsPerAnnotator: 100, textLength: 100_000 });
    f.add('compute300x100', 'computeAgreement 300 annotators × 100', await timeRuns(RUNS, () => computeAgreement(many), 1), { role: 'diagnostic' });
    let fresh = 0;
    f.add('cliImport10k', 'claimtag import of one 10k-annotation file into a new library (process wall)', await timeRuns(RUNS, () => wall(['import', '--db', path.join(tmp.dir, `import-${fresh++}.sqlite`), files[0]])(), 0), { baseline: 'cliStartup' });
    const again = path.join(tmp.dir, 'import-0.sqlite');
    f.add('cliImportAgain', 'claimtag import of the same file again (all unchanged, process wall)', await timeRuns(RUNS, wall(['import', '--db', again, files[0]]), 0), { baseline: 'cliStartup' });
    const ratio = (a: string, b: string) => growth[b].agree / growth[a].agree;
    f.add('growth1kTo10k', 'growth 1k → 10k (×10 input; linear = 10)', [ratio('1k', '10k')], { unit: 'ratio', role: 'diagnostic', note: `sort baseline ×${(growth['10k'].sort / growth['1k'].sort).toFixed(1)}` });
    f.add('growth10kTo100k', 'growth 10k → 100k (×10 input; linear = 10)', [ratio('10k', '100k')], { unit: 'ratio', role: 'diagnostic', note: `sort baseline ×${(growth['100k'].sort / growth['10k'].sort).toFixed(1)}` });
    return { figures: f.list, details: { growth } };
  } finally {
    tmp.cleanup();
  }
}
