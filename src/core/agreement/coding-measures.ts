// Agreement coefficients for nominal coding data. A study is given as one row per coder,
// one column per unit; each cell holds a category index 0…categoryCount-1, or MISSING.

import type { Measured } from './types';

export const MISSING = -1;

export interface CodingStudy {
  /** ratings[coder][unit] */
  ratings: ReadonlyArray<ArrayLike<number>>;
  categoryCount: number;
}

function unitCount(study: CodingStudy): number {
  return study.ratings.length === 0 ? 0 : study.ratings[0].length;
}

/** Share of units on which two coders chose the same category (units missing for either are skipped). */
/** Fills `counts` with how many annotators gave unit `u` each category; returns how many gave any. */
function countCategories(study: CodingStudy, u: number, counts: Float64Array): number {
  counts.fill(0);
  let values = 0;
  for (const ratings of study.ratings) {
    const v = ratings[u];
    if (v === MISSING) continue;
    counts[v]++;
    values++;
  }
  return values;
}

export function pairPercentAgreement(a: ArrayLike<number>, b: ArrayLike<number>): Measured {
  let agree = 0;
  let n = 0;
  for (let u = 0; u < a.length; u++) {
    if (a[u] === MISSING || b[u] === MISSING) continue;
    n++;
    if (a[u] === b[u]) agree++;
  }
  if (n === 0) return { value: null, reason: 'no unit was coded by both annotators' };
  return { value: agree / n };
}

/**
 * Mean over all coder pairs of their percent agreement, computed per unit as the share of
 * agreeing ordered coder pairs (equal to the pairwise mean when no value is missing).
 */
export function meanPairwisePercentAgreement(study: CodingStudy): Measured {
  const m = study.ratings.length;
  if (m < 2) return { value: null, reason: 'percent agreement needs at least 2 annotators' };
  const n = unitCount(study);
  const counts = new Float64Array(study.categoryCount);
  let sum = 0;
  let units = 0;
  for (let u = 0; u < n; u++) {
    const mu = countCategories(study, u, counts);
    if (mu < 2) continue;
    let agreeingPairs = 0;
    for (let k = 0; k < counts.length; k++) agreeingPairs += counts[k] * (counts[k] - 1);
    sum += agreeingPairs / (mu * (mu - 1));
    units++;
  }
  if (units === 0) return { value: null, reason: 'no unit was coded by at least 2 annotators' };
  return { value: sum / units };
}

/** Cohen (1960) kappa for two coders; units missing for either coder are skipped. */
export function cohenKappa(a: ArrayLike<number>, b: ArrayLike<number>, categoryCount: number): Measured {
  const pa = new Float64Array(categoryCount);
  const pb = new Float64Array(categoryCount);
  let agree = 0;
  let n = 0;
  for (let u = 0; u < a.length; u++) {
    if (a[u] === MISSING || b[u] === MISSING) continue;
    n++;
    pa[a[u]]++;
    pb[b[u]]++;
    if (a[u] === b[u]) agree++;
  }
  if (n === 0) return { value: null, reason: 'no unit was coded by both annotators' };
  const po = agree / n;
  let pe = 0;
  for (let k = 0; k < categoryCount; k++) pe += (pa[k] / n) * (pb[k] / n);
  if (pe >= 1 - 1e-12) {
    return { value: null, reason: 'both annotators used one and the same category throughout (expected agreement is 1)' };
  }
  return { value: (po - pe) / (1 - pe) };
}

/** Fleiss (1971) kappa. Needs every coder to rate every unit: units with a missing value are skipped. */
export function fleissKappa(study: CodingStudy): Measured {
  const m = study.ratings.length;
  if (m < 2) return { value: null, reason: "Fleiss' kappa needs at least 2 annotators" };
  const n = unitCount(study);
  const totals = new Float64Array(study.categoryCount);
  const counts = new Float64Array(study.categoryCount);
  let pSum = 0;
  let units = 0;
  for (let u = 0; u < n; u++) {
    if (countCategories(study, u, counts) < m) continue; // Fleiss needs every annotator's value
    let agreeingPairs = 0;
    for (let k = 0; k < counts.length; k++) {
      agreeingPairs += counts[k] * (counts[k] - 1);
      totals[k] += counts[k];
    }
    pSum += agreeingPairs / (m * (m - 1));
    units++;
  }
  if (units === 0) return { value: null, reason: 'no unit was coded by every annotator' };
  const pBar = pSum / units;
  let pe = 0;
  for (let k = 0; k < totals.length; k++) {
    const p = totals[k] / (units * m);
    pe += p * p;
  }
  if (pe >= 1 - 1e-12) return { value: null, reason: 'all annotators used one and the same category throughout (expected agreement is 1)' };
  return { value: (pBar - pe) / (1 - pe) };
}

/**
 * Krippendorff's alpha with the nominal metric, from the coincidence matrix
 * ("Computing Krippendorff's Alpha-Reliability", 2011). Units with fewer than two values are
 * not pairable and are ignored; missing values are allowed.
 */
export function krippendorffAlphaNominal(study: CodingStudy): Measured {
  const m = study.ratings.length;
  if (m < 2) return { value: null, reason: "Krippendorff's alpha needs at least 2 annotators" };
  const units = unitCount(study);
  const counts = new Float64Array(study.categoryCount);
  const marginals = new Float64Array(study.categoryCount);
  let observedNumerator = 0;
  let n = 0;
  for (let u = 0; u < units; u++) {
    const mu = countCategories(study, u, counts);
    if (mu < 2) continue;
    let sameSquares = 0;
    for (let k = 0; k < counts.length; k++) {
      sameSquares += counts[k] * counts[k];
      marginals[k] += counts[k];
    }
    // Σ_{c≠k} n_uc·n_uk = m_u² − Σ_c n_uc²
    observedNumerator += (mu * mu - sameSquares) / (mu - 1);
    n += mu;
  }
  if (n < 2) return { value: null, reason: 'no unit was coded by at least 2 annotators' };
  let marginalSquares = 0;
  for (let k = 0; k < marginals.length; k++) marginalSquares += marginals[k] * marginals[k];
  const expectedNumerator = n * n - marginalSquares;
  if (expectedNumerator === 0) {
    return { value: null, reason: 'only one category occurs in the data (expected disagreement is 0)' };
  }
  // α = 1 − D_o/D_e with D_o = obs/n and D_e = exp/(n(n−1))
  return { value: 1 - ((n - 1) * observedNumerator) / expectedNumerator };
}
