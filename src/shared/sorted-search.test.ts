import { describe, expect, it } from 'vitest';
import { lastIndexAtOrBefore } from './sorted-search';

describe('lastIndexAtOrBefore', () => {
  const keys = [0, 10, 10, 25, 40];
  const find = (x: number) => lastIndexAtOrBefore(keys.length, (i) => keys[i], x);

  it('finds the last key at or before x, the first when x is before all, -1 when empty', () => {
    expect([-5, 0, 9, 10, 11, 25, 39, 40, 1000].map(find)).toEqual([0, 0, 0, 2, 2, 3, 3, 4, 4]);
    expect(lastIndexAtOrBefore(0, () => 0, 3)).toBe(-1);
  });

  it('agrees with a linear scan on random sorted keys', () => {
    for (let n = 1; n < 60; n++) {
      const sorted = Array.from({ length: n }, () => Math.floor(Math.random() * 50)).sort((a, b) => a - b);
      for (let x = -2; x < 55; x++) {
        let expected = 0;
        sorted.forEach((k, i) => (k <= x ? (expected = i) : 0));
        expect(lastIndexAtOrBefore(n, (i) => sorted[i], x)).toBe(expected);
      }
    }
  });
});
