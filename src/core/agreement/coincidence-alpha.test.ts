// Krippendorff's alpha from coincidences, checked against published values, against an
// independent pair-by-pair evaluation of the definition, and against the nominal alpha the
// sentence coefficients use (itself checked against NLTK in reference-values.test.ts).

import { describe, expect, it } from 'vitest';
import { bruteForceAlpha, type ReliabilityData } from '../../../test/agreement/brute-force-alpha';
import { PUBLISHED } from '../../../test/agreement/published-alpha';
import { addCoincidences, alphaFromCoincidences, observedAgreement, unitCoincidences, type AlphaLevel } from './coincidence-alpha';
import { krippendorffAlphaNominal, MISSING } from './coding-measures';
import { seededRandom } from './seeded-random';

/** α of reliability data whose values are ranks 1…K (published style) or 0…K−1. */
function alphaOf(data: ReliabilityData, categoryCount: number, level: AlphaLevel, shift = 0): number | null {
  const o = new Float64Array(categoryCount * categoryCount);
  for (let u = 0; u < data[0].length; u++) {
    const values = data.map((row) => row[u]).filter((v): v is number => v !== null).map((v) => v - shift);
    addCoincidences(o, unitCoincidences(values, categoryCount));
  }
  return alphaFromCoincidences(o, categoryCount, level).value;
}

function randomData(seed: number): { data: Array<Array<number | null>>; K: number } {
  const random = seededRandom(seed);
  const coders = 2 + Math.floor(random() * 4);
  const units = 1 + Math.floor(random() * 40);
  const K = 2 + Math.floor(random() * 5);
  const agreement = random();
  const data = Array.from({ length: coders }, () => new Array<number | null>(units).fill(null));
  for (let u = 0; u < units; u++) {
    const truth = Math.floor(random() * K);
    for (let c = 0; c < coders; c++) {
      if (random() < 0.25) continue;
      data[c][u] = random() < agreement ? truth : Math.floor(random() * K);
    }
  }
  return { data, K };
}

describe('alphaFromCoincidences', () => {
  it.each(PUBLISHED.map((c) => [c.source, c] as const))('reproduces the published values: %s', (_, c) => {
    const K = 5;
    const round = (x: number | null) => (x === null ? null : Number(x.toFixed(c.digits)));
    expect(round(alphaOf(c.data, K, 'nominal', 1))).toBe(c.nominal);
    if (c.ordinal !== undefined) expect(round(alphaOf(c.data, K, 'ordinal', 1))).toBe(c.ordinal);
  });

  it('the published nominal case equals NLTK to machine precision', () => {
    // nltk.metrics.agreement.AnnotationTask(...).alpha() on PUBLISHED[0] and PUBLISHED[1]
    expect(alphaOf(PUBLISHED[0].data, 5, 'nominal', 1)).toBeCloseTo(0.743421052631579, 12);
    expect(alphaOf(PUBLISHED[1].data, 5, 'nominal', 1)).toBeCloseTo(0.691358024691358, 12);
  });

  it.each(Array.from({ length: 60 }, (_, i) => [i]))('random case %i equals the pair-by-pair definition and the sentence α', (i) => {
    const { data, K } = randomData(9000 + i);
    for (const level of ['nominal', 'ordinal'] as const) {
      const expected = bruteForceAlpha(data, level);
      const got = alphaOf(data, K, level);
      if (expected === null) expect(got).toBeNull();
      else expect(got ?? NaN).toBeCloseTo(expected, 10);
    }
    const ratings = data.map((row) => row.map((v) => (v === null ? MISSING : v)));
    const sentenceAlpha = krippendorffAlphaNominal({ ratings, categoryCount: K }).value;
    const got = alphaOf(data, K, 'nominal');
    if (sentenceAlpha === null) expect(got).toBeNull();
    else expect(got ?? NaN).toBeCloseTo(sentenceAlpha, 10);
  });

  it('ordinal α rewards near misses on a scale that nominal α counts as plain disagreement', () => {
    // two coders, five units, always one step apart on a 4-point scale except once
    const near = [
      [0, 1, 2, 3, 1],
      [1, 2, 3, 2, 1],
    ];
    const far = [
      [0, 1, 2, 3, 1],
      [3, 3, 0, 0, 1],
    ];
    expect(alphaOf(near, 4, 'ordinal')!).toBeGreaterThan(alphaOf(far, 4, 'ordinal')!);
    expect(alphaOf(near, 4, 'ordinal')!).toBeGreaterThan(alphaOf(near, 4, 'nominal')! + 0.3);
  });

  it('is undefined without two pairable values or without variation, and says why', () => {
    const none = new Float64Array(9);
    expect(alphaFromCoincidences(none, 3, 'nominal')).toEqual({ value: null, reason: expect.stringContaining('two analysts') });
    const o = new Float64Array(9);
    addCoincidences(o, unitCoincidences([2, 2], 3));
    addCoincidences(o, unitCoincidences([2, 2, 2], 3));
    expect(alphaFromCoincidences(o, 3, 'nominal').value).toBeNull();
    expect(alphaFromCoincidences(o, 3, 'ordinal').reason).toMatch(/no variation/);
    expect(observedAgreement(o, 3)).toBe(1);
  });

  it('a unit with one value adds nothing; out-of-range categories are refused', () => {
    expect(unitCoincidences([1], 3).cells).toHaveLength(0);
    expect(() => unitCoincidences([0, 3], 3)).toThrow(RangeError);
  });
});
