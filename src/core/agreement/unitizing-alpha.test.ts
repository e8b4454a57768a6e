import { describe, expect, it } from 'vitest';
import { segmentDistance, unitizingAlpha, type UnitizingStudy, type UnitizingUnit } from './unitizing-alpha';

function expectNear(actual: number | null | undefined, expected: number, tolerance: number): void {
  expect(actual).toBeTypeOf('number');
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(tolerance);
}

// Krippendorff (1995: p. 57), as encoded in DKPro Statistics' Krippendorff1995Test:
// four two-rater studies A–D on a continuum of 24, optionally stretched.
function krippendorff1995(stretch: number): UnitizingStudy {
  const s = (x: number): number => Math.trunc(x * stretch);
  const raw: Array<[number, number, number, string]> = [
    [2, 8, 0, 'A'], [14, 6, 0, 'A'], [4, 4, 1, 'A'], [15, 2, 1, 'A'],
    [0, 18, 0, 'B'], [0, 2, 1, 'B'], [2, 1, 1, 'B'], [3, 1, 1, 'B'], [4, 1, 1, 'B'], [5, 1, 1, 'B'], [6, 3, 1, 'B'], [9, 1, 1, 'B'],
    [2, 6, 0, 'C'], [10, 2, 0, 'C'], [14, 4, 0, 'C'], [20, 2, 0, 'C'], [0, 2, 1, 'C'], [4, 4, 1, 'C'], [10, 4, 1, 'C'], [16, 2, 1, 'C'], [20, 2, 1, 'C'],
    [0, 2, 0, 'D'], [2, 8, 0, 'D'], [10, 4, 0, 'D'], [14, 6, 0, 'D'], [20, 4, 0, 'D'], [0, 4, 1, 'D'], [4, 4, 1, 'D'], [8, 7, 1, 'D'], [15, 2, 1, 'D'], [17, 7, 1, 'D'],
  ];
  const units: UnitizingUnit[] = raw.map(([begin, length, rater, category]) => ({ begin: s(begin), length: s(length), rater, category }));
  return { begin: 0, length: s(24), raterCount: 2, units };
}

// Krippendorff (2004: p. 254), continuum 150–450, as in DKPro's unitizing Krippendorff2004Test.
const krippendorff2004: UnitizingStudy = {
  begin: 150,
  length: 300,
  raterCount: 2,
  units: [
    { begin: 225, length: 70, rater: 0, category: 'c' },
    { begin: 370, length: 30, rater: 0, category: 'c' },
    { begin: 220, length: 80, rater: 1, category: 'c' },
    { begin: 355, length: 20, rater: 1, category: 'c' },
    { begin: 400, length: 20, rater: 1, category: 'c' },
    { begin: 180, length: 60, rater: 0, category: 'k' },
    { begin: 300, length: 50, rater: 0, category: 'k' },
    { begin: 180, length: 60, rater: 1, category: 'k' },
    { begin: 300, length: 50, rater: 1, category: 'k' },
  ],
};

describe('segmentDistance (Krippendorff 2004, p. 253)', () => {
  const d = (b1: number, l1: number, u1: boolean, b2: number, l2: number, u2: boolean): number =>
    segmentDistance(b1, b1 + l1, u1, b2, b2 + l2, u2);
  it('reproduces the published distances', () => {
    expect(d(2, 3, false, 2, 2, true) + d(5, 6, true, 4, 7, false)).toBe(40);
    expect(d(3, 2, false, 3, 2, true) + d(5, 6, true, 5, 6, false)).toBe(40);
    expect(d(5, 6, true, 4, 2, true)).toBe(26);
    expect(d(5, 6, true, 5, 2, true)).toBe(16);
    expect(d(5, 6, true, 6, 2, true)).toBe(10);
    expect(d(5, 6, true, 7, 2, true)).toBe(8);
    expect(d(5, 6, true, 6, 4, true)).toBe(2);
    expect(d(5, 6, true, 5, 6, true)).toBe(0);
    expect(d(225, 70, true, 220, 80, true)).toBe(50);
    expect(d(370, 30, true, 355, 20, true)).toBe(850);
    expect(d(400, 50, false, 400, 20, true)).toBe(400);
  });
});

