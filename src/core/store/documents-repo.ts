import type { Database } from 'better-sqlite3';
import { StatementCache } from './statement-cache';
import type { Block, DocumentPage, DocumentPageQuery, DocumentRecord, DocumentSort, DocumentSummary, SearchHit } from '../../shared/types';
import { AppFailure } from '../../shared/result';
import { newId, nowIso } from './ids';
import { sha256 as sha256Of } from '../import/normalize-text';
import { RANK_CANDIDATES, SEARCH_RESULT_LIMIT, snippetOf, toSearchQuery } from './search-query';
import { FingerprintsRepo } from './fingerprints-repo';
import { fingerprintOf, type TextFingerprint } from '../similarity/text-fingerprint';

interface DocumentRow {
  id: string;
  title: string;
  source: string;
  text: string;
  sha256: string;
  blocks: string;
  created_at: string;
}

export interface NewDocument {
  title: string;
  source: string;
  text: string;
  blocks: Block[];
}

export { sha256 as sha256Of } from '../import/normalize-text';

const toRecord = (row: DocumentRow): DocumentRecord => ({
  id: row.id,
  title: row.title,
  source: row.source,
  text: row.text,
  sha256: row.sha256,
  blocks: JSON.parse(row.blocks) as Block[],
  createdAt: row.created_at,
});

