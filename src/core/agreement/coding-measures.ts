// Agreement coefficients for nominal coding data. A study is given as one row per coder,
// one column per unit; each cell holds a category index 0…categoryCount-1, or MISSING.
//
// Each coefficient is split into a tally (sums over units, which add up across documents or
// resampled units) and a finish (the coefficient from a tally), so the corpus computation and
// its bootstrap pool tallies instead of re-reading ratings. The per-study functions are the
// two composed.

import type { Measured } from '../../shared/agreement';

export const MISSING = -1;

export interface CodingStudy {
  /** ratings[coder][unit] */
  ratings: ReadonlyArray<ArrayLike<number>>;
  categoryCount: number;
}

/** Units [from, to) of a study; the whole study by default. */
export interface UnitRange {
  from: number;
  to: number;
}

function unitCount(study: CodingStudy): number {
  return study.ratings.length === 0 ? 0 : study.ratings[0].length;
}

const wholeStudy = (study: CodingStudy): UnitRange => ({ from: 0, to: unitCount(study) });

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

/** Share of units on which two coders chose the same category (units missing for either are skipped). */
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

// ---------------------------------------------------------------- mean pairwise percent agreement
/** Tally size: [Σ share of agreeing pairs, pairable units]. */
export const PERCENT_TALLY = 2;

export function tallyPercentAgreement(study: CodingStudy, out: Float64Array, at: number, range = wholeStudy(study)): void {
  const counts = new Float64Array(study.categoryCount);
  for (let u = range.from; u < range.to; u++) {
    const mu = countCategories(study, u, counts);
    if (mu < 2) continue;
    let agreeingPairs = 0;
    for (let k = 0; k < counts.length; k++) agreeingPairs += counts[k] * (counts[k] - 1);
    out[at] += agreeingPairs / (mu * (mu - 1));
    out[at + 1]++;
  }
}

export function percentAgreementFromTally(t: ArrayLike<number>, at: number, coders: number): Measured {
  if (coders < 2) return { value: null, reason: 'percent agreement needs at least 2 annotators' };
  if (t[at + 1] === 0) return { value: null, reason: 'no unit was coded by at least 2 annotators' };
  return { value: t[at] / t[at + 1] };
}

/**
 * Mean over all coder pairs of their percent agreement, computed per unit as the share of
 * agreeing ordered coder pairs (equal to the pairwise mean when no value is missing).
 */
export function meanPairwisePercentAgreement(study: CodingStudy): Measured {
  const t = new Float64Array(PERCENT_TALLY);
  tallyPercentAgreement(study, t, 0);
  return percentAgreementFromTally(t, 0, study.ratings.length);
}

// ---------------------------------------------------------------- Cohen's kappa
/** Tally size: [agreements, units, A's count per category…, B's count per category…]. */
export const cohenTallySize = (categoryCount: number): number => 2 + 2 * categoryCount;

export function tallyCohenKappa(a: ArrayLike<number>, b: ArrayLike<number>, categoryCount: number, out: Float64Array, at: number, range: UnitRange = { from: 0, to: a.length }): void {
  for (let u = range.from; u < range.to; u++) {
    if (a[u] === MISSING || b[u] === MISSING) continue;
    out[at + 1]++;
    out[at + 2 + a[u]]++;
    out[at + 2 + categoryCount + b[u]]++;
    if (a[u] === b[u]) out[at]++;
  }
}

export function cohenKappaFromTally(t: ArrayLike<number>, at: number, categoryCount: number): Measured {
  const n = t[at + 1];
  if (n === 0) return { value: null, reason: 'no unit was coded by both annotators' };
  const po = t[at] / n;
  let pe = 0;
  for (let k = 0; k < categoryCount; k++) pe += (t[at + 2 + k] / n) * (t[at + 2 + categoryCount + k] / n);
  if (pe >= 1 - 1e-12) {
    return { value: null, reason: 'both annotators used one and the same category throughout (expected agreement is 1)' };
  }
  return { value: (po - pe) / (1 - pe) };
}

/** Cohen (1960) kappa for two coders; units missing for either coder are skipped. */
export function cohenKappa(a: ArrayLike<number>, b: ArrayLike<number>, categoryCount: number): Measured {
  const t = new Float64Array(cohenTallySize(categoryCount));
  tallyCohenKappa(a, b, categoryCount, t, 0);
  return cohenKappaFromTally(t, 0, categoryCount);
}

