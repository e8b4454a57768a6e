// Where a library search's words occur in an article, for the renderer to mark them. The words
// are cut and matched as the library's full-text search does (core/store/search-query.ts:
// runs of letters, digits and marks, lower-cased, at most MAX_SEARCH_TERMS; words of two or more
// characters match as word starts, shorter ones as whole words). search-words.test.ts keeps the two in step.

const MAX_SEARCH_TERMS = 8;
const MIN_PREFIX_LENGTH = 2;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]';

/** The distinct words of a search box's text that take part in the search, lower-cased, in order. */
export function searchWords(input: string): string[] {
  const terms: string[] = [];
  for (const [word] of input.normalize('NFC').matchAll(WORD)) {
    const term = word.toLocaleLowerCase();
    if (!terms.includes(term)) terms.push(term);
    if (terms.length === MAX_SEARCH_TERMS) break;
  }
  return terms;
}

/** A matcher for the words (global, case-insensitive), or null when there is none. */
export function wordMatcher(terms: readonly string[]): RegExp | null {
  if (terms.length === 0) return null;
  const alternatives = terms.map((t) => {
    const escaped = t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return Array.from(t).length >= MIN_PREFIX_LENGTH ? `${escaped}${WORD_CHAR}*` : `${escaped}(?!${WORD_CHAR})`;
  });
  return new RegExp(`(?<!${WORD_CHAR})(?:${alternatives.join('|')})`, 'giu');
}

/** Every occurrence of the words in `text`, as [start, end) UTF-16 offsets in reading order. */
export function findWords(text: string, terms: readonly string[], limit = 5_000): Array<[number, number]> {
  const re = wordMatcher(terms);
  if (!re) return [];
  const hits: Array<[number, number]> = [];
  for (let m = re.exec(text); m && hits.length < limit; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    hits.push([m.index, m.index + m[0].length]);
  }
  return hits;
}
