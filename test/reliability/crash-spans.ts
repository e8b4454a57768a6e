// The crash test's random batches (test support for crash-child.ts and crash.test.ts).

/** Annotations per merged batch. */
export const BATCH_SIZE = 5;

export interface Span {
  start: number;
  end: number;
}

/** A span of 1–30 UTF-16 units that starts and ends on a letter or digit, so it is always valid. */
export function randomSpan(text: string, pick: (n: number) => number): Span {
  for (;;) {
    const start = pick(text.length - 40);
    const end = start + 1 + pick(30);
    if (/[\p{L}\p{N}]/u.test(text[start]) && /[\p{L}\p{N}]/u.test(text[end - 1])) return { start, end };
  }
}

/**
 * `count` spans with no two alike. A batch holding the same span twice gets one row for it
 * (the merge rightly skips the duplicate), which the crash test would misread as a loss.
 */
export function distinctSpans(text: string, pick: (n: number) => number, count: number): Span[] {
  const seen = new Set<string>();
  const spans: Span[] = [];
  while (spans.length < count) {
    const s = randomSpan(text, pick);
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    spans.push(s);
  }
  return spans;
}
