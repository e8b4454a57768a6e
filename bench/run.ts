// npm run bench — the performance figures of the issue, each a median (min–max) over repeated
// runs and paired with a baseline measured in the same run. Writes bench/results/latest.json
// and bench/results/latest.md, always (a section that fails or runs over its time box is
// marked so, with the reason). Sections run one at a time, each in its own process.
//   BENCH_ONLY=store,export   run only these sections (BENCH_ONLY=library: the library-scale section alone; BENCH_ONLY=frames: UI frames during a 100k import)
//   see bench/sections/renderer.ts for BENCH_OPEN_RUNS, BENCH_TAGS, BENCH_TAG_BUDGET_MS, BENCH_SCROLL_*
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Figure, SectionResult } from './lib/result';

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const SECTIONS: Array<{ name: string; timeoutMs: number }> = [
  { name: 'export', timeoutMs: 60_000 },
  { name: 'interchange', timeoutMs: 120_000 },
  { name: 'import', timeoutMs: 240_000 },
  { name: 'store', timeoutMs: 150_000 },
  { name: 'agree', timeoutMs: 150_000 },
  { name: 'corpus', timeoutMs: 150_000 },
  { name: 'renderer', timeoutMs: 420_000 },
  { name: 'frames', timeoutMs: 600_000 },
  { name: 'team', timeoutMs: 300_000 },
  { name: 'library', timeoutMs: 2_700_000 }, // every export format at 10,000 articles adds ~12 min
  { name: 'similar', timeoutMs: 1_200_000 },
  { name: 'backfill', timeoutMs: 1_200_000 },
  { name: 'cli', timeoutMs: 60_000 },
  { name: 'structure', timeoutMs: 240_000 },
];

function ensureRenderer(): string | null {
  if (fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) return null;
  console.error('out/renderer is missing: building it (npx electron-vite build)…');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  return r.status === 0 ? null : `electron-vite build exited ${r.status}`;
}

function runSection(name: string, timeoutMs: number): Promise<SectionResult> {
  const out = path.join(os.tmpdir(), `claimtag-bench-${process.pid}-${name}.json`);
  fs.rmSync(out, { force: true });
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/section.ts'), name, out], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL'); // the section and the browser it started
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const durationMs = performance.now() - t0;
      if (timedOut) return resolve({ name, status: 'timeout', reason: `ran over its ${timeoutMs / 1000} s time box`, durationMs, figures: [] });
      try {
        resolve(JSON.parse(fs.readFileSync(out, 'utf8')) as SectionResult);
      } catch {
        resolve({ name, status: 'failed', reason: `exited ${code ?? signal} without a result`, durationMs, figures: [] });
      } finally {
        fs.rmSync(out, { force: true });
      }
    });
  });
}

const fmt = (v: number, unit: Figure['unit']) =>
  !Number.isFinite(v) ? '–' : unit === 'ratio' ? v.toFixed(1) : unit === 'MB' ? v.toFixed(1) : v >= 100 ? v.toFixed(0) : v.toFixed(1);

function verdict(f: Figure, base: Figure | undefined): string {
  if (!f.target) return '';
  const v = f.summary[f.targetOn ?? 'median'] ?? f.summary.median;
  const checks: boolean[] = [];
  if (f.target.max !== undefined) checks.push(v <= f.target.max);
  if (f.target.maxRatioToBaseline !== undefined && base) checks.push(f.summary.median / base.summary.median <= f.target.maxRatioToBaseline);
  return checks.every(Boolean) ? 'met' : '**missed**';
}

function markdown(sections: SectionResult[], meta: Record<string, unknown>): string {
  const all = new Map(sections.flatMap((s) => s.figures).map((f) => [f.id, f]));
  const lines = [
    `# claimtag bench — ${meta.finishedAt}`,
    '',
    `Machine: ${meta.cpus} × ${meta.cpuModel}, load average at start ${meta.loadAtStart}; Node ${meta.node}; Chromium ${meta.chromium}. Total ${meta.totalSeconds} s.`,
    'Times in ms unless marked; each figure is the median (min–max) of n runs; p50/p95 where shown. "vs baseline" is median ÷ the baseline median from this same run.',
    '',
  ];
  for (const s of sections) {
    lines.push(`## ${s.name} — ${s.status}${s.reason ? `: ${s.reason.split('\n')[0]}` : ''} (${(s.durationMs / 1000).toFixed(0)} s)`, '');
    if (!s.figures.length) continue;
    lines.push('| measure | median | min–max | p95 | n | baseline (median) | vs baseline | target | |', '|---|---:|---:|---:|---:|---|---:|---|---|');
    for (const f of s.figures) {
      const base = f.baseline ? (all.get(f.baseline) ?? all.get(`${f.section}.${f.baseline}`)) : undefined;
      const u = f.unit === 'ms' ? '' : ` ${f.unit}`;
      const label = (f.role === 'baseline' ? `*${f.label}*` : f.role === 'diagnostic' ? `↳ ${f.label.trim()}` : f.label) + (f.note ? ` (${f.note})` : '');
      lines.push(
        `| ${label.replace(/\|/g, '\\|').replace(/</g, '&lt;')} | ${fmt(f.summary.median, f.unit)}${u} | ${fmt(f.summary.min, f.unit)}–${fmt(f.summary.max, f.unit)} | ${f.summary.p95 !== undefined ? fmt(f.summary.p95, f.unit) : ''} | ${f.summary.n} | ${base ? `${fmt(base.summary.median, base.unit)}` : ''} | ${base ? `${(f.summary.median / base.summary.median).toFixed(2)}×` : ''} | ${f.target?.text ?? ''} | ${verdict(f, base)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (process.env.BENCH_REPORT_ONLY) {
    // Re-render latest.md from latest.json (e.g. after a change to the table layout).
    const { meta, sections } = JSON.parse(fs.readFileSync(path.join(RESULTS, 'latest.json'), 'utf8')) as { meta: Record<string, unknown>; sections: SectionResult[] };
    fs.writeFileSync(path.join(RESULTS, 'latest.md'), markdown(sections, meta));
    return void console.log(fs.readFileSync(path.join(RESULTS, 'latest.md'), 'utf8'));
  }
  const started = performance.now();
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'unknown';
  const meta: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    loadAtStart: os.loadavg().map((l) => l.toFixed(1)).join(' '),
    node: process.version,
    chromium,
    git: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
  };
  const sections: SectionResult[] = [];
  const write = () => {
    meta.finishedAt = new Date().toISOString();
    meta.totalSeconds = ((performance.now() - started) / 1000).toFixed(0);
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify({ meta, sections }, null, 2));
    fs.writeFileSync(path.join(RESULTS, 'latest.md'), markdown(sections, meta));
  };
  try {
    const buildError = ensureRenderer();
    for (const s of SECTIONS) {
      if (only && !only.includes(s.name)) continue;
      if ((s.name === 'renderer' || s.name === 'frames') && buildError) {
        sections.push({ name: s.name, status: 'failed', reason: `renderer bundle unavailable: ${buildError}`, durationMs: 0, figures: [] });
        continue;
      }
      console.error(`bench: ${s.name}…`);
      const r = await runSection(s.name, s.timeoutMs);
      sections.push(r);
      console.error(`bench: ${s.name} ${r.status} in ${(r.durationMs / 1000).toFixed(0)} s${r.reason ? ` — ${r.reason.split('\n')[0]}` : ''}`);
      write();
    }
  } finally {
    write();
  }
  console.log(fs.readFileSync(path.join(RESULTS, 'latest.md'), 'utf8'));
  console.error(`bench: wrote bench/results/latest.json and latest.md in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

void main();
