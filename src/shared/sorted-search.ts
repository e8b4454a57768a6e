/**
 * In a list sorted ascending by `keyAt`, the index of the last item whose key is ≤ `x`
 * (0 when every key is greater; -1 for an empty list). Binary search, O(log n).
 */
export function lastIndexAtOrBefore(length: number, keyAt: (i: number) => number, x: number): number {
  if (length === 0) return -1;
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (keyAt(mid) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
