// The shape of bench/results/latest.json and the helpers that fill it.

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  p50?: number;
  p95?: number;
}

export interface Figure {
  /** Stable id, e.g. "open.app10k.interactive". */
  id: string;
  section: string;
  label: string;
  unit: 'ms' | 'MB' | 'ratio' | 'count';
  summary: Summary;
  /** Id of the figure measured in the same run that this one is compared with. */
  baseline?: string;
  /** A target from the issue, e.g. { max: 1000 } or { maxRatioToBaseline: 1.5 }. */
  target?: { max?: number; maxRatioToBaseline?: number; text: string };
  /** Which value the target applies to (default median). */
  targetOn?: 'median' | 'p95' | 'max';
  role?: 'measure' | 'baseline' | 'diagnostic';
  note?: string;
}

export interface SectionResult {
  name: string;
  status: 'ok' | 'failed' | 'timeout' | 'skipped';
  reason?: string;
  durationMs: number;
  figures: Figure[];
  /** Extra evidence: profiles, splits, counts. */
  details?: Record<string, unknown>;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summarize(values: readonly number[], percentiles = false): Summary {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const s: Summary = { n: sorted.length, median: quantile(sorted, 0.5), min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
  if (percentiles) {
    s.p50 = quantile(sorted, 0.5);
    s.p95 = quantile(sorted, 0.95);
  }
  return s;
}

/** Collects figures for one section. */
export class Figures {
  readonly list: Figure[] = [];
  constructor(readonly section: string) {}

  add(id: string, label: string, values: readonly number[], extra: Partial<Omit<Figure, 'id' | 'section' | 'label' | 'summary'>> & { percentiles?: boolean } = {}): Figure {
    const { percentiles, ...rest } = extra;
    const f: Figure = { id: `${this.section}.${id}`, section: this.section, label, unit: 'ms', role: 'measure', summary: summarize(values, percentiles), ...rest };
    if (f.baseline && !f.baseline.startsWith(`${this.section}.`)) f.baseline = `${this.section}.${f.baseline}`;
    this.list.push(f);
    return f;
  }

  baseline(id: string, label: string, values: readonly number[], extra: Partial<Figure> & { percentiles?: boolean } = {}): Figure {
    return this.add(id, label, values, { ...extra, role: 'baseline' });
  }
}

/** Runs `fn` `runs` times after `warmup` untimed calls; returns wall times in ms. */
export async function timeRuns(runs: number, fn: () => unknown | Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}
