// When a colleague's copy of an article differs slightly from ours (whitespace, a fixed
// typo, a different source page), their annotations are moved onto our text by their quote
// and the context around it. What cannot be placed confidently is reported, never guessed.

/** Word 3-shingles of a text, case- and whitespace-insensitive. */
function shingles(text: string): Set<string> {
  const words = text.toLocaleLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** Jaccard similarity of two texts' word shingles, 0…1. */
export function textSimilarity(a: string, b: string): number {
  const sa = shingles(a);
  const sb = shingles(b);
  if (sa.size === 0 || sb.size === 0) return a.trim() === b.trim() ? 1 : 0;
  let both = 0;
  for (const s of sa) if (sb.has(s)) both++;
  return both / (sa.size + sb.size - both);
}

/** Two texts at or above this similarity are taken to be copies of the same article. */
export const SAME_ARTICLE_SIMILARITY = 0.8;

export type Anchoring =
  | { ok: true; start: number; end: number; how: 'unchanged' | 'moved' | 'whitespace' }
  | { ok: false; reason: string };

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Places [start, end) of `quote` (with its `prefix`/`suffix` context from the other copy)
 * in `target`. Exact position first; else every occurrence of the quote, scored by how
 * much surrounding context matches; a tie or no occurrence is refused with the reason.
 */
export function reanchor(target: string, a: { start: number; end: number; quote: string; prefix?: string; suffix?: string }): Anchoring {
  if (a.end <= target.length && target.slice(a.start, a.end) === a.quote) return { ok: true, start: a.start, end: a.end, how: 'unchanged' };
  const candidates: number[] = [];
  for (let at = target.indexOf(a.quote); at >= 0 && candidates.length < 1000; at = target.indexOf(a.quote, at + 1)) candidates.push(at);
  if (candidates.length > 0) {
    const prefix = a.prefix ?? '';
    const suffix = a.suffix ?? '';
    const scored = candidates
      .map((at) => ({
        at,
        score:
          commonSuffixLength(target.slice(Math.max(0, at - prefix.length), at), prefix) +
          commonPrefixLength(target.slice(at + a.quote.length, at + a.quote.length + suffix.length), suffix),
      }))
      .sort((x, y) => y.score - x.score || Math.abs(x.at - a.start) - Math.abs(y.at - a.start));
    if (scored.length > 1 && scored[0].score === scored[1].score && scored[0].score < prefix.length + suffix.length) {
      return { ok: false, reason: `“${clip(a.quote)}” occurs ${candidates.length} times and its context does not tell which one is meant` };
    }
    return { ok: true, start: scored[0].at, end: scored[0].at + a.quote.length, how: 'moved' };
  }
  // The quote itself changed only in its spacing.
  const wanted = collapse(a.quote);
  if (wanted.length >= 8) {
    const pattern = new RegExp(wanted.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'gu');
    const hits = [...target.matchAll(pattern)];
    if (hits.length === 1) return { ok: true, start: hits[0].index!, end: hits[0].index! + hits[0][0].length, how: 'whitespace' };
    if (hits.length > 1) return { ok: false, reason: `“${clip(a.quote)}” occurs ${hits.length} times with different spacing` };
  }
  return { ok: false, reason: `“${clip(a.quote)}” is not in this copy of the article (the text there was changed)` };
}

const clip = (s: string, n = 50) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
