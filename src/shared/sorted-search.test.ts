import { describe, expect, it } from 'vitest';
import { countAtOrBefore, lastIndexAtOrBefore, lowerBound, upperBound } from './sorted-search';

describe('lastIndexAtOrBefore', () => {
  const keys = [0, 10, 10, 25, 40];
  const find = (x: number) => lastIndexAtOrBefore(keys.length, (i) => keys[i], x);

  it('finds the last key at or before x, the first when x is before all, -1 when empty', () => {
    expect([-5, 0, 9, 10, 11, 25, 39, 40, 1000].map(find)).toEqual([0, 0, 0, 2, 2, 3, 3, 4, 4]);
    expect(lastIndexAtOrBefore(0, () => 0, 3)).toBe(-1);
  });
});

describe('upperBound and countAtOrBefore', () => {
  it('count the keys at or before x: 0 before all, the length after all, past every repeat', () => {
    const keys = Float64Array.from([0, 10, 10, 25, 40]);
    expect([-5, 0, 9, 10, 11, 25, 39, 40, 1000].map((x) => upperBound(keys, x))).toEqual([0, 1, 1, 3, 3, 4, 4, 5, 5]);
    expect(upperBound(new Int32Array(0), 3)).toBe(0);
  });

  it('agree with a linear scan on random sorted keys, and lastIndexAtOrBefore with them', () => {
    let state = 42;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let n = 0; n < 60; n++) {
      const sorted = Array.from({ length: n }, () => Math.floor(random() * 50)).sort((a, b) => a - b);
      for (let x = -2; x < 55; x++) {
        const count = sorted.filter((k) => k <= x).length;
        expect(upperBound(sorted, x)).toBe(count);
        expect(lowerBound(sorted, x)).toBe(sorted.filter((k) => k < x).length);
        expect(countAtOrBefore(n, (i) => sorted[i], x)).toBe(count);
        expect(lastIndexAtOrBefore(n, (i) => sorted[i], x)).toBe(n === 0 ? -1 : Math.max(0, count - 1));
      }
    }
  });
});
