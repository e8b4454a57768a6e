// Studies over a library: create and assign, progress and "my next document", the corpus
// agreement of a study, each analyst's quality, "next unsettled" across the study's
// documents and the diagnosis table. Plain functions over a Library (no Electron, no I/O
// beyond the database), so they can run in the CLI, the app's core or a worker.

import { AppFailure } from '../../shared/result';
import type { Difference } from '../../shared/compare';
import { computeCorpusAgreement, type AgreementAnnotation, type AgreementInput, type CorpusAgreement, type CorpusOptions } from '../agreement';
import type { LabeledSpan } from '../agreement/span-f1';
import { compareDocument } from '../compare/compare-document';
import { findReferenceAnnotator } from '../compare/reference';
import type { Library } from '../store/library';
import { studyQuality, type QualityDocument, type StudyQuality } from './analyst-quality';
import { checkDoubleShare, planAssignments } from './assignment-plan';
import { diagnosisTable, type DiagnosisTable } from './diagnosis-table';
import type { Study, StudyProgress } from './studies-repo';

export interface CreateStudyInput {
  name: string;
  /** Document ids, or every document of the library when omitted. */
  documentIds?: string[];
  /** Analyst (annotator) names; missing ones are added to the library. */
  analysts: string[];
  guidelineVersion?: string;
  /** Assign at once with this share double-annotated. */
  doubleShare?: number;
}

export function createStudy(library: Library, input: CreateStudyInput): Study {
  if (input.doubleShare !== undefined) checkDoubleShare(input.doubleShare);
  return library.transaction(() => {
    const documentIds = input.documentIds ?? library.documents.list().map((d) => d.id);
    for (const id of documentIds) library.documents.get(id); // not-found in the user's words
    const names = [...new Set(input.analysts.map((n) => n.trim()).filter(Boolean))];
    if (names.length === 0) throw new AppFailure({ code: 'invalid-input', message: 'Name at least one analyst for the study.' });
    const analystIds = names.map((name) => (library.annotators.findByName(name)[0] ?? library.annotators.add(name)).id);
    const tagSet = library.labels
      .list()
      .filter((l) => !l.archived)
      .map((l) => ({ id: l.id, name: l.name, definition: l.definition }));
    const study = library.studies.create({ name: input.name, documentIds, analystIds, tagSet, guidelineVersion: input.guidelineVersion, doubleShare: input.doubleShare ?? 0 });
    if (input.doubleShare !== undefined) library.studies.assign(study.id, planAssignments(library.studies.documentIds(study.id), analystIds, input.doubleShare), input.doubleShare);
    return study;
  });
}

export function assignStudy(library: Library, name: string, doubleShare: number): StudyProgress[] {
  return library.transaction(() => {
    const study = library.studies.getByName(name);
    const analysts = library.studies.analysts(study.id).map((a) => a.id);
    library.studies.assign(study.id, planAssignments(library.studies.documentIds(study.id), analysts, doubleShare), doubleShare);
    return library.studies.progress(study.id);
  });
}

export function nextDocumentFor(library: Library, studyName: string, analystName: string): { documentId: string; title: string } | null {
  const study = library.studies.getByName(studyName);
  const analyst = library.studies.analysts(study.id).find((a) => a.name === analystName);
  if (!analyst) throw new AppFailure({ code: 'not-found', message: `"${analystName}" is not an analyst of the study "${study.name}".` });
  const id = library.studies.nextDocument(study.id, analyst.id);
  return id ? { documentId: id, title: library.documents.get(id).title } : null;
}

/** Spans of each analyst of the study on one document (analysts assigned, or everyone who annotated). */
function studyDocuments(library: Library, study: Study) {
  const analysts = library.studies.analysts(study.id);
  const assignments = library.studies.assignments(study.id);
  const assigned = new Map<string, Set<string>>();
  for (const a of assignments) assigned.set(a.documentId, (assigned.get(a.documentId) ?? new Set()).add(a.annotatorId));
  const reference = findReferenceAnnotator(library);
  return library.studies.documentIds(study.id).map((documentId, position) => {
    const document = library.documents.get(documentId);
    const annotations = library.annotations.listForDocument(documentId);
    const spans = new Map<string, Array<LabeledSpan & Pick<AgreementAnnotation, 'id' | 'attributes'>>>();
    const who = assigned.get(documentId);
    for (const analyst of analysts) {
      const mine = annotations.filter((a) => a.annotatorId === analyst.id);
      // assigned analysts count even when they marked nothing; without assignments, whoever annotated
      if (who ? who.has(analyst.id) : mine.length > 0) {
        spans.set(
          analyst.name,
          mine.map((a) => ({ label: a.labelId, start: a.start, end: a.end, id: a.id, ...(a.attributes ? { attributes: a.attributes } : {}) })),
        );
      }
    }
    const referenceSpans = reference ? annotations.filter((a) => a.annotatorId === reference.id).map((a) => ({ label: a.labelId, start: a.start, end: a.end })) : [];
    const firstAt = annotations.filter((a) => a.annotatorId !== reference?.id).map((a) => a.createdAt).sort()[0] ?? null;
    return { document, position, spans, reference: referenceSpans.length > 0 ? referenceSpans : null, firstAt };
  });
}