export class DocumentsRepo {
  private readonly sql: StatementCache;
  /** The texts' fingerprints for the similar-document check, kept in step with the documents. */
  readonly fingerprints: FingerprintsRepo;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
    this.fingerprints = new FingerprintsRepo(db);
  }

  /**
   * Adds a document with its text's fingerprint, or returns the existing one with the same text
   * (`existed: true`). An import may give the new document its id (which must be free) and
   * creation time, and the fingerprint of this text when it has already computed it.
   */
  add(doc: NewDocument, identity: { id?: string; createdAt?: string; fingerprint?: TextFingerprint } = {}): { document: DocumentRecord; existed: boolean } {
    assertBlocksCoverText(doc.text, doc.blocks);
    const sha256 = sha256Of(doc.text);
    const existing = this.findBySha256(sha256);
    if (existing) return { document: existing, existed: true };
    const row: DocumentRow = {
      id: identity.id ?? newId(),
      title: doc.title,
      source: doc.source,
      text: doc.text,
      sha256,
      blocks: JSON.stringify(doc.blocks),
      created_at: identity.createdAt ?? nowIso(),
    };
    this.sql
      .get(
        'INSERT INTO documents (id, title, source, text, sha256, blocks, created_at) VALUES (@id, @title, @source, @text, @sha256, @blocks, @created_at)',
      )
      .run(row);
    this.fingerprints.save(row.id, identity.fingerprint ?? fingerprintOf(doc.text));
    return { document: toRecord(row), existed: false };
  }

  get(id: string): DocumentRecord {
    const row = this.sql.get('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    if (!row) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
    assertTextIntact(row);
    return toRecord(row);
  }

  /**
   * Documents whose stored text no longer matches the SHA-256 stored with it (bytes rotted on
   * disk, or edited behind claimtag's back). Reads every text: for checks, not for listing.
   */
  damagedTexts(): Array<{ id: string; title: string }> {
    const damaged: Array<{ id: string; title: string }> = [];
    for (const row of this.sql.get('SELECT id, title, text, sha256 FROM documents ORDER BY created_at DESC, title').iterate() as Iterable<Pick<DocumentRow, 'id' | 'title' | 'text' | 'sha256'>>) {
      if (sha256Of(row.text) !== row.sha256) damaged.push({ id: row.id, title: row.title });
    }
    return damaged;
  }

  /** Whether the library has any document. */
  any(): boolean {
    return this.sql.get('SELECT 1 FROM documents LIMIT 1').get() !== undefined;
  }

  /**
   * Documents whose fingerprint shares a band bucket with `fingerprint` (the only ones whose text
   * can resemble it: see text-fingerprint.ts), in list() order. Documents without a current
   * fingerprint are not among them: fingerprint them first (fingerprints.textsWithout).
   */
  similarCandidates(fingerprint: TextFingerprint): Array<{ id: string; title: string }> {
    return this.sql
      .get(
        `SELECT d.id, d.title FROM documents d JOIN document_summaries s ON s.document_id = d.id
          WHERE d.id IN (SELECT b.document_id FROM document_fingerprint_bands b WHERE b.bucket IN (SELECT value FROM json_each(?)))
          ORDER BY ${ORDER_BY.created.desc}`,
      )
      .all(JSON.stringify(fingerprint.buckets)) as Array<{ id: string; title: string }>;
  }

  /** Documents whose id is one of `ids` or whose non-empty source is one of `sources`, in list() order (no texts read). */
  withIdOrSource(ids: readonly string[], sources: readonly string[]): Array<{ id: string; title: string; source: string }> {
    return this.sql
      .get(`${LIST_SELECT} WHERE d.id IN (SELECT value FROM json_each(?)) OR (d.source <> '' AND d.source IN (SELECT value FROM json_each(?))) ORDER BY ${ORDER_BY.created.desc}`)
      .all(JSON.stringify(ids), JSON.stringify(sources)) as ListRow[];
  }

  exists(id: string): boolean {
    return this.sql.get('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
  }

  findBySha256(sha256: string): DocumentRecord | null {
    const row = this.sql.get('SELECT * FROM documents WHERE sha256 = ?').get(sha256) as DocumentRow | undefined;
    if (row) assertTextIntact(row);
    return row ? toRecord(row) : null;
  }

  /** Text of a document without parsing its blocks. */
  textOf(id: string): string {
    const row = this.sql.get('SELECT title, text, sha256 FROM documents WHERE id = ?').get(id) as Pick<DocumentRow, 'title' | 'text' | 'sha256'> | undefined;
    if (!row) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
    assertTextIntact(row);
    return row.text;
  }

  rename(id: string, title: string): DocumentRecord {
    const info = this.sql.get('UPDATE documents SET title = ? WHERE id = ?').run(title, id);
    if (info.changes === 0) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
    return this.get(id);
  }

  setDone(documentId: string, annotatorId: string, done: boolean): void {
    if (!this.exists(documentId)) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
    if (done) {
      this.sql
        .get('INSERT INTO document_status (document_id, annotator_id, done_at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET done_at = excluded.done_at')
        .run(documentId, annotatorId, nowIso());
    } else this.sql.get('DELETE FROM document_status WHERE document_id = ? AND annotator_id = ?').run(documentId, annotatorId);
  }

  isDone(documentId: string, annotatorId: string): boolean {
    return this.sql.get('SELECT 1 FROM document_status WHERE document_id = ? AND annotator_id = ?').get(documentId, annotatorId) !== undefined;
  }

  /** The list row of one document, read from the summaries (cost independent of the library's size); counts as in list(). */
  summary(id: string, countsOf?: string | null): DocumentSummary {
    const row = this.sql.get(`${LIST_SELECT} WHERE d.id = ?`).get(id) as ListRow | undefined;
    if (!row) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
    return this.withCountsAndDone([row], countsOf)[0];
  }

  /** Removes a document and (by cascade) all its annotations; returns how many annotations went. */
  remove(id: string): number {
    const { n } = this.sql.get('SELECT count(*) AS n FROM annotations WHERE document_id = ? AND deleted_at IS NULL').get(id) as { n: number };
    const info = this.sql.get('DELETE FROM documents WHERE id = ?').run(id);
    if (info.changes === 0) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
    return n;
  }

  /**
   * Full-text search over titles and texts, best first (FTS5's bm25 rank), words as prefixes
   * (see search-query.ts for the bounds); each hit has a snippet and the offset of its first match.
   */
  search(query: string, limit = SEARCH_RESULT_LIMIT): SearchHit[] {
    const parsed = toSearchQuery(query);
    if (!parsed) return [];
    // Rank from the index alone; then read only the texts of the hits kept, for snippets
    // (cut in JavaScript: FTS5's snippet() re-tokenises each whole text).
    // Only the newest RANK_CANDIDATES matches are scored: bm25() runs in a subquery bounded by
    // a LIMIT on rowid order, so it is computed for those rows alone (FTS5's ORDER BY rank
    // scored every match first: 42 ms for two common words at 10,000 articles, now ~7 ms).
    // Equal scores go newest first, so the order is the same on every run.
    const ranked = this.sql
      .get(
        `SELECT rowid FROM (
           SELECT rowid, bm25(documents_fts) AS score FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid DESC LIMIT ?
         ) ORDER BY score, rowid DESC LIMIT ?`,
      )
      .all(parsed.match, RANK_CANDIDATES, limit) as Array<{ rowid: number }>;
    if (ranked.length === 0) return [];
    const rows = this.sql
      .get('SELECT rowid, id, title, text FROM documents WHERE rowid IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ranked.map((r) => r.rowid))) as Array<{ rowid: number; id: string; title: string; text: string }>;
    const byRowid = new Map(rows.map((r) => [r.rowid, r]));
    return ranked.flatMap(({ rowid }) => {
      const r = byRowid.get(rowid);
      if (!r) return [];
      const { snippet, offset } = snippetOf(r.text, parsed);
      return [{ documentId: r.id, title: r.title, snippet, offset }];
    });
  }

  /**
   * Every document's list row, newest first (the summaries, never the texts or annotations);
   * `counts` are of one annotator's live annotations when `countsOf` is given (null: none), else of everyone's.
   */
  list(countsOf?: string | null): DocumentSummary[] {
    const rows = this.sql.get(`${LIST_SELECT} ORDER BY ${ORDER_BY.created.desc}`).all() as ListRow[];
    return this.withCountsAndDone(rows, countsOf);
  }

  /**
   * One page of the list, sorted and filtered in SQL; `me` is the annotator whose done marks
   * 'notDoneByMe' sorts on and whose own annotations the counts are (as listDocuments gives them).
   */
  page(query: DocumentPageQuery, me: string | null = null): DocumentPage {
    const filter = query.titleFilter ? ` WHERE d.title LIKE ? ESCAPE '\\'` : '';
    const params = query.titleFilter ? [`%${query.titleFilter.replace(/[\\%_]/g, (c) => `\\${c}`)}%`] : [];
    const { n: total } = this.sql.get(`SELECT count(*) AS n FROM documents d${filter}`).get(...params) as { n: number };
    const rows = this.sql
      .get(`${LIST_SELECT}${filter} ORDER BY ${ORDER_BY[query.sort][query.direction]} LIMIT ? OFFSET ?`)
      .all(...(query.sort === 'notDoneByMe' ? [...params, me ?? ''] : params), query.limit, query.offset) as ListRow[];
    return { total, offset: query.offset, documents: this.withCountsAndDone(rows, me) };
  }

  /** Label counts (everyone's, one annotator's, or none: see list()) and done marks for the given rows only. */
  private withCountsAndDone(rows: ListRow[], countsOf?: string | null): DocumentSummary[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const counts = (
      countsOf === null
        ? []
        : countsOf === undefined
          ? this.sql
              .get('SELECT c.document_id, c.label_id, sum(c.n) AS n FROM document_label_counts c WHERE c.document_id IN (SELECT value FROM json_each(?)) GROUP BY c.document_id, c.label_id')
              .all(ids)
          : this.sql
              .get('SELECT c.document_id, c.label_id, c.n FROM document_label_counts c WHERE c.document_id IN (SELECT value FROM json_each(?)) AND c.annotator_id = ?')
              .all(ids, countsOf)
    ) as Array<{ document_id: string; label_id: string; n: number }>;
    const byDoc = new Map<string, Array<[string, number]>>();
    for (const c of counts) byDoc.set(c.document_id, [...(byDoc.get(c.document_id) ?? []), [c.label_id, c.n]]);
    const done = this.sql
      .get(
        `SELECT s.document_id, n.name FROM document_status s JOIN annotators n ON n.id = s.annotator_id
          WHERE s.document_id IN (SELECT value FROM json_each(?)) ORDER BY n.name`,
      )
      .all(ids) as Array<{ document_id: string; name: string }>;
    const doneBy = new Map<string, string[]>();
    for (const d of done) doneBy.set(d.document_id, [...(doneBy.get(d.document_id) ?? []), d.name]);
    return rows.map((d) => ({
      id: d.id,
      title: d.title,
      source: d.source,
      sha256: d.sha256,
      length: d.text_length,
      createdAt: d.created_at,
      // label ids come from data: own properties only (a "__proto__" id stays a plain key)
      counts: Object.fromEntries(byDoc.get(d.id) ?? []),
      doneBy: doneBy.get(d.id) ?? [],
    }));
  }
}

interface ListRow {
  id: string;
  title: string;
  source: string;
  sha256: string;
  created_at: string;
  text_length: number;
}

/** The list's columns: from the documents_listing index and document_summaries, never the texts. */
const LIST_SELECT = `SELECT d.id, d.title, d.source, d.sha256, d.created_at, s.text_length
  FROM documents d JOIN document_summaries s ON s.document_id = d.id`;

/**
 * ORDER BY clause per sort and direction, each the order of an index (documents_listing,
 * documents_by_title, document_summaries_by_*) read forwards or backwards; ties are broken down
 * to the id so pages never overlap.
 */
const ORDER_BY: Record<DocumentSort, Record<'asc' | 'desc', string>> = {
  created: { asc: 'd.created_at ASC, d.title DESC, d.id DESC', desc: 'd.created_at DESC, d.title, d.id' },
  title: { asc: 'd.title COLLATE NOCASE ASC, d.created_at, d.id', desc: 'd.title COLLATE NOCASE DESC, d.created_at DESC, d.id DESC' },
  length: { asc: 's.text_length ASC, s.document_id', desc: 's.text_length DESC, s.document_id DESC' },
  annotations: { asc: 's.annotations ASC, s.document_id', desc: 's.annotations DESC, s.document_id DESC' },
  // documents the given annotator has not marked done first ('asc'), newest first within each group
  notDoneByMe: {
    asc: 'EXISTS (SELECT 1 FROM document_status m WHERE m.document_id = d.id AND m.annotator_id = ?) ASC, d.created_at DESC, d.title, d.id',
    desc: 'EXISTS (SELECT 1 FROM document_status m WHERE m.document_id = d.id AND m.annotator_id = ?) DESC, d.created_at DESC, d.title, d.id',
  },
};

function assertBlocksCoverText(text: string, blocks: Block[]): void {
  let previousEnd = 0;
  for (const b of blocks) {
    if (!Number.isInteger(b.start) || !Number.isInteger(b.end) || b.start < previousEnd || b.end < b.start || b.end > text.length) {
      throw new AppFailure({ code: 'invalid-input', message: 'The document structure does not match its text.' });
    }
    previousEnd = b.end;
  }
}

/** The text is what was stored: its SHA-256 still matches. Never shows or exports rotten text as sound. */
function assertTextIntact(row: Pick<DocumentRow, 'title' | 'text' | 'sha256'>): void {
  if (sha256Of(row.text) === row.sha256) return;
  throw new AppFailure({
    code: 'storage',
    message: `The stored text of "${row.title.slice(0, 120)}" no longer matches its fingerprint (SHA-256): the library file is damaged there. It is not shown or exported as it is. Restore a backup (in the app: the recovery screen; on the command line: claimtag backup --list, then claimtag restore).`,
  });
}