// ---------------------------------------------------------------- Fleiss' kappa
/** Tally size: [Σ P_u, complete units, values per category…]. */
export const fleissTallySize = (categoryCount: number): number => 2 + categoryCount;

export function tallyFleissKappa(study: CodingStudy, out: Float64Array, at: number, range = wholeStudy(study)): void {
  const m = study.ratings.length;
  const counts = new Float64Array(study.categoryCount);
  for (let u = range.from; u < range.to; u++) {
    if (countCategories(study, u, counts) < m) continue; // Fleiss needs every annotator's value
    let agreeingPairs = 0;
    for (let k = 0; k < counts.length; k++) {
      agreeingPairs += counts[k] * (counts[k] - 1);
      out[at + 2 + k] += counts[k];
    }
    out[at] += agreeingPairs / (m * (m - 1));
    out[at + 1]++;
  }
}

export function fleissKappaFromTally(t: ArrayLike<number>, at: number, categoryCount: number, coders: number): Measured {
  if (coders < 2) return { value: null, reason: "Fleiss' kappa needs at least 2 annotators" };
  const units = t[at + 1];
  if (units === 0) return { value: null, reason: 'no unit was coded by every annotator' };
  const pBar = t[at] / units;
  let pe = 0;
  for (let k = 0; k < categoryCount; k++) {
    const p = t[at + 2 + k] / (units * coders);
    pe += p * p;
  }
  if (pe >= 1 - 1e-12) return { value: null, reason: 'all annotators used one and the same category throughout (expected agreement is 1)' };
  return { value: (pBar - pe) / (1 - pe) };
}

/** Fleiss (1971) kappa. Needs every coder to rate every unit: units with a missing value are skipped. */
export function fleissKappa(study: CodingStudy): Measured {
  const t = new Float64Array(fleissTallySize(study.categoryCount));
  if (study.ratings.length >= 2) tallyFleissKappa(study, t, 0);
  return fleissKappaFromTally(t, 0, study.categoryCount, study.ratings.length);
}

// ---------------------------------------------------------------- Krippendorff's alpha (nominal)
/** Tally size: [Σ_u Σ_{c≠k} n_uc·n_uk/(m_u − 1), pairable values n, values per category…]. */
export const alphaTallySize = (categoryCount: number): number => 2 + categoryCount;

export function tallyAlphaNominal(study: CodingStudy, out: Float64Array, at: number, range = wholeStudy(study)): void {
  const counts = new Float64Array(study.categoryCount);
  for (let u = range.from; u < range.to; u++) {
    const mu = countCategories(study, u, counts);
    if (mu < 2) continue;
    let sameSquares = 0;
    for (let k = 0; k < counts.length; k++) {
      sameSquares += counts[k] * counts[k];
      out[at + 2 + k] += counts[k];
    }
    // Σ_{c≠k} n_uc·n_uk = m_u² − Σ_c n_uc²
    out[at] += (mu * mu - sameSquares) / (mu - 1);
    out[at + 1] += mu;
  }
}

export function alphaNominalFromTally(t: ArrayLike<number>, at: number, categoryCount: number, coders: number): Measured {
  if (coders < 2) return { value: null, reason: "Krippendorff's alpha needs at least 2 annotators" };
  const n = t[at + 1];
  if (n < 2) return { value: null, reason: 'no unit was coded by at least 2 annotators' };
  let marginalSquares = 0;
  for (let k = 0; k < categoryCount; k++) marginalSquares += t[at + 2 + k] * t[at + 2 + k];
  const expectedNumerator = n * n - marginalSquares;
  if (expectedNumerator === 0) {
    return { value: null, reason: 'only one category occurs in the data (expected disagreement is 0)' };
  }
  // α = 1 − D_o/D_e with D_o = obs/n and D_e = exp/(n(n−1))
  return { value: 1 - ((n - 1) * t[at]) / expectedNumerator };
}

/**
 * Krippendorff's alpha with the nominal metric, from the coincidence matrix
 * ("Computing Krippendorff's Alpha-Reliability", 2011). Units with fewer than two values are
 * not pairable and are ignored; missing values are allowed.
 */
export function krippendorffAlphaNominal(study: CodingStudy): Measured {
  const t = new Float64Array(alphaTallySize(study.categoryCount));
  tallyAlphaNominal(study, t, 0);
  return alphaNominalFromTally(t, 0, study.categoryCount, study.ratings.length);
}
