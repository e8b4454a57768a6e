// Binary search over ascending keys: one home for "how many keys are at or before x" and the
// questions built on it (agreement's sweeps, the editor's offset lookups, the annotation list).

/**
 * In keys sorted ascending (`keyAt(0) ≤ keyAt(1) ≤ …`), how many are ≤ `x`: the index of the
 * first key greater than `x`, or `length` when none is. O(log n).
 */
export function countAtOrBefore(length: number, keyAt: (i: number) => number, x: number): number {
  return partitionPoint(length, (i) => keyAt(i) <= x);
}

/**
 * For `isBefore` true on a prefix of 0…length−1 and false after it, the length of that prefix.
 * O(log n).
 */
export function partitionPoint(length: number, isBefore: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first number of ascending `sorted` that is ≥ `x` (C++'s lower_bound). */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  return partitionPoint(sorted.length, (i) => sorted[i] < x);
}

/** countAtOrBefore over an ascending array of numbers (C++'s upper_bound). */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  return countAtOrBefore(sorted.length, (i) => sorted[i], x);
}

/**
 * In a list sorted ascending by `keyAt`, the index of the last item whose key is ≤ `x`
 * (0 when every key is greater; -1 for an empty list). Binary search, O(log n).
 */
export function lastIndexAtOrBefore(length: number, keyAt: (i: number) => number, x: number): number {
  if (length === 0) return -1;
  return Math.max(0, countAtOrBefore(length, keyAt, x) - 1);
}
