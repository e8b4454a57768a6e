// Mapping a colleague's annotations onto a different copy of an article, only when the
// analyst has asked for it. A span is placed only where its quote — with the prefix and
// suffix the file recorded, when it has them — occurs exactly once near where it was; every
// other span is reported as not placed, with its quote. Nothing is guessed.

/** How far (UTF-16 units) from its expected place a span may be found: this much, or a tenth of the text when longer. */
export const NEIGHBOURHOOD = 2_000;

export type Anchoring = { ok: true; start: number; end: number; how: 'unchanged' | 'moved' } | { ok: false; reason: string };

export interface SpanToPlace {
  start: number;
  end: number;
  quote: string;
  prefix?: string;
  suffix?: string;
}

/**
 * Places `a` (from a copy of `sourceLength` units) in `target`. Looks for the quote with its
 * recorded context; keeps the occurrences within the neighbourhood of where the span sat,
 * scaled to the target's length; places the span only when exactly one remains.
 */
export function reanchor(target: string, a: SpanToPlace, sourceLength: number = target.length): Anchoring {
  if (!a.quote) return { ok: false, reason: 'the annotation has no quoted text to look for' };
  const prefix = a.prefix ?? '';
  const suffix = a.suffix ?? '';
  const needle = prefix + a.quote + suffix;
  const expected = sourceLength > 0 ? Math.round((a.start * target.length) / sourceLength) : a.start;
  const reach = Math.max(NEIGHBOURHOOD, Math.ceil(target.length / 10));
  const near: number[] = [];
  let elsewhere = 0;
  for (let at = target.indexOf(needle); at >= 0; at = target.indexOf(needle, at + 1)) {
    const start = at + prefix.length;
    if (Math.abs(start - expected) <= reach) near.push(start);
    else elsewhere++;
    if (near.length > 1) break;
  }
  const what = prefix || suffix ? `“${clip(a.quote)}” with the text around it` : `“${clip(a.quote)}”`;
  if (near.length === 1) return { ok: true, start: near[0], end: near[0] + a.quote.length, how: near[0] === a.start ? 'unchanged' : 'moved' };
  if (near.length > 1) return { ok: false, reason: `${what} occurs more than once near its place, so which one is meant cannot be told` };
  if (elsewhere > 0) return { ok: false, reason: `${what} occurs only far from where it was (${elsewhere} time${elsewhere === 1 ? '' : 's'})` };
  return { ok: false, reason: `${what} is not in this copy of the article (the text there was changed)` };
}

const clip = (s: string, n = 50) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