export interface StudyAgreementOptions extends Omit<CorpusOptions, 'annotators'> {
  /** Compare only these analysts (by name); default all of the study's. */
  analysts?: string[];
}

/**
 * Corpus agreement over the study's documents on which every compared analyst worked (was
 * assigned, or annotated when there are no assignments), in study order.
 */
export function studyAgreement(library: Library, studyName: string, options: StudyAgreementOptions = {}): CorpusAgreement {
  return studyAgreementWithInputs(library, studyName, options).corpus;
}

/** studyAgreement and the documents it pooled (for per-document reports beside it). */
export function studyAgreementWithInputs(library: Library, studyName: string, options: StudyAgreementOptions = {}): { corpus: CorpusAgreement; inputs: AgreementInput[] } {
  const study = library.studies.getByName(studyName);
  const all = library.studies.analysts(study.id).map((a) => a.name);
  const compared = options.analysts?.length ? options.analysts : all;
  const unknown = compared.filter((n) => !all.includes(n));
  if (unknown.length) throw new AppFailure({ code: 'not-found', message: `Not analysts of the study "${study.name}": ${unknown.join(', ')}. Analysts: ${all.join(', ')}.` });
  const analystNames = new Map(library.studies.analysts(study.id).map((a) => [a.id, a.name]));
  const comparedNames = new Set(compared);
  const nameOf = (annotatorId: string): string | undefined => {
    const name = analystNames.get(annotatorId);
    return name !== undefined && comparedNames.has(name) ? name : undefined;
  };
  const labels = library.labels.list();
  const inputs: AgreementInput[] = studyDocuments(library, study)
    .filter((d) => compared.every((name) => d.spans.has(name)))
    .map((d) => ({
      documentId: d.document.id,
      text: d.document.text,
      annotations: compared.flatMap((name) => (d.spans.get(name) ?? []).map((s) => ({ annotator: name, ...s }))),
      // what attribute α and link F1 need besides the spans (#20)
      labels,
      relations: library.relations
        .listForDocument(d.document.id)
        .flatMap((r) => (nameOf(r.annotatorId) !== undefined ? [{ annotator: nameOf(r.annotatorId)!, kind: r.kind, claimId: r.claimId, targetId: r.targetId }] : [])),
    }));
  if (inputs.length === 0) {
    throw new AppFailure({ code: 'not-found', message: `No document of the study "${study.name}" was worked on by all of ${compared.join(', ')}; assign some for double annotation first.` });
  }
  const { analysts: _unused, ...rest } = options;
  return { corpus: computeCorpusAgreement(inputs, { ...rest, annotators: compared }), inputs };
}

export type DriftBy = 'batch' | 'week';

/** ISO 8601 week of a date, e.g. "2026-W05". */
export function isoWeek(iso: string): string {
  const date = new Date(iso);
  const day = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3));
  const week = Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function analystQuality(library: Library, studyName: string, options: { by?: DriftBy; batchSize?: number } = {}): StudyQuality {
  const study = library.studies.getByName(studyName);
  const docs = studyDocuments(library, study);
  const batchSize = options.batchSize ?? Math.max(1, Math.ceil(docs.length / 8));
  const documents: QualityDocument[] = docs.map((d) => {
    const from = Math.floor(d.position / batchSize) * batchSize;
    const group = options.by === 'week' ? (d.firstAt ? isoWeek(d.firstAt) : 'not started') : `${from + 1}–${Math.min(docs.length, from + batchSize)}`;
    return { documentId: d.document.id, group, spans: d.spans, reference: d.reference };
  });
  if (options.by === 'week') documents.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  return studyQuality(documents, library.studies.analysts(study.id).map((a) => a.name));
}

/** The first unsettled difference after `after` (document order of the study, then text order). */
export function nextUnsettled(library: Library, studyName: string, after?: { documentId: string; differenceId?: string }): { documentId: string; difference: Difference } | null {
  const study = library.studies.getByName(studyName);
  const ids = library.studies.documentIds(study.id);
  let start = 0;
  if (after) {
    start = ids.indexOf(after.documentId);
    if (start < 0) throw new AppFailure({ code: 'not-found', message: `That document is not part of the study "${study.name}".` });
  }
  for (let i = start; i < ids.length; i++) {
    const differences = compareDocument(library, { documentId: ids[i] }).differences.filter((d) => d.kind !== 'agreement' && !d.settled);
    const from = i === start && after?.differenceId ? differences.findIndex((d) => d.id === after.differenceId) + 1 : 0;
    if (from < differences.length) return { documentId: ids[i], difference: differences[from] };
  }
  return null;
}

export function studyDiagnosis(library: Library, studyName: string): DiagnosisTable {
  const study = library.studies.getByName(studyName);
  const docs = studyDocuments(library, study);
  const columns = library.studies.analysts(study.id).map((a) => a.name);
  const withReference = docs.some((d) => d.reference);
  const REFERENCE = 'reference';
  return diagnosisTable(
    docs.map((d) => {
      const spans = new Map(d.spans);
      if (d.reference) spans.set(REFERENCE, d.reference);
      return { documentId: d.document.id, title: d.document.title, text: d.document.text, spans };
    }),
    withReference ? [...columns, REFERENCE] : columns,
  );
}
