// Reference oracle for tests only: Krippendorff's α_u straight from the formulas (2004,
// sec. 12.4), every pair of segments, no sorting tricks. Quadratic; small studies only.

import type { UnitizingStudy } from '../../src/core/agreement/unitizing-alpha';

interface Segment {
  b: number;
  e: number;
  unit: boolean;
}

export interface BruteForceResult {
  overall: number | null;
  byCategory: Map<string, { observed: number; expected: number; alpha: number | null }>;
}

export function bruteForceUnitizingAlpha(study: UnitizingStudy): BruteForceResult {
  const { raterCount: m, length: L, begin } = study;
  const end = begin + L;
  const categories = [...new Set(study.units.map((u) => u.category))].sort();
  const byCategory = new Map<string, { observed: number; expected: number; alpha: number | null }>();
  let oSum = 0;
  let eSum = 0;
  for (const c of categories) {
    const segmentsOf: Segment[][] = [];
    for (let r = 0; r < m; r++) {
      const units = study.units.filter((u) => u.rater === r && u.category === c).map((u) => [u.begin, u.begin + u.length]).sort((x, y) => x[0] - y[0]);
      const segs: Segment[] = [];
      let pos = begin;
      for (const [b, e] of units) {
        if (b > pos) segs.push({ b: pos, e: b, unit: false });
        segs.push({ b, e, unit: true });
        pos = e;
      }
      if (pos < end) segs.push({ b: pos, e: end, unit: false });
      segmentsOf.push(segs);
    }
    let o = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        for (const g of segmentsOf[i]) for (const h of segmentsOf[j]) o += delta(g, h);
      }
    }
    const observed = o / (m * (m - 1) * L * L);
    const all = segmentsOf.flat();
    const units = all.filter((s) => s.unit).map((s) => s.e - s.b);
    const gaps = all.filter((s) => !s.unit).map((s) => s.e - s.b);
    const N = units.length;
    let sum = 0;
    for (const l of units) {
      sum += ((N - 1) * l * (l - 1) * (2 * l - 1)) / 3;
      for (const g of gaps) if (g >= l) sum += l * l * (g - l + 1);
    }
    let sq = 0;
    for (const l of units) sq += l * (l - 1);
    const expected = ((2 / L) * sum) / (m * L * (m * L - 1) - sq);
    oSum += observed;
    eSum += expected;
    byCategory.set(c, { observed, expected, alpha: expected > 0 ? 1 - observed / expected : null });
  }
  return { overall: categories.length === 0 || eSum <= 0 ? null : 1 - oSum / eSum, byCategory };
}

function delta(g: Segment, h: Segment): number {
  if (!(g.b < h.e && h.b < g.e)) return 0;
  if (g.unit && h.unit) return (g.b - h.b) ** 2 + (g.e - h.e) ** 2;
  if (g.unit && !h.unit && h.b <= g.b && g.e <= h.e) return (g.e - g.b) ** 2;
  if (!g.unit && h.unit && g.b <= h.b && h.e <= g.e) return (h.e - h.b) ** 2;
  return 0;
}