describe('unitizingAlpha', () => {
  it('reproduces Krippendorff (2004: p. 254): α_u = 0.8591', () => {
    const result = unitizingAlpha(krippendorff2004);
    expect(result.overall.value).toBeCloseTo(0.8591, 3);
    const c = result.byCategory.get('c');
    const k = result.byCategory.get('k');
    expect(c?.observed).toBeCloseTo(0.0144, 4);
    expect(c?.expected).toBeCloseTo(0.0532, 4);
    expect(c?.alpha.value).toBeCloseTo(0.7286, 4);
    expect(k?.observed).toBeCloseTo(0, 4);
    expect(k?.expected).toBeCloseTo(0.049, 4);
    expect(k?.alpha.value).toBeCloseTo(1, 4);
  });

  it('reproduces the observed disagreements of Krippendorff (1995: p. 57)', () => {
    const result = unitizingAlpha(krippendorff1995(1));
    // DKPro's tolerance: ±0.00001 around values printed with 5 decimals.
    expectNear(result.byCategory.get('A')?.observed, 0.03125, 1e-5);
    expectNear(result.byCategory.get('B')?.observed, 2.26736, 1e-5);
    expectNear(result.byCategory.get('C')?.observed, 0.02777, 1e-5);
    expectNear(result.byCategory.get('D')?.observed, 0.38715, 1e-5);
  });

  it('reproduces the expected disagreements and α_u of Krippendorff (1995) on a fine continuum', () => {
    // Krippendorff's published D_e assumes a continuous scale; DKPro approximates it by
    // stretching the 24 positions 50 000-fold (its tolerance: ±0.005 for D_e, ±0.02 for α).
    const result = unitizingAlpha(krippendorff1995(1_200_000 / 24));
    const expected: Record<string, [number, number]> = { A: [0.0699, 0.553], B: [1.17731, -0.926], C: [0.08642, 0.679], D: [0.41445, 0.066] };
    for (const [category, [de, alpha]] of Object.entries(expected)) {
      const got = result.byCategory.get(category);
      expectNear(got?.expected, de, 0.005);
      expectNear(got?.alpha.value, alpha, 0.02);
    }
  });

  it('converges with the continuum resolution as DKPro documents for category C', () => {
    const cases: Array<[number, number, number]> = [
      [12 / 24, 0.05494, 0.00001],
      [120 / 24, 0.08234, 0.005],
      [1200 / 24, 0.086, 0.005],
      [12000 / 24, 0.08638, 0.005],
    ];
    for (const [stretch, de, tolerance] of cases) {
      const study = krippendorff1995(stretch);
      const c = unitizingAlpha({ ...study, units: study.units.filter((u) => u.category === 'C') }).byCategory.get('C');
      expectNear(c?.observed, 0.02777, 1e-5);
      expectNear(c?.expected, de, tolerance);
    }
  });

  it('is 1 for identical raters and undefined for fewer than two raters or no units', () => {
    const same: UnitizingStudy = {
      begin: 0,
      length: 100,
      raterCount: 3,
      units: [0, 1, 2].flatMap((rater) => [
        { rater, category: 'x', begin: 10, length: 5 },
        { rater, category: 'y', begin: 40, length: 30 },
      ]),
    };
    const result = unitizingAlpha(same);
    expect(result.overall.value).toBe(1);
    expect(result.byCategory.get('x')?.alpha.value).toBe(1);
    expect(unitizingAlpha({ ...same, raterCount: 1, units: [] }).overall.value).toBeNull();
    expect(unitizingAlpha({ ...same, units: [] }).overall.value).toBeNull();
  });

  it('rejects overlapping units of one rater and category', () => {
    expect(() =>
      unitizingAlpha({
        begin: 0,
        length: 10,
        raterCount: 2,
        units: [
          { rater: 0, category: 'x', begin: 0, length: 5 },
          { rater: 0, category: 'x', begin: 3, length: 5 },
        ],
      }),
    ).toThrow(/overlap/);
  });
});
