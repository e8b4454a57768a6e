// Studies in the library: a name, its documents (in order), its analysts, the tag set and
// guideline version in force when it was created, and who is assigned which document.

import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AppFailure } from '../../shared/result';
import { newId, nowIso } from '../store/ids';
import { StatementCache } from '../store/statement-cache';
import type { Assignment } from './assignment-plan';
import type { Study, StudyProgress, StudyTagSetLabel } from '../../shared/study';

export type { Study, StudyProgress, StudyTagSetLabel } from '../../shared/study';

export { MAX_STUDY_NAME } from '../../shared/study-form';
import { MAX_STUDY_NAME } from '../../shared/study-form';

interface StudyRow {
  id: string;
  name: string;
  tag_set: string;
  guideline_version: string;
  double_share: number;
  created_at: string;
}

const toStudy = (r: StudyRow): Study => ({
  id: r.id,
  name: r.name,
  tagSet: JSON.parse(r.tag_set) as StudyTagSetLabel[],
  guidelineVersion: r.guideline_version,
  doubleShare: r.double_share,
  createdAt: r.created_at,
});

/** A short fingerprint of the tag set's labels and definitions: changes when the guidelines do. */
export function tagSetVersion(tagSet: readonly StudyTagSetLabel[]): string {
  return createHash('sha256').update(JSON.stringify(tagSet)).digest('hex').slice(0, 12);
}

export class StudiesRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
  }

  /** Call inside a transaction. */
  create(input: { name: string; documentIds: readonly string[]; analystIds: readonly string[]; tagSet: StudyTagSetLabel[]; guidelineVersion?: string; doubleShare?: number }): Study {
    const name = input.name.trim();
    if (name === '' || name.length > MAX_STUDY_NAME) {
      throw new AppFailure({ code: 'invalid-input', message: `A study needs a name of 1 to ${MAX_STUDY_NAME} characters.` });
    }
    if (this.findByName(name)) throw new AppFailure({ code: 'conflict', message: `There is already a study named "${name}".` });
    if (input.documentIds.length === 0) throw new AppFailure({ code: 'invalid-input', message: 'A study needs at least one document.' });
    const study: Study = {
      id: newId(),
      name,
      tagSet: input.tagSet,
      guidelineVersion: input.guidelineVersion?.trim() || tagSetVersion(input.tagSet),
      doubleShare: input.doubleShare ?? 0,
      createdAt: nowIso(),
    };
    this.sql
      .get('INSERT INTO studies (id, name, tag_set, guideline_version, double_share, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(study.id, study.name, JSON.stringify(study.tagSet), study.guidelineVersion, study.doubleShare, study.createdAt);
    const addDocument = this.sql.get('INSERT INTO study_documents (study_id, document_id, position) VALUES (?, ?, ?)');
    [...new Set(input.documentIds)].forEach((id, position) => addDocument.run(study.id, id, position));
    const addAnalyst = this.sql.get('INSERT INTO study_analysts (study_id, annotator_id) VALUES (?, ?)');
    for (const id of new Set(input.analystIds)) addAnalyst.run(study.id, id);
    return study;
  }

  list(): Study[] {
    return (this.sql.get('SELECT * FROM studies ORDER BY name').all() as StudyRow[]).map(toStudy);
  }

  findByName(name: string): Study | null {
    const row = this.sql.get('SELECT * FROM studies WHERE name = ?').get(name.trim()) as StudyRow | undefined;
    return row ? toStudy(row) : null;
  }

  getByName(name: string): Study {
    const study = this.findByName(name);
    if (!study) {
      const known = this.list().map((s) => `"${s.name}"`);
      throw new AppFailure({ code: 'not-found', message: `There is no study named "${name}". Studies: ${known.join(', ') || '(none yet)'}.` });
    }
    return study;
  }

  documentIds(studyId: string): string[] {
    return (this.sql.get('SELECT document_id AS id FROM study_documents WHERE study_id = ? ORDER BY position').all(studyId) as Array<{ id: string }>).map((r) => r.id);
  }

  analysts(studyId: string): Array<{ id: string; name: string }> {
    return this.sql
      .get('SELECT a.id, a.name FROM study_analysts s JOIN annotators a ON a.id = s.annotator_id WHERE s.study_id = ? ORDER BY a.name, a.id')
      .all(studyId) as Array<{ id: string; name: string }>;
  }

  assignments(studyId: string): Assignment[] {
    return this.sql
      .get(
        `SELECT x.document_id AS documentId, x.annotator_id AS annotatorId FROM study_assignments x
           JOIN study_documents d ON d.study_id = x.study_id AND d.document_id = x.document_id
          WHERE x.study_id = ? ORDER BY d.position, x.annotator_id`,
      )
      .all(studyId) as Assignment[];
  }

  /** Replaces the study's assignments. Call inside a transaction. */
  assign(studyId: string, plan: readonly Assignment[], doubleShare: number): void {
    this.sql.get('DELETE FROM study_assignments WHERE study_id = ?').run(studyId);
    const at = nowIso();
    const add = this.sql.get('INSERT INTO study_assignments (study_id, document_id, annotator_id, assigned_at) VALUES (?, ?, ?, ?)');
    for (const a of plan) add.run(studyId, a.documentId, a.annotatorId, at);
    this.sql.get('UPDATE studies SET double_share = ? WHERE id = ?').run(doubleShare, studyId);
  }

  progress(studyId: string): StudyProgress[] {
    return this.sql
      .get(
        `SELECT a.id AS annotatorId, a.name AS name,
                count(x.document_id) AS assigned,
                count(ds.document_id) AS done
           FROM study_analysts s
           JOIN annotators a ON a.id = s.annotator_id
           LEFT JOIN study_assignments x ON x.study_id = s.study_id AND x.annotator_id = s.annotator_id
           LEFT JOIN document_status ds ON ds.document_id = x.document_id AND ds.annotator_id = x.annotator_id
          WHERE s.study_id = ?
          GROUP BY a.id ORDER BY a.name, a.id`,
      )
      .all(studyId) as StudyProgress[];
  }

  /** The first document (in study order) assigned to the analyst and not marked done, or null. */
  nextDocument(studyId: string, annotatorId: string): string | null {
    const row = this.sql
      .get(
        `SELECT x.document_id AS id FROM study_assignments x
           JOIN study_documents d ON d.study_id = x.study_id AND d.document_id = x.document_id
           LEFT JOIN document_status ds ON ds.document_id = x.document_id AND ds.annotator_id = x.annotator_id
          WHERE x.study_id = ? AND x.annotator_id = ? AND ds.document_id IS NULL
          ORDER BY d.position LIMIT 1`,
      )
      .get(studyId, annotatorId) as { id: string } | undefined;
    return row?.id ?? null;
  }
}
