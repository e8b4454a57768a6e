// Krippendorff's alpha from a coincidence matrix, for the nominal and the ordinal metric
// ("Computing Krippendorff's Alpha-Reliability", 2011, sections B and C).
//
// A unit contributes its pairable values (two or more): every ordered pair of its values
// (v_i, v_j), i ≠ j, adds 1/(m_u − 1) to the coincidence o[v_i][v_j]. Values missing for
// some coders are simply absent from the unit; units with fewer than two values add nothing.
// Coincidences add up across units and documents, so a bootstrap sums per-unit (or
// per-document) matrices and finishes each replicate with `alphaFromCoincidences`.
//
//   n_c = Σ_k o_ck,  n = Σ_c n_c
//   α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck
//   nominal δ²_ck = [c ≠ k];  ordinal δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²  (c ≤ k, ranks in order)

import type { Measured } from './types';

export const ALPHA_LEVELS = ['nominal', 'ordinal'] as const;
export type AlphaLevel = (typeof ALPHA_LEVELS)[number];

/** Coincidence matrix of K categories, row-major. */
export type Coincidences = Float64Array;

/** A unit's contribution, kept sparse: cell index (c·K + k) and weight, in pairs. */
export interface SparseCoincidences {
  cells: Int32Array;
  weights: Float64Array;
}

/** The coincidences one unit adds, from its pairable values (category indices 0…K−1). */
export function unitCoincidences(values: readonly number[], categoryCount: number): SparseCoincidences {
  const m = values.length;
  if (m < 2) return { cells: new Int32Array(0), weights: new Float64Array(0) };
  const counts = new Map<number, number>();
  for (const v of values) {
    if (!Number.isInteger(v) || v < 0 || v >= categoryCount) throw new RangeError(`category ${v} outside 0…${categoryCount - 1}`);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const cells: number[] = [];
  const weights: number[] = [];
  for (const [c, nc] of counts) {
    for (const [k, nk] of counts) {
      // ordered pairs of distinct values: n_uc · (n_uk − [c = k])
      const pairs = nc * (c === k ? nk - 1 : nk);
      if (pairs === 0) continue;
      cells.push(c * categoryCount + k);
      weights.push(pairs / (m - 1));
    }
  }
  return { cells: Int32Array.from(cells), weights: Float64Array.from(weights) };
}

/** Adds `times` copies of a unit's coincidences into a dense matrix. */
export function addCoincidences(into: Coincidences, unit: SparseCoincidences, times = 1): void {
  for (let i = 0; i < unit.cells.length; i++) into[unit.cells[i]] += times * unit.weights[i];
}

/** Krippendorff's alpha of a coincidence matrix; null with a reason when undefined. */
export function alphaFromCoincidences(o: ArrayLike<number>, categoryCount: number, level: AlphaLevel): Measured {
  const K = categoryCount;
  const marginal = new Float64Array(K);
  let n = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) marginal[c] += o[c * K + k];
    n += marginal[c];
  }
  // sums of fractions: treat what rounding leaves below two values as none
  if (n < 2 - 1e-9) return { value: null, reason: 'no unit has values from two analysts' };
  const delta2 = level === 'nominal' ? nominalDelta2(K) : ordinalDelta2(marginal);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) {
      const d = delta2[c * K + k];
      if (d === 0) continue;
      observed += o[c * K + k] * d;
      expected += marginal[c] * marginal[k] * d;
    }
  }
  if (expected <= 1e-12 * n * n) return { value: null, reason: 'only one value occurs, so there is no variation to agree on' };
  return { value: 1 - ((n - 1) * observed) / expected };
}

/** Observed agreement: the share of pairable value pairs that agree (Σ o_cc / n). */
export function observedAgreement(o: ArrayLike<number>, categoryCount: number): number | null {
  let n = 0;
  let same = 0;
  for (let c = 0; c < categoryCount; c++) {
    for (let k = 0; k < categoryCount; k++) n += o[c * categoryCount + k];
    same += o[c * categoryCount + c];
  }
  return n < 2 - 1e-9 ? null : same / n;
}

function nominalDelta2(K: number): Float64Array {
  const d = new Float64Array(K * K).fill(1);
  for (let c = 0; c < K; c++) d[c * K + c] = 0;
  return d;
}

function ordinalDelta2(marginal: Float64Array): Float64Array {
  const K = marginal.length;
  const d = new Float64Array(K * K);
  for (let c = 0; c < K; c++) {
    let between = 0;
    for (let k = c; k < K; k++) {
      between += marginal[k];
      const x = between - (marginal[c] + marginal[k]) / 2;
      d[c * K + k] = x * x;
      d[k * K + c] = x * x;
    }
  }
  return d;
}
