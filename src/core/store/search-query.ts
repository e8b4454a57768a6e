// What a search box's text becomes in an FTS5 MATCH expression: words only, bounded.
//
// The documents_fts tokenizer (unicode61) splits text into runs of letters, digits and marks; a
// query is cut the same way, so punctuation, quotes, FTS5 operators and control characters
// (U+0000 included) can never reach FTS5's query parser: each word is written as a quoted
// string. A one-character prefix ("a*") expands to a large share of the vocabulary, so prefix
// matching needs MIN_PREFIX_LENGTH characters, and only the first MAX_SEARCH_TERMS distinct words
// count — a search costs about the same whatever is pasted into the box.

/** Distinct words of a query that take part in the search; the rest are ignored. */
export const MAX_SEARCH_TERMS = 8;
/** Words shorter than this match whole words only, not as prefixes. */
export const MIN_PREFIX_LENGTH = 2;
/**
 * Matching articles ranked at most: when more match, the most recently added this many are
 * ranked (bm25) and the rest left out, so a common word costs the same in a library of any size.
 */
export const RANK_CANDIDATES = 1_000;
/** Search results returned at most. */
export const SEARCH_RESULT_LIMIT = 50;

export interface SearchQuery {
  /** The FTS5 MATCH expression. */
  match: string;
  /** The words searched for, lower-cased, in query order. */
  terms: string[];
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** The MATCH expression for a query, or null when it holds no word to search for. */
export function toSearchQuery(input: string): SearchQuery | null {
  const terms: string[] = [];
  for (const [word] of input.normalize('NFC').matchAll(WORD)) {
    const term = word.toLocaleLowerCase();
    if (!terms.includes(term)) terms.push(term);
    if (terms.length === MAX_SEARCH_TERMS) break;
  }
  if (terms.length === 0) return null;
  const match = terms.map((t) => (Array.from(t).length >= MIN_PREFIX_LENGTH ? `"${t}"*` : `"${t}"`)).join(' ');
  return { match, terms };
}

/** Characters of context a snippet shows before and after its first match (about). */
const SNIPPET_BEFORE = 60;
const SNIPPET_AFTER = 140;
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]';

/** Where the query's words occur in a text: whole words, or word starts for prefix terms. */
export function matcherFor(query: SearchQuery): RegExp {
  const alternatives = query.terms.map((t) => {
    const escaped = t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return Array.from(t).length >= MIN_PREFIX_LENGTH ? `${escaped}${WORD_CHAR}*` : `${escaped}(?!${WORD_CHAR})`;
  });
  return new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})`, 'giu');
}

/**
 * A short passage around the first match in `text`, matches marked with \u0001…\u0002 (the
 * SearchHit contract), and that match's UTF-16 offset; the text's opening when no word matches
 * there (the title matched, or only a diacritic-folded form did).
 */
export function snippetOf(text: string, query: SearchQuery): { snippet: string; offset: number | null } {
  const matcher = matcherFor(query);
  const first = matcher.exec(text);
  const offset = first ? first.index : null;
  let from = Math.max(0, (offset ?? 0) - SNIPPET_BEFORE);
  let to = Math.min(text.length, (offset ?? 0) + SNIPPET_AFTER);
  // cut at spaces, not inside a word or a surrogate pair
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) to = Math.max(text.lastIndexOf(' ', to), (offset ?? 0) + (first?.[0].length ?? 0));
  const window = text.slice(from, to).replace(/\s+/g, ' ');
  const marked = window.replace(matcherFor(query), (m) => `\u0001${m}\u0002`);
  return { snippet: `${from > 0 ? '…' : ''}${marked}${to < text.length ? '…' : ''}`, offset };
}
