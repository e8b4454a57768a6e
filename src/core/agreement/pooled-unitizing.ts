// Krippendorff's α_u pooled over documents laid end to end as one continuum, computed from
// per-document sufficient statistics so that a bootstrap resample (any sequence of documents,
// repeats allowed) costs O(units + distinct lengths) instead of rebuilding the continuum.
//
// With the notation of unitizing-alpha.ts, for one category on the concatenated continuum:
//   * Σ δ² (the numerator of D_o) is the sum of the documents' sums (see observedPairSum);
//   * N_c, Σ l(l−1)(2l−1)/3 and Σ l(l−1) over units add up across documents;
//   * the gap term Σ_u Σ_{g: l_g ≥ l_u} l_u²(l_g − l_u + 1) = Σ_g [(l_g + 1)·P2(l_g) − P3(l_g)],
//     where P2(x) = Σ_{u: l_u ≤ x} l_u² and P3(x) = Σ_{u: l_u ≤ x} l_u³ over all units of the
//     continuum. Gaps between two units of one document are the document's own; a rater's
//     trailing gap of one document joins the leading gap of the next (and a document where
//     the rater has no unit of the category is one gap that joins both neighbours), so those
//     joined gaps are rebuilt per sequence — a handful per rater and document.
// The result equals unitizingAlpha() on the concatenated continuum (tested against it).

import type { Measured } from '../../shared/agreement';
import { groupByCategoryAndRater, observedPairSum, type CategoryDisagreement, type UnitizingAlphaResult, type UnitizingUnit } from './unitizing-alpha';
import { upperBound } from '../../shared/sorted-search';

export interface UnitizingDocument {
  /** Length of the document's continuum; units are at [0, length). */
  length: number;
  units: readonly UnitizingUnit[];
}

/** One document's statistics for one category. */
interface DocumentCategory {
  observed: number;
  unitCount: number;
  /** Σ l(l−1)(2l−1)/3 */
  within: number;
  /** Σ l(l−1) */
  squared: number;
  /** Sparse histogram of unit lengths: index into the category's sorted distinct lengths, count. */
  unitIndex: Int32Array;
  unitTally: Float64Array;
  /** Interior gaps grouped by upperBound(lengths, l_g): Σ (l_g + 1) and count per group. */
  gapIndex: Int32Array;
  gapWeight: Float64Array;
  gapCount: Float64Array;
  /** Per rater: does it have a unit here, and the gap before its first and after its last. */
  hasUnits: Uint8Array;
  lead: Float64Array;
  trail: Float64Array;
}

export class PooledUnitizing {
  readonly categories: string[];
  private readonly lengths: Float64Array[];
  /** perDocument[d][c] is null when document d has no unit of category c. */
  private readonly perDocument: Array<Array<DocumentCategory | null>>;
  private readonly documentLength: Float64Array;
  /** Work buffers per category, reused across calls: histogram of unit lengths, P2, P3. */
  private readonly buffers: Array<{ histogram: Float64Array; p2: Float64Array; p3: Float64Array }>;

