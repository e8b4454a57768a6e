// Krippendorff's unitizing alpha (α_u) over a continuum, per category and overall.
//
// Definitions follow Krippendorff (1995, "On the reliability of unitizing continuous data")
// in the form of Content Analysis (2004, sec. 12.4) and DKPro Statistics'
// KrippendorffAlphaUnitizingAgreement: for each category c every rater's continuum is cut into
// units of c and the gaps between them;
//   D_o(c) = Σ_{ordered rater pairs i≠j} Σ_g Σ_h δ²(g,h) / (m(m−1)L²)
//     δ²(unit g, unit h) = (b_g − b_h)² + (e_g − e_h)²   if they overlap
//     δ²(unit g, gap h)  = l_g²                          if the gap contains the unit
//     δ² = 0 otherwise
//   D_e(c) = (2/L) Σ_{units u of c} [ (N_c−1)·l_u(l_u−1)(2l_u−1)/3 + l_u² Σ_{gaps g, l_g ≥ l_u} (l_g − l_u + 1) ]
//            / ( mL(mL−1) − Σ_{units u of c} l_u(l_u−1) )
//   α_u(c) = 1 − D_o(c)/D_e(c);   α_u = 1 − Σ_c D_o(c) / Σ_c D_e(c)
// Only pairs of overlapping segments can have δ² > 0, so D_o is a merge of two sorted segment
// lists per rater pair, and the gap sum in D_e uses prefix sums over sorted gap lengths:
// O(m·n + n log n) instead of O(n²).
// One deliberate difference from DKPro: where D_e = 0 (e.g. every rater marks the whole
// continuum) DKPro reports 0; α_u is undefined there, so we report null with a reason.

import { lowerBound } from '../../shared/sorted-search';
import { AppFailure } from '../../shared/result';
import type { Measured } from '../../shared/agreement';

export interface UnitizingUnit {
  rater: number;
  category: string;
  begin: number;
  length: number;
}

export interface UnitizingStudy {
  begin: number;
  length: number;
  raterCount: number;
  /** Units of one rater and one category must not overlap one another. */
  units: readonly UnitizingUnit[];
}

export interface CategoryDisagreement {
  observed: number;
  expected: number;
  alpha: Measured;
}

export interface UnitizingAlphaResult {
  overall: Measured;
  byCategory: Map<string, CategoryDisagreement>;
}

/** One rater's partition of the continuum for one category: alternating gaps and units. */
interface Segments {
  begin: Float64Array;
  end: Float64Array;
  isUnit: Uint8Array;
  count: number;
}

export function unitizingAlpha(study: UnitizingStudy): UnitizingAlphaResult {
  const byCategory = new Map<string, CategoryDisagreement>();
  const { raterCount: m, length: L } = study;
  if (m < 2) return { overall: { value: null, reason: 'α_u needs at least 2 annotators' }, byCategory };
  if (L <= 0) return { overall: { value: null, reason: 'α_u is undefined on an empty text' }, byCategory };

  const grouped = groupByCategoryAndRater(study);
  if (grouped.size === 0) {
    return { overall: { value: null, reason: 'α_u is undefined without any annotation' }, byCategory };
  }
  let observedSum = 0;
  let expectedSum = 0;
  for (const [category, perRater] of grouped) {
    const segments = perRater.map((units) => toSegments(units, study.begin, study.begin + L));
    const observed = observedDisagreement(segments, L);
    const expected = expectedDisagreement(perRater, segments, m, L);
    observedSum += observed;
    expectedSum += expected;
    const alpha: Measured =
      expected > 0
        ? { value: 1 - observed / expected }
        : { value: null, reason: `α_u for "${category}" is undefined: the expected disagreement is 0` };
    byCategory.set(category, { observed, expected, alpha });
  }
  const overall: Measured =
    expectedSum > 0 ? { value: 1 - observedSum / expectedSum } : { value: null, reason: 'α_u is undefined: the expected disagreement is 0' };
  return { overall, byCategory };
}

