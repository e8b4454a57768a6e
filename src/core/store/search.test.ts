// Library search on a real SQLite file: ranked, prefix words, snippets; and queries that are
// hostile or huge (issue #15: 250 one-letter prefix terms took 8 s, "\u0000" raised an internal error).
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp-library';
import { Library } from './library';
import { MAX_SEARCH_TERMS, MIN_PREFIX_LENGTH, RANK_CANDIDATES, SEARCH_RESULT_LIMIT, snippetOf, toSearchQuery } from './search-query';

const naughtyStrings = createRequire(import.meta.url)('big-list-of-naughty-strings') as string[];

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
const ids: Record<string, string> = {};

const add = (key: string, title: string, text: string) => {
  ids[key] = library.documents.add({ title, source: '', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] }).document.id;
};

beforeAll(() => {
  tmp = makeTempDir('claimtag-search-');
  library = Library.open(path.join(tmp.dir, 'library.sqlite'));
  add('once', 'Water report', 'The minister visited the dam. Farmers spoke about the harvest.');
  add('often', 'Dam dispute', 'The dam, the dam and again the dam: the minister defended the dam at length.');
  add('none', 'Sports', 'The team won the final on Sunday.');
});
afterAll(() => {
  library.close();
  tmp.cleanup();
});

describe('search', () => {
  it('ranks by relevance (bm25): the article about the dam comes before the one that mentions it', () => {
    const hits = library.documents.search('dam');
    expect(hits.map((h) => h.documentId)).toEqual([ids.often, ids.once]);
  });

  it('matches words by prefix and marks the match in the snippet', () => {
    const [hit, ...rest] = library.documents.search('harv');
    expect(rest).toEqual([]);
    expect(hit.documentId).toBe(ids.once);
    expect(hit.snippet).toContain('\u0001harvest\u0002');
    expect(hit.offset).toBe('The minister visited the dam. Farmers spoke about the '.length);
  });

  it('needs every word (AND), in any case and with punctuation ignored', () => {
    expect(library.documents.search('MINISTER, "farmers"!').map((h) => h.documentId)).toEqual([ids.once]);
    expect(library.documents.search('team dam')).toEqual([]);
  });

  it('answers "\\u0000", FTS5 operators and quotes with results or nothing, never an error', () => {
    expect(library.documents.search('\u0000')).toEqual([]);
    expect(library.documents.search('dam\u0000')[0]?.documentId).toBe(ids.often);
    for (const q of ['"', '"dam', 'dam"*', 'NEAR(dam minister)', 'dam AND', 'OR', 'NOT team', '*', '^dam', 'title:dam', '(dam', 'dam)', "d'am", '\u0001dam\u0002']) {
      expect(() => library.documents.search(q), q).not.toThrow();
    }
    for (const q of naughtyStrings) expect(() => library.documents.search(q), JSON.stringify(q)).not.toThrow();
  });

  it('bounds a huge query: 250 one-letter words become at most MAX_SEARCH_TERMS whole-word terms', () => {
    const letters = Array.from({ length: 250 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(' ');
    const parsed = toSearchQuery(letters)!;
    expect(parsed.terms).toHaveLength(MAX_SEARCH_TERMS);
    // one-letter words are never prefixes (a one-letter prefix expands to much of the vocabulary)
    expect(parsed.match).not.toContain('*');
    expect(() => library.documents.search(letters)).not.toThrow();
    expect(toSearchQuery('dam '.repeat(1000))!.terms).toEqual(['dam']);
  });

  it('writes every word as a quoted FTS5 string, a prefix from MIN_PREFIX_LENGTH characters', () => {
    expect(MIN_PREFIX_LENGTH).toBe(2);
    expect(toSearchQuery('Café a "OR" x*y')).toEqual({ match: '"café"* "a" "or"* "x" "y"', terms: ['café', 'a', 'or', 'x', 'y'] });
    expect(toSearchQuery('  ,;:"*^  \u0000 ')).toBeNull();
  });

  it('cuts a snippet around the first whole-word match, marking every match in it', () => {
    const q = toSearchQuery('dam min')!;
    const text = `${'Amsterdam '.repeat(10)}The dam was built. The minister spoke. ${'filler '.repeat(40)}`;
    const { snippet, offset } = snippetOf(text, q);
    expect(offset).toBe(text.indexOf('The dam') + 4);
    expect(snippet).toMatch(/^…/);
    expect(snippet).toContain('The \u0001dam\u0002 was built. The \u0001minister\u0002 spoke.');
    expect(snippet).not.toContain('Amster\u0001');
    expect(snippet.endsWith('…')).toBe(true);
    // only in the title (or only diacritic-folded): the opening, no offset
    expect(snippetOf('Nothing here at all.', q)).toEqual({ snippet: 'Nothing here at all.', offset: null });
    // one-letter words match whole words only
    expect(snippetOf('a an a', toSearchQuery('a')!).snippet).toBe('\u0001a\u0002 an \u0001a\u0002');
  });
});

describe('search in a library with more matches than RANK_CANDIDATES', () => {
  it('orders hits exactly as bm25 over the newest RANK_CANDIDATES matches, equal scores newest first (oracle: every score read in full)', () => {
    const dir = makeTempDir('claimtag-search-oracle-');
    const many = Library.open(path.join(dir.dir, 'oracle.sqlite'));
    try {
      const insert = many.db.prepare("INSERT INTO documents (id, title, source, text, sha256, blocks, created_at) VALUES (?, ?, '', ?, ?, '[]', '2026-01-01')");
      const words = ['river', 'rivers', 'bank', 'flood', 'minister', 'dam', 'border'];
      many.transaction(() => {
        // seeded texts: varied lengths and counts, many exact repeats (equal scores)
        let seed = 7;
        const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        for (let i = 0; i < RANK_CANDIDATES + 300; i++) {
          const text = Array.from({ length: 5 + Math.floor(next() * 60) }, () => words[Math.floor(next() * words.length)]).join(' ');
          insert.run(`d${i}`, `Doc ${i % 17}`, `${text} ${i % 40 === 0 ? '' : 'river'}`, `h${i}`);
        }
      });
      for (const query of ['river bank', 'riv', 'flood dam', 'minister']) {
        const match = toSearchQuery(query)!.match;
        const all = many.db
          .prepare('SELECT d.id, f.rowid AS rowid, bm25(documents_fts) AS score FROM documents_fts f JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH ?')
          .all(match) as Array<{ id: string; rowid: number; score: number }>;
        const expected = all
          .sort((a, b) => b.rowid - a.rowid)
          .slice(0, RANK_CANDIDATES)
          .sort((a, b) => a.score - b.score || b.rowid - a.rowid)
          .slice(0, SEARCH_RESULT_LIMIT)
          .map((r) => r.id);
        expect(expected.length, query).toBeGreaterThan(0);
        expect(many.documents.search(query).map((h) => h.documentId), query).toEqual(expected);
      }
    } finally {
      many.close();
      dir.cleanup();
    }
  });

  it('ranks the newest RANK_CANDIDATES matches and never returns an older one', () => {
    const dir = makeTempDir('claimtag-search-many-');
    const many = Library.open(path.join(dir.dir, 'many.sqlite'));
    try {
      const insert = many.db.prepare("INSERT INTO documents (id, title, source, text, sha256, blocks, created_at) VALUES (?, ?, '', ?, ?, '[]', '2026-01-01')");
      many.transaction(() => {
        // the oldest article mentions "river" most, so full ranking would put it first
        insert.run('oldest', 'Oldest', 'river '.repeat(50).trim(), 'h-oldest');
        for (let i = 0; i < RANK_CANDIDATES + 5; i++) insert.run(`d${i}`, `Doc ${i}`, `A river and ${'bank '.repeat(20)}${i}`, `h${i}`);
      });
      const hits = many.documents.search('river');
      expect(hits).toHaveLength(SEARCH_RESULT_LIMIT);
      expect(hits.map((h) => h.documentId)).not.toContain('oldest');
      for (const h of hits) expect(Number(h.documentId.slice(1))).toBeGreaterThanOrEqual(5);
      // with fewer matches, everything is ranked: the oldest, most relevant article comes first
      many.db.prepare("DELETE FROM documents WHERE id LIKE 'd%' AND CAST(substr(id, 2) AS INTEGER) >= 10").run();
      expect(many.documents.search('river')[0].documentId).toBe('oldest');
    } finally {
      many.close();
      dir.cleanup();
    }
  });
});
