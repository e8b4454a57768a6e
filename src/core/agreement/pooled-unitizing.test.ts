import { describe, expect, it } from 'vitest';
import { bruteForceUnitizingAlpha } from '../../../test/agreement/brute-force-unitizing';
import { PooledUnitizing, type UnitizingDocument } from './pooled-unitizing';
import { seededRandom } from './seeded-random';
import { unitizingAlpha, type UnitizingStudy, type UnitizingUnit } from './unitizing-alpha';

function randomDocuments(seed: number, count: number, raters: number): UnitizingDocument[] {
  const random = seededRandom(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const docs: UnitizingDocument[] = [];
  for (let d = 0; d < count; d++) {
    const length = 5 + int(60);
    const units: UnitizingUnit[] = [];
    for (let r = 0; r < raters; r++) {
      for (const category of ['a', 'b', 'c']) {
        if (random() < 0.3) continue; // this rater has none of it here: a gap that joins neighbours
        let pos = random() < 0.3 ? 0 : int(8); // some units touch the document's start …
        while (pos < length) {
          const l = 1 + int(10);
          if (pos + l > length) {
            if (random() < 0.5) units.push({ rater: r, category, begin: pos, length: length - pos }); // … or its end
            break;
          }
          units.push({ rater: r, category, begin: pos, length: l });
          pos += l + (random() < 0.2 ? 0 : 1 + int(12));
        }
      }
    }
    docs.push({ length, units });
  }
  return docs;
}

function concatenate(docs: readonly UnitizingDocument[], sequence: readonly number[], raters: number): UnitizingStudy {
  const units: UnitizingUnit[] = [];
  let offset = 0;
  for (const d of sequence) {
    for (const u of docs[d].units) units.push({ ...u, begin: u.begin + offset });
    offset += docs[d].length;
  }
  return { begin: 0, length: offset, raterCount: raters, units };
}

const close = (a: number | null | undefined, b: number | null | undefined): void => {
  if (b === null || b === undefined) {
    expect(a ?? null).toBeNull();
    return;
  }
  expect(a).toBeTypeOf('number');
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
};

describe('PooledUnitizing', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('equals α_u of the concatenated continuum, brute force (seed %i)', (seed) => {
    const raters = 2 + (seed % 3);
    const docs = randomDocuments(seed, 3 + seed, raters);
    const pooled = new PooledUnitizing(docs, raters);
    const random = seededRandom(seed * 101);
    const sequences = [docs.map((_, i) => i), Array.from({ length: docs.length }, () => Math.floor(random() * docs.length))];
    for (const sequence of sequences) {
      const got = pooled.alpha(sequence);
      const reference = bruteForceUnitizingAlpha(concatenate(docs, sequence, raters));
      close(got.overall.value, reference.overall);
      expect([...got.byCategory.keys()]).toEqual([...reference.byCategory.keys()]);
      for (const [c, ref] of reference.byCategory) {
        close(got.byCategory.get(c)?.observed, ref.observed);
        close(got.byCategory.get(c)?.expected, ref.expected);
        close(got.byCategory.get(c)?.alpha.value, ref.alpha);
      }
    }
  });

  it('equals unitizingAlpha on the concatenated continuum for larger studies', () => {
    const docs = randomDocuments(99, 60, 3);
    const pooled = new PooledUnitizing(docs, 3);
    const sequence = docs.map((_, i) => i).reverse();
    const got = pooled.alpha(sequence);
    const reference = unitizingAlpha(concatenate(docs, sequence, 3));
    close(got.overall.value, reference.overall.value);
    for (const [c, ref] of reference.byCategory) close(got.byCategory.get(c)?.alpha.value, ref.alpha.value);
  });

  it('reproduces Krippendorff (2004: p. 254) split into two documents at 300', () => {
    // the published continuum 150–450 shifted to 0–300 and cut at 150 (no unit crosses it)
    const units: UnitizingUnit[] = [
      [225, 70, 0, 'c'], [370, 30, 0, 'c'], [220, 80, 1, 'c'], [355, 20, 1, 'c'], [400, 20, 1, 'c'],
      [180, 60, 0, 'k'], [300, 50, 0, 'k'], [180, 60, 1, 'k'], [300, 50, 1, 'k'],
    ].map(([b, l, r, c]) => ({ begin: (b as number) - 150, length: l as number, rater: r as number, category: c as string }));
    const first = units.filter((u) => u.begin + u.length <= 150);
    const second = units.filter((u) => u.begin >= 150).map((u) => ({ ...u, begin: u.begin - 150 }));
    expect(first.length + second.length).toBe(units.length);
    const pooled = new PooledUnitizing([{ length: 150, units: first }, { length: 150, units: second }], 2);
    const result = pooled.alpha([0, 1]);
    expect(result.overall.value).toBeCloseTo(0.8591, 3);
    expect(result.byCategory.get('c')?.alpha.value).toBeCloseTo(0.7286, 4);
  });

  it('is undefined for one rater or no units, and skips categories absent from the sequence', () => {
    expect(new PooledUnitizing([{ length: 10, units: [] }], 2).alpha([0]).overall.value).toBeNull();
    expect(new PooledUnitizing([{ length: 10, units: [] }], 1).alpha([0]).overall.value).toBeNull();
    const docs: UnitizingDocument[] = [
      { length: 10, units: [{ rater: 0, category: 'x', begin: 1, length: 3 }, { rater: 1, category: 'x', begin: 1, length: 3 }] },
      { length: 10, units: [{ rater: 0, category: 'y', begin: 1, length: 3 }] },
    ];
    expect([...new PooledUnitizing(docs, 2).alpha([0, 0]).byCategory.keys()]).toEqual(['x']);
  });
});