/** Units as sorted [begin, end) pairs, per category (sorted) and rater. */
export function groupByCategoryAndRater(study: UnitizingStudy): Map<string, Array<Array<[number, number]>>> {
  const end = study.begin + study.length;
  const byCategory = new Map<string, Array<Array<[number, number]>>>();
  for (const unit of study.units) {
    if (!(unit.rater >= 0 && unit.rater < study.raterCount && Number.isInteger(unit.rater))) {
      throw new AppFailure({ code: 'invalid-input', message: `Unit rater ${unit.rater} is not one of the ${study.raterCount} raters.` });
    }
    if (!(unit.length > 0 && unit.begin >= study.begin && unit.begin + unit.length <= end)) {
      throw new AppFailure({
        code: 'invalid-input',
        message: `Unit [${unit.begin}, ${unit.begin + unit.length}) is empty or outside the continuum [${study.begin}, ${end}).`,
      });
    }
    let perRater = byCategory.get(unit.category);
    if (!perRater) {
      perRater = Array.from({ length: study.raterCount }, () => []);
      byCategory.set(unit.category, perRater);
    }
    perRater[unit.rater].push([unit.begin, unit.begin + unit.length]);
  }
  for (const [category, perRater] of byCategory) {
    for (const units of perRater) {
      units.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      for (let i = 1; i < units.length; i++) {
        if (units[i][0] < units[i - 1][1]) {
          throw new AppFailure({
            code: 'invalid-input',
            message: `Units of one rater for "${category}" overlap at [${units[i][0]}, ${units[i - 1][1]}); merge them first.`,
          });
        }
      }
    }
  }
  return new Map([...byCategory].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Σ δ² over every unordered pair of raters for one category on [begin, end) (not normalised).
 * Used to pool documents: a document's sum is unchanged when it is laid next to others,
 * because segments overlap only within their document and a unit lies inside a gap of the
 * longer continuum exactly when it lies inside that gap's part within its document.
 */
export function observedPairSum(perRater: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, begin: number, end: number): number {
  const segments = perRater.map((units) => toSegments(units, begin, end));
  let sum = 0;
  for (let r1 = 0; r1 < segments.length; r1++) {
    for (let r2 = r1 + 1; r2 < segments.length; r2++) sum += pairDisagreement(segments[r1], segments[r2]);
  }
  return sum;
}

function toSegments(units: ReadonlyArray<readonly [number, number]>, begin: number, end: number): Segments {
  const capacity = 2 * units.length + 1;
  const s: Segments = { begin: new Float64Array(capacity), end: new Float64Array(capacity), isUnit: new Uint8Array(capacity), count: 0 };
  const push = (b: number, e: number, isUnit: boolean): void => {
    s.begin[s.count] = b;
    s.end[s.count] = e;
    s.isUnit[s.count] = isUnit ? 1 : 0;
    s.count++;
  };
  let pos = begin;
  for (const [b, e] of units) {
    if (b > pos) push(pos, b, false);
    push(b, e, true);
    pos = e;
  }
  if (pos < end) push(pos, end, false);
  return s;
}

function observedDisagreement(segments: Segments[], L: number): number {
  const m = segments.length;
  let sum = 0;
  for (let r1 = 0; r1 < m; r1++) {
    for (let r2 = r1 + 1; r2 < m; r2++) {
      const s1 = segments[r1];
      const s2 = segments[r2];
      // Two raters without units of this category are one gap each: nothing to add.
      if (s1.count === 1 && s2.count === 1 && !s1.isUnit[0] && !s2.isUnit[0]) continue;
      sum += pairDisagreement(s1, s2);
    }
  }
  // Each unordered pair stands for the two ordered pairs (i, j) and (j, i).
  return (2 * sum) / (m * (m - 1) * L * L);
}

/** Σ δ² over all overlapping segment pairs of two raters (a two-pointer merge). */
function pairDisagreement(s1: Segments, s2: Segments): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < s1.count && j < s2.count) {
    sum += segmentDistance(s1.begin[i], s1.end[i], s1.isUnit[i] === 1, s2.begin[j], s2.end[j], s2.isUnit[j] === 1);
    const e1 = s1.end[i];
    const e2 = s2.end[j];
    if (e1 <= e2) i++;
    if (e2 <= e1) j++;
  }
  return sum;
}

/** δ² of two overlapping segments (Krippendorff 2004, p. 253). */
export function segmentDistance(b1: number, e1: number, unit1: boolean, b2: number, e2: number, unit2: boolean): number {
  if (unit1 && unit2) {
    const db = b1 - b2;
    const de = e1 - e2;
    return db * db + de * de;
  }
  if (unit1 && !unit2 && b2 <= b1 && e1 <= e2) return (e1 - b1) * (e1 - b1);
  if (!unit1 && unit2 && b1 <= b2 && e2 <= e1) return (e2 - b2) * (e2 - b2);
  return 0;
}

function expectedDisagreement(perRater: Array<Array<[number, number]>>, segments: Segments[], m: number, L: number): number {
  const gaps: number[] = [];
  for (const s of segments) {
    for (let k = 0; k < s.count; k++) if (!s.isUnit[k]) gaps.push(s.end[k] - s.begin[k]);
  }
  gaps.sort((a, b) => a - b);
  // suffix[k] = Σ gaps[k..]
  const suffix = new Float64Array(gaps.length + 1);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1] + gaps[k];

  let unitCount = 0;
  let squaredLengths = 0;
  for (const units of perRater) {
    for (const [b, e] of units) {
      const l = e - b;
      unitCount++;
      squaredLengths += l * (l - 1);
    }
  }
  let sum = 0;
  for (const units of perRater) {
    for (const [b, e] of units) {
      const l = e - b;
      const within = ((unitCount - 1) * l * (l - 1) * (2 * l - 1)) / 3;
      const first = lowerBound(gaps, l); // gaps at least as long as the unit
      const longGaps = gaps.length - first;
      const placements = suffix[first] - (l - 1) * longGaps; // Σ (l_g − l + 1)
      sum += within + l * l * placements;
    }
  }
  const denominator = m * L * (m * L - 1) - squaredLengths;
  return ((2 / L) * sum) / denominator;
}
