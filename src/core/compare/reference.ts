// The reference ("adjudicated") version: an annotator named "reference", one per library,
// stored like any other annotator so it exports and compares. Decisions are logged in
// the adjudications table (what was decided: the side accepted, a rejection, or a new span
// with its label and boundary; why, by whom, when); the reference annotation's note also
// records them.

import type { AdjudicationDecision } from '../../shared/compare';
import type { Annotator } from '../../shared/types';
import type { Library } from '../store/library';
import { REFERENCE_ANNOTATOR_KEY } from '../store/setting-keys';

export const REFERENCE_NAME = 'reference';
const REFERENCE_SETTING = REFERENCE_ANNOTATOR_KEY;
/** Oldest entries are dropped beyond this, so one document's log stays small. */
const MAX_LOG = 5_000;

export function findReferenceAnnotator(library: Library): Annotator | null {
  const id = library.settings.get(REFERENCE_SETTING);
  const known = id ? library.annotators.find(id) : null;
  if (known) return known;
  return library.annotators.findByName(REFERENCE_NAME)[0] ?? null;
}

/** Call inside a transaction. */
export function ensureReferenceAnnotator(library: Library): Annotator {
  const found = findReferenceAnnotator(library);
  const reference = found ?? library.annotators.add(REFERENCE_NAME);
  if (library.settings.get(REFERENCE_SETTING) !== reference.id) library.settings.set(REFERENCE_SETTING, reference.id);
  return reference;
}

export function readDecisions(library: Library, documentId: string): AdjudicationDecision[] {
  const rows = library.db
    .prepare(
      `SELECT kind, start_offset AS start, end_offset AS "end", label_id AS labelId, span_start AS spanStart, span_end AS spanEnd,
              source_annotator AS source, reason, decided_by AS by, decided_at AS at
         FROM adjudications WHERE document_id = ? ORDER BY id`,
    )
    .all(documentId) as Array<AdjudicationDecision & { labelId: string | null; spanStart: number | null; spanEnd: number | null }>;
  return rows.map(({ labelId, spanStart, spanEnd, source, ...d }) => ({
    ...d,
    ...(labelId !== null ? { labelId } : {}),
    ...(spanStart !== null && spanEnd !== null ? { span: { start: spanStart, end: spanEnd } } : {}),
    ...(source ? { source } : {}),
  }));
}

/** Call inside a transaction. Keeps the newest MAX_LOG decisions of the document. */
export function appendDecisions(library: Library, documentId: string, added: AdjudicationDecision[]): void {
  if (added.length === 0) return;
  const insert = library.db.prepare(
    `INSERT INTO adjudications (document_id, kind, start_offset, end_offset, label_id, span_start, span_end, source_annotator, reason, decided_by, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const d of added) {
    insert.run(documentId, d.kind, d.start, d.end, d.labelId ?? null, d.span?.start ?? null, d.span?.end ?? null, d.source ?? '', d.reason, d.by, d.at);
  }
  library.db
    .prepare('DELETE FROM adjudications WHERE document_id = ? AND id NOT IN (SELECT id FROM adjudications WHERE document_id = ? ORDER BY id DESC LIMIT ?)')
    .run(documentId, documentId, MAX_LOG);
}

/** The line written into a reference annotation's note. */
export function decisionLine(by: string, reason: string | undefined): string {
  const why = reason?.trim().replace(/\s+/g, ' ');
  return why ? `Adjudicated by ${by}: ${why}` : `Adjudicated by ${by}`;
}
