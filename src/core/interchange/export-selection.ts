// What every exporter starts from: the chosen documents, their live annotations in a stable
// order, and lookups for labels and annotators.
import type { Relation } from '../../shared/claim-structure';
import { OffsetConverter } from '../../shared/offsets';
import type { Annotation, Annotator, Bundle, DocumentRecord, Label } from '../../shared/types';
import type { ExportOptions } from './types';

export interface DocumentExport {
  document: DocumentRecord;
  annotations: Annotation[];
  offsets: OffsetConverter;
}

export interface ExportSelection {
  documents: DocumentExport[];
  /** Labels in sort order, including ones referenced by annotations but missing from the bundle. */
  labels: Label[];
  labelById: Map<string, Label>;
  annotators: Annotator[];
  annotatorName: (annotation: Annotation) => string;
  /** Live links whose claim and target are both exported, in a stable order. */
  relations: Relation[];
}

export function selectForExport(bundle: Bundle, options: ExportOptions = {}): ExportSelection {
  const docFilter = options.documentIds ? new Set(options.documentIds) : null;
  const annotatorFilter = options.annotatorIds ? new Set(options.annotatorIds) : null;
  const labelById = new Map(bundle.labels.map((l) => [l.id, l]));
  const annotatorById = new Map(bundle.annotators.map((a) => [a.id, a]));

  const byDocument = new Map<string, Annotation[]>();
  for (const a of bundle.annotations) {
    if (a.deletedAt !== null) continue;
    if (annotatorFilter && !annotatorFilter.has(a.annotatorId)) continue;
    const list = byDocument.get(a.documentId);
    if (list) list.push(a);
    else byDocument.set(a.documentId, [a]);
  }

  const documents = bundle.documents
    .filter((d) => !docFilter || docFilter.has(d.id))
    .map((document) => ({
      document,
      annotations: (byDocument.get(document.id) ?? []).sort(compareAnnotations),
      offsets: new OffsetConverter(document.text),
    }));

  const usedAnnotators = new Map<string, Annotator>();
  for (const d of documents) {
    for (const a of d.annotations) {
      if (!labelById.has(a.labelId)) labelById.set(a.labelId, placeholderLabel(a.labelId, labelById.size));
      if (!usedAnnotators.has(a.annotatorId)) {
        usedAnnotators.set(a.annotatorId, annotatorById.get(a.annotatorId) ?? { id: a.annotatorId, name: a.annotatorName });
      }
    }
  }
  const labels = [...labelById.values()].sort((a, b) => a.sortOrder - b.sortOrder || compareText(a.id, b.id));
  const annotators = annotatorFilter ? bundle.annotators.filter((a) => annotatorFilter.has(a.id)) : [...bundle.annotators];
  for (const a of usedAnnotators.values()) if (!annotators.some((x) => x.id === a.id)) annotators.push(a);

  // Which ends of the live links are exported: a set as large as the links, not as the claims.
  const live = (bundle.relations ?? []).filter((r) => r.deletedAt === null);
  const ends = new Set(live.flatMap((r) => [r.claimId, r.targetId]));
  const exported = new Set<string>();
  if (ends.size > 0) for (const d of documents) for (const a of d.annotations) if (ends.has(a.id)) exported.add(a.id);
  const relations = live
    .filter((r) => exported.has(r.claimId) && exported.has(r.targetId))
    .sort((a, b) => compareText(a.claimId, b.claimId) || compareText(a.kind, b.kind) || compareText(a.targetId, b.targetId) || compareText(a.id, b.id));

  return {
    documents,
    labels,
    labelById,
    annotators,
    annotatorName: (a) => annotatorById.get(a.annotatorId)?.name ?? a.annotatorName,
    relations,
  };
}

/**
 * The selection's links grouped by the document holding their claim, each group in the
 * selection's order: a document's own links without scanning every link per document.
 */
export function relationsByDocument(selection: ExportSelection): (documentId: string) => readonly Relation[] {
  const claimed = new Set(selection.relations.map((r) => r.claimId));
  const documentOf = new Map<string, string>();
  for (const d of selection.documents) for (const a of d.annotations) if (claimed.has(a.id)) documentOf.set(a.id, d.document.id);
  const groups = new Map<string, Relation[]>();
  for (const r of selection.relations) {
    const documentId = documentOf.get(r.claimId);
    if (documentId === undefined) continue;
    const group = groups.get(documentId);
    if (group) group.push(r);
    else groups.set(documentId, [r]);
  }
  return (documentId) => groups.get(documentId) ?? [];
}

export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.start - b.start || b.end - a.end || compareText(a.labelId, b.labelId) || compareText(a.annotatorId, b.annotatorId) || compareText(a.id, b.id);
}

/** Locale-independent ordering, so output does not depend on the machine. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function placeholderLabel(id: string, sortOrder: number): Label {
  return { id, name: id, color: '#777777', shortcut: '', definition: '', archived: false, sortOrder: 1_000_000 + sortOrder };
}

/** Annotations grouped by annotator id, annotators in order of first appearance. */
export function groupByAnnotator(annotations: readonly Annotation[]): Map<string, Annotation[]> {
  const groups = new Map<string, Annotation[]>();
  for (const a of annotations) {
    const g = groups.get(a.annotatorId);
    if (g) g.push(a);
    else groups.set(a.annotatorId, [a]);
  }
  return groups;
}

/** Code point offsets of an annotation for interchange files. */
export function codePointSpan(offsets: OffsetConverter, a: Annotation): { start: number; end: number } {
  return { start: offsets.toCodePoint(a.start), end: offsets.toCodePoint(a.end) };
}