  constructor(
    documents: readonly UnitizingDocument[],
    readonly raterCount: number,
  ) {
    const grouped = documents.map((d) => groupByCategoryAndRater({ begin: 0, length: d.length, raterCount, units: d.units }));
    const categorySet = new Set<string>();
    for (const g of grouped) for (const c of g.keys()) categorySet.add(c);
    this.categories = [...categorySet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.documentLength = Float64Array.from(documents, (d) => d.length);
    this.lengths = this.categories.map((c) => {
      const set = new Set<number>();
      for (const g of grouped) for (const units of g.get(c) ?? []) for (const [b, e] of units) set.add(e - b);
      return Float64Array.from([...set].sort((x, y) => x - y));
    });
    this.buffers = this.lengths.map((l) => ({ histogram: new Float64Array(l.length), p2: new Float64Array(l.length + 1), p3: new Float64Array(l.length + 1) }));
    this.perDocument = grouped.map((g, d) =>
      this.categories.map((c, k) => {
        const perRater = g.get(c);
        return perRater ? documentCategory(perRater, documents[d].length, this.lengths[k]) : null;
      }),
    );
  }

  get documentCount(): number {
    return this.documentLength.length;
  }

  /** α_u of the continuum made of the documents `sequence` (indices, repeats allowed) in that order. */
  alpha(sequence: ArrayLike<number>): UnitizingAlphaResult {
    const byCategory = new Map<string, CategoryDisagreement>();
    const m = this.raterCount;
    if (m < 2) return { overall: { value: null, reason: 'α_u needs at least 2 annotators' }, byCategory };
    let L = 0;
    for (let s = 0; s < sequence.length; s++) L += this.documentLength[sequence[s]];
    if (L <= 0) return { overall: { value: null, reason: 'α_u is undefined on an empty text' }, byCategory };
    let observedSum = 0;
    let expectedSum = 0;
    for (let k = 0; k < this.categories.length; k++) {
      const result = this.category(k, sequence, L);
      if (!result) continue;
      observedSum += result.observed;
      expectedSum += result.expected;
      byCategory.set(this.categories[k], result);
    }
    if (byCategory.size === 0) return { overall: { value: null, reason: 'α_u is undefined without any annotation' }, byCategory };
    const overall: Measured =
      expectedSum > 0 ? { value: 1 - observedSum / expectedSum } : { value: null, reason: 'α_u is undefined: the expected disagreement is 0' };
    return { overall, byCategory };
  }

  private category(k: number, sequence: ArrayLike<number>, L: number): CategoryDisagreement | null {
    const m = this.raterCount;
    const lengths = this.lengths[k];
    const { histogram, p2, p3 } = this.buffers[k];
    histogram.fill(0);
    let units = 0;
    let within = 0;
    let squared = 0;
    let observed = 0;
    for (let s = 0; s < sequence.length; s++) {
      const dc = this.perDocument[sequence[s]][k];
      if (!dc) continue;
      units += dc.unitCount;
      within += dc.within;
      squared += dc.squared;
      observed += dc.observed;
      for (let i = 0; i < dc.unitIndex.length; i++) histogram[dc.unitIndex[i]] += dc.unitTally[i];
    }
    if (units === 0) return null;
    // p2[j] / p3[j]: Σ l² / Σ l³ over units whose length is among the j shortest distinct lengths
    for (let j = 0; j < lengths.length; j++) {
      const l = lengths[j];
      p2[j + 1] = p2[j] + histogram[j] * l * l;
      p3[j + 1] = p3[j] + histogram[j] * l * l * l;
    }
    let placements = 0;
    for (let s = 0; s < sequence.length; s++) {
      const dc = this.perDocument[sequence[s]][k];
      if (!dc) continue;
      for (let i = 0; i < dc.gapIndex.length; i++) placements += dc.gapWeight[i] * p2[dc.gapIndex[i]] - dc.gapCount[i] * p3[dc.gapIndex[i]];
    }
    const joinedGap = (x: number): number => {
      const j = upperBound(lengths, x);
      return (x + 1) * p2[j] - p3[j];
    };
    for (let r = 0; r < m; r++) {
      let carry = 0;
      for (let s = 0; s < sequence.length; s++) {
        const d = sequence[s];
        const dc = this.perDocument[d][k];
        if (!dc || !dc.hasUnits[r]) {
          carry += this.documentLength[d];
          continue;
        }
        carry += dc.lead[r];
        if (carry > 0) placements += joinedGap(carry);
        carry = dc.trail[r];
      }
      if (carry > 0) placements += joinedGap(carry);
    }
    const expected = ((2 / L) * ((units - 1) * within + placements)) / (m * L * (m * L - 1) - squared);
    const observedNormalised = (2 * observed) / (m * (m - 1) * L * L);
    const alpha: Measured =
      expected > 0
        ? { value: 1 - observedNormalised / expected }
        : { value: null, reason: `α_u for "${this.categories[k]}" is undefined: the expected disagreement is 0` };
    return { observed: observedNormalised, expected, alpha };
  }
}

function documentCategory(perRater: Array<Array<[number, number]>>, length: number, lengths: Float64Array): DocumentCategory {
  const m = perRater.length;
  const unitHistogram = new Map<number, number>();
  const gaps = new Map<number, { weight: number; count: number }>();
  const dc: DocumentCategory = {
    observed: observedPairSum(perRater, 0, length),
    unitCount: 0,
    within: 0,
    squared: 0,
    unitIndex: new Int32Array(0),
    unitTally: new Float64Array(0),
    gapIndex: new Int32Array(0),
    gapWeight: new Float64Array(0),
    gapCount: new Float64Array(0),
    hasUnits: new Uint8Array(m),
    lead: new Float64Array(m),
    trail: new Float64Array(m),
  };
  perRater.forEach((units, r) => {
    if (units.length === 0) return;
    dc.hasUnits[r] = 1;
    dc.lead[r] = units[0][0];
    dc.trail[r] = length - units[units.length - 1][1];
    units.forEach(([b, e], i) => {
      const l = e - b;
      dc.unitCount++;
      dc.within += (l * (l - 1) * (2 * l - 1)) / 3;
      dc.squared += l * (l - 1);
      const j = upperBound(lengths, l) - 1;
      unitHistogram.set(j, (unitHistogram.get(j) ?? 0) + 1);
      if (i > 0 && b > units[i - 1][1]) {
        const g = b - units[i - 1][1];
        const j2 = upperBound(lengths, g);
        const entry = gaps.get(j2) ?? { weight: 0, count: 0 };
        entry.weight += g + 1;
        entry.count++;
        gaps.set(j2, entry);
      }
    });
  });
  dc.unitIndex = Int32Array.from(unitHistogram.keys());
  dc.unitTally = Float64Array.from(unitHistogram.values());
  dc.gapIndex = Int32Array.from(gaps.keys());
  dc.gapWeight = Float64Array.from(gaps.values(), (g) => g.weight);
  dc.gapCount = Float64Array.from(gaps.values(), (g) => g.count);
  return dc;
}

/** Number of values in `sorted` that are ≤ value. */
