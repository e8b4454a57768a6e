// The library summaries of migration 5 (lengths, label counts) are kept by triggers. After any
// mix of edits — through the services and through plain SQL, as imports and restores write — the
// list equals an oracle recomputed from the base tables; an older library is backfilled when
// opened; the list pages, sorts and filters in SQL without reading the texts.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { openDatabase } from '../db/open-database';
import { createDispatch, type Dispatch } from '../api/dispatch';
import { createServices } from '../api/services';
import { makeTempDir } from '../../../test/support/temp-library';
import type { Result } from '../../shared/result';
import { DOCUMENT_SORTS, type DocumentSummary } from '../../shared/types';
import { Library } from './library';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir('claimtag-summaries-')));
afterEach(() => tmp.cleanup());

/** The list as the base tables say it, computed without the summaries. */
function oracle(db: Database.Database, countsOf?: string): DocumentSummary[] {
  const docs = db.prepare('SELECT id, title, source, sha256, length(text) AS length, created_at FROM documents').all() as Array<Record<string, string | number>>;
  const counts = (countsOf === undefined
    ? db.prepare('SELECT document_id, label_id, count(*) AS n FROM annotations WHERE deleted_at IS NULL GROUP BY 1, 2').all()
    : db.prepare('SELECT document_id, label_id, count(*) AS n FROM annotations WHERE deleted_at IS NULL AND annotator_id = ? GROUP BY 1, 2').all(countsOf)) as Array<{ document_id: string; label_id: string; n: number }>;
  const done = db.prepare('SELECT s.document_id, n.name FROM document_status s JOIN annotators n ON n.id = s.annotator_id ORDER BY n.name').all() as Array<{ document_id: string; name: string }>;
  return docs
    .map((d) => ({
      id: d.id as string,
      title: d.title as string,
      source: d.source as string,
      sha256: d.sha256 as string,
      length: d.length as number,
      createdAt: d.created_at as string,
      counts: Object.fromEntries(counts.filter((c) => c.document_id === d.id).map((c) => [c.label_id, c.n])),
      doneBy: done.filter((x) => x.document_id === d.id).map((x) => x.name),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
const byId = (list: DocumentSummary[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

function openServices(file: string): { library: Library; dispatch: Dispatch } {
  const library = Library.open(file);
  const dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => null as never }), (err) => {
    throw err;
  });
  return { library, dispatch };
}
async function call<T>(dispatch: Dispatch, method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

const WORDS = ['dam', 'minister', 'river', 'farmers', 'harvest', 'drought', 'court', 'claims'];
const textOf = (seed: number, words: number) => Array.from({ length: words }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ') + '.';

type Op =
  | { kind: 'addDocument'; seed: number; words: number }
  | { kind: 'tag'; doc: number; label: number; at: number }
  | { kind: 'softDelete'; pick: number }
  | { kind: 'restore'; pick: number }
  | { kind: 'relabel'; pick: number; label: number }
  | { kind: 'hardDelete'; pick: number }
  | { kind: 'mergeLabel' }
  | { kind: 'deleteDocument'; doc: number }
  | { kind: 'done'; doc: number; done: boolean }
  | { kind: 'sqlBulkRelabel'; label: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('addDocument' as const), seed: fc.nat(50), words: fc.integer({ min: 5, max: 40 }) }),
  fc.record({ kind: fc.constant('tag' as const), doc: fc.nat(), label: fc.nat(), at: fc.nat(), }),
  fc.record({ kind: fc.constant('tag' as const), doc: fc.nat(), label: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('softDelete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('relabel' as const), pick: fc.nat(), label: fc.nat() }),
  fc.record({ kind: fc.constant('hardDelete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('mergeLabel' as const) }),
  fc.record({ kind: fc.constant('deleteDocument' as const), doc: fc.nat() }),
  fc.record({ kind: fc.constant('done' as const), doc: fc.nat(), done: fc.boolean() }),
  fc.record({ kind: fc.constant('sqlBulkRelabel' as const), label: fc.nat() }),
);

describe('library summaries kept by triggers', () => {
  it('equal the base tables after any mix of edits through the services and plain SQL', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const file = path.join(tmp.dir, `p${run++}.sqlite`);
        const { library, dispatch } = openServices(file);
        try {
          await call(dispatch, 'setAnnotatorName', { name: 'Ayesha' });
          const docs = () => library.db.prepare('SELECT id, text FROM documents ORDER BY rowid').all() as Array<{ id: string; text: string }>;
          const anns = () => library.db.prepare('SELECT id FROM annotations ORDER BY rowid').all() as Array<{ id: string }>;
          const labels = () => library.labels.list().map((l) => l.id);
          const pick = <T>(xs: T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);
          for (const o of ops) {
            switch (o.kind) {
              case 'addDocument': {
                const text = `${o.seed} ${textOf(o.seed, o.words)}`;
                library.documents.add({ title: `Doc ${o.seed}`, source: '', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] });
                break;
              }
              case 'tag': {
                const d = pick(docs(), o.doc);
                if (!d) break;
                const start = o.at % (d.text.length - 1);
                await dispatch('createAnnotation', { documentId: d.id, labelId: pick(labels(), o.label), start, end: start + 1 });
                break;
              }
              case 'softDelete':
              case 'restore': {
                const a = pick(anns(), o.pick);
                if (a) await dispatch(o.kind === 'softDelete' ? 'deleteAnnotation' : 'restoreAnnotation', { id: a.id });
                break;
              }
              case 'relabel': {
                const a = pick(anns(), o.pick);
                if (a) await dispatch('updateAnnotation', { id: a.id, labelId: pick(labels(), o.label) });
                break;
              }
              case 'hardDelete': {
                const a = pick(anns(), o.pick);
                if (a) library.db.prepare('DELETE FROM annotations WHERE id = ?').run(a.id);
                break;
              }
              case 'mergeLabel':
                await dispatch('mergeLabel', { from: 'allegation', into: 'opinion' });
                break;
              case 'deleteDocument': {
                const d = pick(docs(), o.doc);
                if (d) await call(dispatch, 'deleteDocument', { id: d.id });
                break;
              }
              case 'done': {
                const d = pick(docs(), o.doc);
                if (d) await call(dispatch, 'setDocumentDone', { documentId: d.id, done: o.done });
                break;
              }
              case 'sqlBulkRelabel':
                library.db.prepare('UPDATE annotations SET label_id = ?').run(pick(labels(), o.label));
                break;
            }
          }
          expect(byId(library.documents.list())).toEqual(oracle(library.db));
          // one analyst's own counts (what listDocuments shows her), and no counts at all
          const me = library.annotators.list()[0].id;
          expect(byId(library.documents.list(me))).toEqual(oracle(library.db, me));
          expect(library.documents.list(null).every((d) => Object.keys(d.counts).length === 0)).toBe(true);
          for (const d of docs()) expect(library.documents.summary(d.id)).toEqual(oracle(library.db).find((x) => x.id === d.id));
        } finally {
          library.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('are backfilled when a library from before migration 5 is opened', () => {
    const file = path.join(tmp.dir, 'v3.sqlite');
    const old = new Database(file);
    migrate(old, MIGRATIONS.filter((m) => m.version <= 3));
    old.exec(`
      INSERT INTO documents VALUES ('d1', 'First', '', 'The dam is finished.', 'h1', '[]', '2026-01-01T00:00:00Z');
      INSERT INTO documents VALUES ('d2', 'Second', '', 'Ünïcode text ✓', 'h2', '[]', '2026-01-02T00:00:00Z');
      INSERT INTO annotators VALUES ('a1', 'Ayesha', '2026-01-01T00:00:00Z');
      INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, created_at, updated_at, deleted_at) VALUES
        ('n1', 'd1', 'a1', 'fact', 0, 3, 'The', 'x', 'x', NULL),
        ('n2', 'd1', 'a1', 'fact', 4, 7, 'dam', 'x', 'x', NULL),
        ('n3', 'd1', 'a1', 'opinion', 4, 7, 'dam', 'x', 'x', NULL),
        ('n4', 'd1', 'a1', 'opinion', 8, 10, 'is', 'x', 'x', '2026-01-03T00:00:00Z'),
        ('n5', 'd2', 'a1', 'allegation', 0, 7, 'Ünïcode', 'x', 'x', NULL);
      INSERT INTO document_status VALUES ('d2', 'a1', '2026-01-04T00:00:00Z');
    `);
    const expected = oracle(old);
    old.close();
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(5);
      const library = new Library(db, file);
      expect(byId(library.documents.list())).toEqual(expected);
      expect(library.documents.summary('d1').counts).toEqual({ fact: 2, opinion: 1 });
      expect(library.documents.summary('d2')).toMatchObject({ length: 14, counts: { allegation: 1 }, doneBy: ['Ayesha'] });
    } finally {
      db.close();
    }
  });
});

describe('the paged library list', () => {
  function seeded(): Library {
    const library = Library.open(path.join(tmp.dir, 'paged.sqlite'));
    const titles = ['b 50% off', 'a_b', 'Alpha', 'beta', 'Gamma', 'delta', 'ab', 'Zeta', 'eta', 'theta', 'iota', 'kappa', 'a%b'];
    const annotator = library.annotators.add('Ayesha');
    titles.forEach((title, i) => {
      const text = `abcdefgh ${title} ${'word '.repeat((i * 7) % 11)}end ${i}`;
      const { document } = library.documents.add({ title, source: '', text, blocks: [] }, { createdAt: `2026-01-${String((i % 5) + 1).padStart(2, '0')}T00:00:00Z` });
      if (i % 3 === 0) library.documents.setDone(document.id, annotator.id, true);
      for (let k = 0; k < (i * 5) % 7; k++) library.annotations.add({ documentId: document.id, annotatorId: annotator.id, labelId: 'fact', start: k, end: k + 1 }, text);
    });
    return library;
  }

  it('pages through every sort and direction: pages joined are the whole list in that order, no gaps or overlaps', () => {
    const library = seeded();
    try {
      const all = library.documents.list();
      const key: Record<string, (d: DocumentSummary) => string | number> = { created: (d: DocumentSummary) => d.createdAt, title: (d: DocumentSummary) => d.title.toLowerCase(), length: (d: DocumentSummary) => d.length, annotations: (d: DocumentSummary) => Object.values(d.counts).reduce((a, b) => a + b, 0), notDoneByMe: (d: DocumentSummary) => Number(d.doneBy.includes('Ayesha')) };
      const me = library.annotators.list()[0].id;
      for (const sort of DOCUMENT_SORTS) {
        for (const direction of ['asc', 'desc'] as const) {
          const seen: DocumentSummary[] = [];
          for (let offset = 0; ; offset += 4) {
            const page = library.documents.page({ offset, limit: 4, sort, direction, titleFilter: '' }, me);
            expect(page.total).toBe(all.length);
            seen.push(...page.documents);
            if (page.documents.length < 4) break;
          }
          expect(byId(seen), `${sort} ${direction}`).toEqual(byId(all));
          const keys = seen.map((d) => key[sort](d));
          const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(keys, `${sort} ${direction}`).toEqual(direction === 'asc' ? sorted : sorted.reverse());
        }
      }
    } finally {
      library.close();
    }
  });

  it('filters titles with % and _ taken literally, case-insensitively', () => {
    const library = seeded();
    try {
      const titles = (titleFilter: string) => library.documents.page({ offset: 0, limit: 50, sort: 'title', direction: 'asc', titleFilter });
      expect(titles('%').documents.map((d) => d.title)).toEqual(['a%b', 'b 50% off']);
      expect(titles('_').documents.map((d) => d.title)).toEqual(['a_b']);
      expect(titles('ETA')).toMatchObject({ total: 4 });
      expect(titles('ETA').documents.map((d) => d.title)).toEqual(['beta', 'eta', 'theta', 'Zeta']);
      expect(titles('nothing like this')).toEqual({ total: 0, offset: 0, documents: [] });
    } finally {
      library.close();
    }
  });

  it('reads the first page from indexes and summaries, never the table that holds the texts', () => {
    const library = seeded();
    try {
      // The statement page() runs for the default order; the plan must use the covering index.
      const plan = (sql: string) => (library.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      const listSql = `SELECT d.id, d.title, d.source, d.sha256, d.created_at, s.text_length FROM documents d JOIN document_summaries s ON s.document_id = d.id`;
      expect(plan(`${listSql} ORDER BY d.created_at DESC, d.title, d.id LIMIT 50`)).toMatch(/SCAN d USING COVERING INDEX documents_listing/);
      expect(plan(`${listSql} ORDER BY d.title COLLATE NOCASE ASC, d.created_at, d.id LIMIT 50`)).toMatch(/USING COVERING INDEX documents_by_title/);
      expect(plan(`${listSql} ORDER BY d.created_at DESC, d.title, d.id LIMIT 50`)).not.toMatch(/TEMP B-TREE/);
    } finally {
      library.close();
    }
  });
});

it('keeps a label id of "__proto__" a plain count (no prototype pollution)', () => {
  const file = path.join(tmp.dir, 'proto.sqlite');
  const library = Library.open(file);
  try {
    const text = 'The dam is finished.';
    const { document } = library.documents.add({ title: 'T', source: '', text, blocks: [] });
    const annotator = library.annotators.add('A');
    library.db.prepare("INSERT INTO labels (id, name, color, shortcut, sort_order) VALUES ('__proto__', 'P', '#000000', '9', 9)").run();
    library.annotations.add({ documentId: document.id, annotatorId: annotator.id, labelId: '__proto__', start: 0, end: 3 }, text);
    const counts = library.documents.summary(document.id).counts;
    expect(Object.getPrototypeOf(counts)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(counts)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).fact).toBeUndefined();
  } finally {
    library.close();
    expect(fs.existsSync(file)).toBe(true);
  }
});
