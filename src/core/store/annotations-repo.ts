import type { Database } from 'better-sqlite3';
import { StatementCache } from './statement-cache';
import type { Annotation, Confidence } from '../../shared/types';
import type { AttributeValues } from '../../shared/claim-structure';
import { AppFailure } from '../../shared/result';
import { splitsSurrogatePair } from '../../shared/offsets';
import { newId, nowIso } from './ids';

/** How much text either side of a span is kept for re-anchoring in a colleague's copy. */
export const CONTEXT_LENGTH = 32;

interface AnnotationRow {
  id: string;
  document_id: string;
  annotator_id: string;
  annotator_name: string;
  label_id: string;
  start_offset: number;
  end_offset: number;
  quote: string;
  prefix: string;
  suffix: string;
  note: string;
  attribution: string;
  confidence: Confidence | null;
  attribute_values: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const SELECT = `SELECT a.*, n.name AS annotator_name FROM annotations a JOIN annotators n ON n.id = a.annotator_id`;

/** Stored values (checked when saved); anything malformed reads as none. */
export function parseAttributeValues(json: string): AttributeValues {
  try {
    const v = JSON.parse(json) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
    const kept = Object.entries(v).filter(
      (e): e is [string, string | string[]] => typeof e[1] === 'string' || (Array.isArray(e[1]) && e[1].every((x: unknown) => typeof x === 'string')),
    );
    return Object.fromEntries(kept);
  } catch {
    return {};
  }
}

/** Attribute values are left out when there are none, as the shared type says. */
const withValues = (json: string): { attributes?: AttributeValues } => {
  if (json === '{}') return {};
  const values = parseAttributeValues(json);
  return Object.keys(values).length > 0 ? { attributes: values } : {};
};

const toAnnotation = (r: AnnotationRow): Annotation => ({
  id: r.id,
  documentId: r.document_id,
  annotatorId: r.annotator_id,
  annotatorName: r.annotator_name,
  labelId: r.label_id,
  start: r.start_offset,
  end: r.end_offset,
  quote: r.quote,
  prefix: r.prefix,
  suffix: r.suffix,
  note: r.note,
  attribution: r.attribution,
  confidence: r.confidence,
  ...withValues(r.attribute_values),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deletedAt: r.deleted_at,
});

export interface NewAnnotation {
  documentId: string;
  annotatorId: string;
  labelId: string;
  start: number;
  end: number;
  note?: string;
  attribution?: string;
  confidence?: Confidence | null;
  /** Values of the label's attributes, already checked against its definitions. */
  attributes?: AttributeValues;
  /** Kept when importing another library's work; generated otherwise. */
  id?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface AnnotationPatch {
  labelId?: string;
  note?: string;
  attribution?: string;
  confidence?: Confidence | null;
  /** The whole set of values (replacing the stored ones), already checked against the label. */
  attributes?: AttributeValues;
}

/** Throws unless [start, end) is a non-empty span of `text` that splits no character. */
export function assertValidSpan(text: string, start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length) {
    throw new AppFailure({ code: 'invalid-input', message: `The span ${start}–${end} lies outside the document (0–${text.length}).` });
  }
  if (start >= end) throw new AppFailure({ code: 'invalid-input', message: 'An annotation must cover at least one character.' });
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new AppFailure({ code: 'invalid-input', message: 'The span cuts a character in half.' });
  }
  if (text.slice(start, end).trim() === '') {
    throw new AppFailure({ code: 'invalid-input', message: 'An annotation must cover some text, not only spaces.' });
  }
}

const INSERT_INTO = `INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, prefix, suffix,
    note, attribution, confidence, attribute_values, created_at, updated_at)`;
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT = `${INSERT_INTO} VALUES ${ROW}`;
const INSERT_UNLESS_ID_TAKEN = `${INSERT} ON CONFLICT (id) DO NOTHING`;
/** Rows per statement when importing: one statement per row costs ~40% more in SQLite and the binding. */
const IMPORT_BATCH = 32;
const INSERT_BATCH_UNLESS_ID_TAKEN = `${INSERT_INTO} VALUES ${Array<string>(IMPORT_BATCH).fill(ROW).join(', ')} ON CONFLICT (id) DO NOTHING`;

/** Writes an import's annotations; see AnnotationsRepo.importer. */
export interface AnnotationImporter {
  add(a: NewAnnotation, text: string): void;
  /** Writes the rows still waiting; call it once, after the last add(). */
  finish(): void;
}

class IdTaken extends Error {}

/**
 * Appends the 15 column values of one row (checked; quote and context from `text`), in the
 * order of INSERT_INTO.
 */
function pushRow(params: unknown[], a: NewAnnotation, text: string, id: string): void {
  assertValidSpan(text, a.start, a.end);
  const createdAt = a.createdAt ?? nowIso();
  params.push(
    id,
    a.documentId,
    a.annotatorId,
    a.labelId,
    a.start,
    a.end,
    text.slice(a.start, a.end),
    contextBefore(text, a.start),
    contextAfter(text, a.end),
    a.note ?? '',
    a.attribution ?? '',
    a.confidence ?? null,
    JSON.stringify(a.attributes ?? {}),
    createdAt,
    a.updatedAt ?? createdAt,
  );
}

