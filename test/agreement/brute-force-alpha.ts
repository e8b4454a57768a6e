// An independent oracle for Krippendorff's alpha (nominal and ordinal): straight from the
// definition α = 1 − D_o / D_e by enumerating every pair of pairable values, without the
// coincidence matrix the implementation under test uses. Test code only.

/** data[coder][unit]: a category rank 0…K−1, or null when the coder gave no value. */
export type ReliabilityData = ReadonlyArray<ReadonlyArray<number | null>>;

export function bruteForceAlpha(data: ReliabilityData, level: 'nominal' | 'ordinal'): number | null {
  const unitCount = data[0]?.length ?? 0;
  const units: number[][] = [];
  for (let u = 0; u < unitCount; u++) {
    const values = data.map((row) => row[u]).filter((v): v is number => v !== null);
    if (values.length >= 2) units.push(values);
  }
  const pooled = units.flat();
  const n = pooled.length;
  if (n < 2) return null;
  const frequency = new Map<number, number>();
  for (const v of pooled) frequency.set(v, (frequency.get(v) ?? 0) + 1);
  const delta2 = (c: number, k: number): number => {
    if (level === 'nominal') return c === k ? 0 : 1;
    const [lo, hi] = c <= k ? [c, k] : [k, c];
    let between = 0;
    for (let g = lo; g <= hi; g++) between += frequency.get(g) ?? 0;
    const x = between - ((frequency.get(lo) ?? 0) + (frequency.get(hi) ?? 0)) / 2;
    return x * x;
  };
  let observed = 0;
  for (const values of units) {
    let sum = 0;
    for (let i = 0; i < values.length; i++) for (let j = 0; j < values.length; j++) if (i !== j) sum += delta2(values[i], values[j]);
    observed += sum / (values.length - 1);
  }
  let expected = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) expected += delta2(pooled[i], pooled[j]);
  if (expected === 0) return null;
  return 1 - (observed / n) / (expected / (n * (n - 1)));
}
