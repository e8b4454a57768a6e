import { describe, expect, it } from 'vitest';
import { findWords, searchWords, wordMatcher } from '../../shared/search-words';
import { matcherFor, toSearchQuery } from './search-query';

// The renderer marks a library search's words in the open article with shared/search-words;
// the library finds documents with search-query. They must read a query the same way.
const QUERIES = ['Taliban', 'taliban REGIME', 'a', '"ambassador" level*', 'Ümit  çağ', 'وزیر خارجه', 'x OR y NEAR(z)', '1 2 3 4 5 6 7 8 9 10', ''];
const TEXT = 'A Taliban regime; the talibans, a vizier (وزیر) — ambassador-level talks. Ümit çağdaş x y z 10 1.';

describe('library search words, shared and core in step', () => {
  it.each(QUERIES)('%j: the same words and the same matches', (query) => {
    const core = toSearchQuery(query);
    expect(searchWords(query)).toEqual(core?.terms ?? []);
    const shared = wordMatcher(searchWords(query));
    expect(shared?.source ?? null).toBe(core ? matcherFor(core).source : null);
    const coreHits = core ? [...TEXT.matchAll(matcherFor(core))].map((m) => [m.index, m.index + m[0].length]) : [];
    expect(findWords(TEXT, searchWords(query))).toEqual(coreHits);
  });

  it('finds word starts, not the middle of words', () => {
    expect(findWords('Taliban, the Talibans and antitaliban', ['taliban']).map(([s, e]) => 'Taliban, the Talibans and antitaliban'.slice(s, e))).toEqual(['Taliban', 'Talibans']);
  });
});