export class AnnotationsRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
  }

  /** Quote and context are taken from the stored text, never from the caller. */
  add(a: NewAnnotation, text: string): Annotation {
    const id = a.id ?? newId();
    this.insertRow(a, text, id, INSERT);
    return this.get(id);
  }

  /**
   * What an import writes, row after row: like add(), but `a.id` is kept only when no annotation
   * has it yet (else a new id is made), and the row is not read back. Returns the id used.
   */
  addImported(a: NewAnnotation, text: string): string {
    if (a.id && this.insertRow(a, text, a.id, INSERT_UNLESS_ID_TAKEN) === 1) return a.id;
    const id = newId();
    this.insertRow(a, text, id, INSERT);
    return id;
  }

  /**
   * Writes an import's annotations, several rows per statement. Each row is checked and completed
   * like add(), and keeps the file's id unless an annotation has it already, like addImported().
   * Rows are written in the order added; use it inside the import's transaction, and call finish().
   */
  importer(): AnnotationImporter {
    const statement = this.sql.get(INSERT_BATCH_UNLESS_ID_TAKEN);
    const params: unknown[] = [];
    const waiting: NewAnnotation[] = [];
    const textsOf: string[] = [];
    // Each batch under a savepoint: when a file's id turns out to be taken (rare), the batch is
    // undone and its rows written one by one by addImported, in the same order.
    const writeBatch = this.db.transaction(() => {
      if (statement.run(params).changes !== IMPORT_BATCH) throw new IdTaken();
    });
    const batchWritten = (): boolean => {
      try {
        writeBatch();
        return true;
      } catch (err) {
        if (err instanceof IdTaken) return false;
        throw err;
      }
    };
    const flush = () => {
      if (waiting.length < IMPORT_BATCH || !batchWritten()) waiting.forEach((a, i) => this.addImported(a, textsOf[i]));
      waiting.length = 0;
      textsOf.length = 0;
      params.length = 0;
    };
    return {
      add: (a, text) => {
        pushRow(params, a, text, a.id || newId());
        waiting.push(a);
        textsOf.push(text);
        if (waiting.length === IMPORT_BATCH) flush();
      },
      finish: flush,
    };
  }

  /** Inserts one row; returns the number of rows inserted. */
  private insertRow(a: NewAnnotation, text: string, id: string, sql: string): number {
    const params: unknown[] = [];
    pushRow(params, a, text, id);
    return this.sql.get(sql).run(params).changes;
  }

  get(id: string): Annotation {
    const row = this.sql.get(`${SELECT} WHERE a.id = ?`).get(id) as AnnotationRow | undefined;
    if (!row) throw new AppFailure({ code: 'not-found', message: 'That annotation no longer exists.' });
    return toAnnotation(row);
  }

  exists(id: string): boolean {
    return this.sql.get('SELECT 1 FROM annotations WHERE id = ?').get(id) !== undefined;
  }

  /** A live annotation with exactly this span, label and annotator, if there is one. */
  findSame(documentId: string, annotatorId: string, labelId: string, start: number, end: number): string | null {
    const row = this.sql
      .get(
        'SELECT id FROM annotations WHERE document_id = ? AND annotator_id = ? AND label_id = ? AND start_offset = ? AND end_offset = ? AND deleted_at IS NULL',
      )
      .get(documentId, annotatorId, labelId, start, end) as { id: string } | undefined;
    return row?.id ?? null;
  }

  /** Annotator, label and span of every live annotation of a document (what findSame compares), in no particular order. */
  liveSpans(documentId: string): Array<{ annotatorId: string; labelId: string; start: number; end: number }> {
    return this.sql
      .get('SELECT annotator_id AS annotatorId, label_id AS labelId, start_offset AS start, end_offset AS end FROM annotations WHERE document_id = ? AND deleted_at IS NULL')
      .all(documentId) as Array<{ annotatorId: string; labelId: string; start: number; end: number }>;
  }

  /** Who has annotations in a document: per annotator, how many are live (0 when all are deleted). */
  layersOf(documentId: string): Array<{ annotatorId: string; name: string; live: number }> {
    return this.sql
      .get(
        `SELECT a.annotator_id AS annotatorId, n.name AS name, COALESCE(SUM(a.deleted_at IS NULL), 0) AS live
           FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE a.document_id = ? GROUP BY a.annotator_id ORDER BY n.name`,
      )
      .all(documentId) as Array<{ annotatorId: string; name: string; live: number }>;
  }

  /** Live annotations counted per document, annotator name and label, by annotator name then label. */
  liveCounts(): Array<{ documentId: string; annotator: string; label: string; n: number }> {
    return this.sql
      .get(
        `SELECT a.document_id AS documentId, n.name AS annotator, a.label_id AS label, count(*) AS n
           FROM annotations a JOIN annotators n ON n.id = a.annotator_id
          WHERE a.deleted_at IS NULL GROUP BY a.document_id, n.name, a.label_id ORDER BY n.name, a.label_id`,
      )
      .all() as Array<{ documentId: string; annotator: string; label: string; n: number }>;
  }

  /** Per annotator other than `annotatorId`, how many rows (deleted ones too) carry a label. */
  labelUseByOthers(labelId: string, annotatorId: string | null): Array<{ name: string; rows: number }> {
    return this.sql
      .get(
        `SELECT n.name AS name, count(*) AS rows FROM annotations a JOIN annotators n ON n.id = a.annotator_id
          WHERE a.label_id = ? AND a.annotator_id IS NOT ? GROUP BY a.annotator_id ORDER BY n.name`,
      )
      .all(labelId, annotatorId) as Array<{ name: string; rows: number }>;
  }

  /** Live annotations of a document in reading order (start, then longer first). */
  /** Live annotations in reading order; with `limit`, only the first `limit` of them. */
  listForDocument(documentId: string, limit?: number, onlyAnnotator?: string): Annotation[] {
    const who = onlyAnnotator === undefined ? '' : ' AND a.annotator_id = ?';
    const order = `${SELECT} WHERE a.document_id = ?${who} AND a.deleted_at IS NULL ORDER BY a.start_offset, a.end_offset DESC, a.created_at`;
    const args: unknown[] = onlyAnnotator === undefined ? [documentId] : [documentId, onlyAnnotator];
    const rows = limit === undefined ? this.sql.get(order).all(...args) : this.sql.get(`${order} LIMIT ?`).all(...args, limit);
    return (rows as AnnotationRow[]).map(toAnnotation);
  }

  update(id: string, patch: AnnotationPatch): Annotation {
    const current = this.get(id);
    if (current.deletedAt) throw new AppFailure({ code: 'conflict', message: 'That annotation was deleted; undo the deletion first.' });
    this.sql
      .get(
        'UPDATE annotations SET label_id = ?, note = ?, attribution = ?, confidence = ?, attribute_values = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        patch.labelId ?? current.labelId,
        patch.note ?? current.note,
        patch.attribution ?? current.attribution,
        patch.confidence === undefined ? current.confidence : patch.confidence,
        JSON.stringify(patch.attributes ?? current.attributes ?? {}),
        nowIso(),
        id,
      );
    return this.get(id);
  }

  /** Annotations using a label: live ones, and soft-deleted ones kept for undo. */
  labelUsage(labelId: string): { live: number; deleted: number } {
    return this.sql
      .get('SELECT COALESCE(SUM(deleted_at IS NULL), 0) AS live, COALESCE(SUM(deleted_at IS NOT NULL), 0) AS deleted FROM annotations WHERE label_id = ?')
      .get(labelId) as { live: number; deleted: number };
  }

  /** The attribute values stored on a label's annotations (deleted ones too: undo brings them back), one entry per annotation that has any. */
  attributeValuesOfLabel(labelId: string): AttributeValues[] {
    const rows = this.sql.get("SELECT attribute_values FROM annotations WHERE label_id = ? AND attribute_values <> '{}'").all(labelId) as Array<{ attribute_values: string }>;
    return rows.map((r) => parseAttributeValues(r.attribute_values));
  }

  /** Re-labels every annotation of `from` (deleted ones too) as `into`; returns how many rows moved. */
  relabelAll(from: string, into: string): number {
    return this.sql.get('UPDATE annotations SET label_id = ?, updated_at = ? WHERE label_id = ?').run(into, nowIso(), from).changes;
  }

  /** Permanently drops the soft-deleted annotations of a label (they can no longer be restored). */
  purgeDeletedOfLabel(labelId: string): number {
    return this.sql.get('DELETE FROM annotations WHERE label_id = ? AND deleted_at IS NOT NULL').run(labelId).changes;
  }

  softDelete(id: string): Annotation {
    const info = this.sql
      .get('UPDATE annotations SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL')
      .run(nowIso(), nowIso(), id);
    if (info.changes === 0) this.get(id); // throws not-found; an already deleted one is returned as is
    return this.get(id);
  }

  restore(id: string): Annotation {
    this.get(id);
    this.sql.get('UPDATE annotations SET deleted_at = NULL, updated_at = ? WHERE id = ?').run(nowIso(), id);
    return this.get(id);
  }
}

/** Up to CONTEXT_LENGTH units of `text` before `start`, never splitting a character. */
export function contextBefore(text: string, start: number): string {
  let from = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, from)) from++;
  return text.slice(from, start);
}

/** Up to CONTEXT_LENGTH units of `text` after `end`, never splitting a character. */
export function contextAfter(text: string, end: number): string {
  let to = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, to)) to--;
  return text.slice(end, to);
}
