// Compares our implementation with values computed by independent implementations
// (scikit-learn, NLTK, statsmodels, a brute-force α_u); see test/agreement/reference/compute-reference.py.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlphaNominal, meanPairwisePercentAgreement } from './coding-measures';
import { exactF1, overlapF1, type LabeledSpan } from './span-f1';
import { unitizingAlpha, type UnitizingStudy } from './unitizing-alpha';

interface ReferenceFile {
  coding: Array<{
    categoryCount: number;
    ratings: number[][];
    expected: {
      alpha: number | null;
      cohen?: Array<{ a: number; b: number; value: number | null }>;
      fleiss?: number | null;
      percentAgreement?: number | null;
    };
  }>;
  unitizing: Array<
    UnitizingStudy & {
      expected: { overall: number | null; byCategory: Record<string, { observed: number; expected: number; alpha: number | null }> };
    }
  >;
  spanF1: Array<{ a: LabeledSpan[]; b: LabeledSpan[]; expected: { exact: number | null; overlap: number | null } }>;
}

const reference = JSON.parse(readFileSync(new URL('../../../test/agreement/reference/reference-values.json', import.meta.url), 'utf8')) as ReferenceFile;
const TOLERANCE = 1e-9;

function expectSame(actual: number | null, expected: number | null | undefined): void {
  if (expected === null || expected === undefined) {
    expect(actual).toBeNull();
  } else {
    expect(actual).not.toBeNull();
    expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(TOLERANCE);
  }
}

describe('coding coefficients match sklearn, statsmodels and NLTK', () => {
  it.each(reference.coding.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const study = { ratings: c.ratings, categoryCount: c.categoryCount };
    expectSame(krippendorffAlphaNominal(study).value, c.expected.alpha);
    if (c.expected.cohen) {
      for (const pair of c.expected.cohen) {
        expectSame(cohenKappa(c.ratings[pair.a], c.ratings[pair.b], c.categoryCount).value, pair.value);
      }
      expectSame(fleissKappa(study).value, c.expected.fleiss);
      expectSame(meanPairwisePercentAgreement(study).value, c.expected.percentAgreement);
    }
  });
});

describe('unitizing alpha matches a brute-force evaluation of Krippendorff’s formulas', () => {
  it.each(reference.unitizing.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    const result = unitizingAlpha(c);
    expectSame(result.overall.value, c.expected.overall);
    expect([...result.byCategory.keys()]).toEqual(Object.keys(c.expected.byCategory));
    for (const [category, expected] of Object.entries(c.expected.byCategory)) {
      const got = result.byCategory.get(category);
      expectSame(got?.observed ?? null, expected.observed);
      expectSame(got?.expected ?? null, expected.expected);
      expectSame(got?.alpha.value ?? null, expected.alpha);
    }
  });
});

describe('span F1 matches a brute-force maximum matching', () => {
  it.each(reference.spanF1.map((c, i) => [i, c] as const))('case %i', (_, c) => {
    expectSame(exactF1(c.a, c.b).value, c.expected.exact);
    expectSame(overlapF1(c.a, c.b).value, c.expected.overlap);
  });
});
