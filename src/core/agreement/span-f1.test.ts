import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactF1, maximumOverlapMatching, overlapF1, type LabeledSpan } from './span-f1';

/** Maximum bipartite matching by augmenting paths: slow but obviously right. */
function bruteForceMatching(a: LabeledSpan[], b: LabeledSpan[]): number {
  const matchOfB = new Array<number>(b.length).fill(-1);
  const overlaps = (x: LabeledSpan, y: LabeledSpan): boolean => x.label === y.label && x.start < y.end && y.start < x.end;
  const augment = (i: number, seen: boolean[]): boolean => {
    for (let j = 0; j < b.length; j++) {
      if (!seen[j] && overlaps(a[i], b[j])) {
        seen[j] = true;
        if (matchOfB[j] === -1 || augment(matchOfB[j], seen)) {
          matchOfB[j] = i;
          return true;
        }
      }
    }
    return false;
  };
  let n = 0;
  for (let i = 0; i < a.length; i++) if (augment(i, new Array<boolean>(b.length).fill(false))) n++;
  return n;
}

const span = fc
  .record({ start: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 1, max: 12 }), label: fc.constantFrom('fact', 'opinion') })
  .map(({ start, length, label }): LabeledSpan => ({ start, end: start + length, label }));
const spans = fc.uniqueArray(span, { maxLength: 14, selector: (s) => `${s.start}:${s.end}:${s.label}` });

describe('span F1', () => {
  it('finds a maximum one-to-one overlap matching', () => {
    fc.assert(
      fc.property(spans, spans, (a, b) => {
        const fast = maximumOverlapMatching(a.filter((s) => s.label === 'fact'), b.filter((s) => s.label === 'fact'));
        expect(fast).toBe(bruteForceMatching(a.filter((s) => s.label === 'fact'), b.filter((s) => s.label === 'fact')));
      }),
      { numRuns: 500 },
    );
  });

  it('is symmetric, within [0, 1], 1 for identical annotators, and exact ≤ overlap', () => {
    fc.assert(
      fc.property(spans, spans, (a, b) => {
        for (const f of [exactF1, overlapF1]) {
          expect(f(a, b).value).toBe(f(b, a).value);
          const v = f(a, b).value;
          if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
          if (a.length > 0) expect(f(a, a).value).toBe(1);
        }
        expect(exactF1(a, b).value ?? 0).toBeLessThanOrEqual(overlapF1(a, b).value ?? 0);
      }),
    );
  });

  it('pairs one-to-one: one long span against two short ones counts once', () => {
    const a = [{ label: 'fact', start: 0, end: 20 }];
    const b = [
      { label: 'fact', start: 0, end: 5 },
      { label: 'fact', start: 10, end: 15 },
    ];
    expect(overlapF1(a, b).value).toBeCloseTo(2 / 3, 12);
    expect(exactF1(a, b).value).toBe(0);
    expect(overlapF1([{ label: 'fact', start: 0, end: 5 }], [{ label: 'opinion', start: 0, end: 5 }]).value).toBe(0);
    expect(overlapF1([], []).value).toBeNull();
  });
});
