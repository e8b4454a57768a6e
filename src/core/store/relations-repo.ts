// The relations table (#20): links from a claim annotation to the source or cue annotation it is
// attributed to / reported by, in one analyst's layer of one document. Soft-deleted like
// annotations, so undoing a deletion brings the links back. The rules (ownership, roles, same
// document) are the services' (src/core/api/relation-services.ts); this module only stores.
import type { Database } from 'better-sqlite3';
import type { Relation, RelationKind } from '../../shared/claim-structure';
import { AppFailure } from '../../shared/result';
import { StatementCache } from './statement-cache';
import { newId, nowIso } from './ids';

interface RelationRow {
  id: string;
  document_id: string;
  annotator_id: string;
  annotator_name: string;
  kind: RelationKind;
  claim_id: string;
  target_id: string;
  created_at: string;
  deleted_at: string | null;
}

const SELECT = 'SELECT r.*, n.name AS annotator_name FROM relations r JOIN annotators n ON n.id = r.annotator_id';
/** Both ends live: a link to a deleted span is not shown (and comes back with it). */
const BOTH_ENDS_LIVE = `EXISTS (SELECT 1 FROM annotations c WHERE c.id = r.claim_id AND c.deleted_at IS NULL)
  AND EXISTS (SELECT 1 FROM annotations t WHERE t.id = r.target_id AND t.deleted_at IS NULL)`;

const toRelation = (r: RelationRow): Relation => ({
  id: r.id,
  documentId: r.document_id,
  annotatorId: r.annotator_id,
  annotatorName: r.annotator_name,
  kind: r.kind,
  claimId: r.claim_id,
  targetId: r.target_id,
  createdAt: r.created_at,
  deletedAt: r.deleted_at,
});

export interface NewRelation {
  documentId: string;
  annotatorId: string;
  kind: RelationKind;
  claimId: string;
  targetId: string;
  /** Kept when importing another library's work; generated otherwise. */
  id?: string;
  createdAt?: string;
}

export class RelationsRepo {
  private readonly sql: StatementCache;

  constructor(db: Database) {
    this.sql = new StatementCache(db);
  }

  get(id: string): Relation {
    const row = this.sql.get(`${SELECT} WHERE r.id = ?`).get(id) as RelationRow | undefined;
    if (!row) throw new AppFailure({ code: 'not-found', message: 'That link no longer exists.' });
    return toRelation(row);
  }

  /** The live link of this kind from `claimId` to `targetId`, if there is one. */
  findLive(claimId: string, kind: RelationKind, targetId: string): Relation | null {
    const row = this.sql.get(`${SELECT} WHERE r.claim_id = ? AND r.kind = ? AND r.target_id = ? AND r.deleted_at IS NULL`).get(claimId, kind, targetId) as RelationRow | undefined;
    return row ? toRelation(row) : null;
  }

  /** Adds a live link; the id is kept when given and free, else a new one is made. */
  add(r: NewRelation): Relation {
    const id = r.id && !this.exists(r.id) ? r.id : newId();
    this.sql
      .get('INSERT INTO relations (id, document_id, annotator_id, kind, claim_id, target_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, r.documentId, r.annotatorId, r.kind, r.claimId, r.targetId, r.createdAt ?? nowIso());
    return this.get(id);
  }

  /** What an import writes: like add(), without reading the row back. */
  addImported(r: NewRelation): void {
    const insert = this.sql.get('INSERT INTO relations (id, document_id, annotator_id, kind, claim_id, target_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
    const row = [r.documentId, r.annotatorId, r.kind, r.claimId, r.targetId, r.createdAt ?? nowIso()];
    if (r.id && insert.run(r.id, ...row).changes === 1) return;
    insert.run(newId(), ...row);
  }

  exists(id: string): boolean {
    return this.sql.get('SELECT 1 FROM relations WHERE id = ?').get(id) !== undefined;
  }

  /** Live links of a document whose two ends are live, oldest first; only one annotator's with `onlyAnnotator`. */
  listForDocument(documentId: string, onlyAnnotator?: string): Relation[] {
    const who = onlyAnnotator === undefined ? '' : ' AND r.annotator_id = ?';
    const rows = this.sql
      .get(`${SELECT} WHERE r.document_id = ?${who} AND r.deleted_at IS NULL AND ${BOTH_ENDS_LIVE} ORDER BY r.created_at, r.id`)
      .all(...(onlyAnnotator === undefined ? [documentId] : [documentId, onlyAnnotator])) as RelationRow[];
    return rows.map(toRelation);
  }

  /** Live links of the given documents whose two ends are live (what a bundle carries). */
  listForDocuments(documentIds: readonly string[]): Relation[] {
    const rows = this.sql
      .get(`${SELECT} WHERE r.document_id IN (SELECT value FROM json_each(?)) AND r.deleted_at IS NULL AND ${BOTH_ENDS_LIVE} ORDER BY r.document_id, r.created_at, r.id`)
      .all(JSON.stringify(documentIds)) as RelationRow[];
    return rows.map(toRelation);
  }

  /** How many live links have an end (claim or target) of this label. */
  liveCountForLabel(labelId: string): number {
    return (
      this.sql
        .get(
          `SELECT count(*) AS n FROM relations r WHERE r.deleted_at IS NULL AND EXISTS (
             SELECT 1 FROM annotations a WHERE a.label_id = ? AND (a.id = r.claim_id OR a.id = r.target_id))`,
        )
        .get(labelId) as { n: number }
    ).n;
  }

  /** Live links touching an annotation, as claim or as target. */
  liveOf(annotationId: string): Relation[] {
    const rows = this.sql
      .get(`${SELECT} WHERE (r.claim_id = ? OR r.target_id = ?) AND r.deleted_at IS NULL ORDER BY r.created_at, r.id`)
      .all(annotationId, annotationId) as RelationRow[];
    return rows.map(toRelation);
  }

  /** Soft-deletes one link; an already deleted one is returned as it is. */
  softDelete(id: string, at = nowIso()): Relation {
    this.sql.get('UPDATE relations SET deleted_at = ?, deleted_with = NULL WHERE id = ? AND deleted_at IS NULL').run(at, id);
    return this.get(id);
  }

  /** Soft-deletes every live link touching an annotation, as taken down with it (`at`: the annotation's own deletion time). */
  softDeleteOf(annotationId: string, at: string): number {
    return this.sql
      .get('UPDATE relations SET deleted_at = ?, deleted_with = ? WHERE (claim_id = ? OR target_id = ?) AND deleted_at IS NULL')
      .run(at, annotationId, annotationId, annotationId).changes;
  }

  /**
   * Brings back the links taken down together with an annotation, unless a live link of the
   * same claim, kind and target exists again meanwhile. Links unlinked on their own stay deleted
   * (even when that happened in the same millisecond).
   */
  restoreOf(annotationId: string): number {
    return this.sql
      .get(
        `UPDATE relations AS r SET deleted_at = NULL, deleted_with = NULL WHERE (r.claim_id = ? OR r.target_id = ?) AND r.deleted_with = ?
           AND NOT EXISTS (SELECT 1 FROM relations o WHERE o.claim_id = r.claim_id AND o.kind = r.kind AND o.target_id = r.target_id AND o.deleted_at IS NULL)`,
      )
      .run(annotationId, annotationId, annotationId).changes;
  }
}
