import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlphaNominal, meanPairwisePercentAgreement, MISSING, type CodingStudy } from './coding-measures';

/** Builds a study from rows of values per unit (one value per coder, null = missing). */
function study(units: ReadonlyArray<ReadonlyArray<string | number | null>>): CodingStudy {
  const categories = new Map<string, number>();
  const coders = units[0].length;
  const ratings = Array.from({ length: coders }, () => new Int32Array(units.length));
  units.forEach((unit, u) =>
    unit.forEach((v, c) => {
      if (v === null) ratings[c][u] = MISSING;
      else {
        const key = String(v);
        if (!categories.has(key)) categories.set(key, categories.size);
        ratings[c][u] = categories.get(key) ?? MISSING;
      }
    }),
  );
  return { ratings, categoryCount: categories.size };
}

/** Cohen's contingency table as units: counts[i][j] units rated i by A and j by B. */
function fromTable(counts: number[][]): CodingStudy {
  const units: number[][] = [];
  counts.forEach((row, i) => row.forEach((n, j) => units.push(...Array.from({ length: n }, () => [i, j]))));
  return study(units);
}

describe('Cohen (1960)', () => {
  it('reproduces the worked example on p. 45: p_o = .70, p_c = .41, kappa = .492', () => {
    const s = fromTable([
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]);
    expect(cohenKappa(s.ratings[0], s.ratings[1], s.categoryCount).value).toBeCloseTo(0.492, 3);
  });

  it('is undefined when both coders use one and the same category', () => {
    const s = study([['a', 'a'], ['a', 'a']]);
    expect(cohenKappa(s.ratings[0], s.ratings[1], s.categoryCount)).toMatchObject({ value: null });
  });
});

describe('Fleiss (1971)', () => {
  // Table 1 of Fleiss (1971, p. 379): 30 patients, 6 psychiatrists, 5 diagnoses.
  const rows = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
  ];
  it('reproduces kappa = 0.430 with P̄ = 0.556', () => {
    const s = study(rows);
    expect(fleissKappa(s).value).toBeCloseTo(0.43, 3);
    expect(meanPairwisePercentAgreement(s).value).toBeCloseTo(0.5556, 4);
  });
});

describe("Krippendorff's alpha, nominal", () => {
  it('reproduces "Computing Krippendorff\'s Alpha-Reliability": 4 coders, missing values, α = 0.743', () => {
    const s = study([
      [1, 1, null, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
      [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [null, 5, 5, 5], [null, null, 1, 1], [null, null, 3, null],
    ]);
    expect(krippendorffAlphaNominal(s).value).toBeCloseTo(0.743, 3);
  });

  it('reproduces Krippendorff (2004: p. 227): α = 0.734 and p. 223: α = 0.095', () => {
    const p227 = study([['a', 'a'], ['a', 'b'], ['b', 'b'], ['b', 'b'], ['b', 'b'], ['b', 'b'], ['b', 'c'], ['c', 'c'], ['c', 'c'], ['c', 'c'], ['c', 'c'], ['c', 'c']]);
    expect(krippendorffAlphaNominal(p227).value).toBeCloseTo(0.734, 3);
    const p223 = study([[1, 0], [1, 1], [0, 1], [0, 0], [0, 0], [0, 1], [0, 0], [0, 1], [0, 0], [0, 0]]);
    expect(krippendorffAlphaNominal(p223).value).toBeCloseTo(0.095, 3);
    expect(meanPairwisePercentAgreement(p223).value).toBeCloseTo(0.6, 10);
  });

  it('is undefined with a single category or a single coder', () => {
    expect(krippendorffAlphaNominal(study([['a', 'a'], ['a', 'a']])).value).toBeNull();
    expect(krippendorffAlphaNominal(study([['a'], ['b']])).value).toBeNull();
    expect(fleissKappa(study([['a'], ['b']])).value).toBeNull();
  });
});
