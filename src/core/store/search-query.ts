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
