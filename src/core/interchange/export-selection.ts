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

/**
 * The chosen documents in order, walked as often as needed: from arrays in memory, or read a
 * document at a time from a library (#14), so a library's export never holds the library.
 */
export interface DocumentSequence extends Iterable<DocumentExport> {
  readonly count: number;
  /** Each document's annotations, in the same order, without reading its text: for exporters' first passes. */
  annotations(): Iterable<readonly Annotation[]>;
}

export interface ExportSelection {
  documents: DocumentSequence;
  /** Labels in sort order, including ones referenced by annotations but missing from the bundle. */
  labels: Label[];
  labelById: Map<string, Label>;
  annotators: Annotator[];
  annotatorName: (annotation: Annotation) => string;
  /** Live links whose claim and target are both exported, in a stable order. */
  relations: Relation[];
  /** The same links in the order their source holds them. */
  relationsAsStored: Relation[];
}

/** What an exporter starts from: a bundle in memory, or a selection already made (a library's, read lazily). */
export type ExportSource = Bundle | ExportSelection;

const isSelection = (source: ExportSource): source is ExportSelection => 'labelById' in source;

/** How many documents a source exports. */
export const documentCountOf = (source: ExportSource): number => (isSelection(source) ? source.documents.count : source.documents.length);

/** The first document of a sequence, or null. */
export function firstDocument(documents: DocumentSequence): DocumentExport | null {
  for (const d of documents) return d;
  return null;
}

/** A sequence over documents already in memory. */
export function sequenceOf(list: readonly DocumentExport[]): DocumentSequence {
  return { count: list.length, [Symbol.iterator]: () => list[Symbol.iterator](), annotations: () => list.map((d) => d.annotations) };
}

/**
 * The selection of a source. A selection is taken as it is: its documents and annotators were
 * chosen when it was made, so `documentIds`/`annotatorIds` apply to bundles only.
 */
export function selectForExport(source: ExportSource, options: ExportOptions = {}): ExportSelection {
  if (isSelection(source)) return source;
  const bundle = source;
  const docFilter = options.documentIds ? new Set(options.documentIds) : null;
  const annotatorFilter = options.annotatorIds ? new Set(options.annotatorIds) : null;

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
  const annotators = annotatorFilter ? bundle.annotators.filter((a) => annotatorFilter.has(a.id)) : [...bundle.annotators];
  return completeSelection({
    labels: bundle.labels,
    annotatorList: () => bundle.annotators,
    annotators: () => annotators,
    relations: bundle.relations ?? [],
    documents: sequenceOf(documents),
  });
}

export interface SelectionParts {
  labels: readonly Label[];
  /** Every annotator the source knows, for names; asked after the pass over the annotations. */
  annotatorList: () => readonly Annotator[];
  /** The annotators to list, before those found only on annotations are added; asked after the pass. */
  annotators: () => Annotator[];
  relations: readonly Relation[];
  documents: DocumentSequence;
  /** The pass over the annotations, when it is not `documents.annotations()`. */
  annotationLists?: () => Iterable<readonly Annotation[]>;
}

/** Labels, annotators and links of a selection, from one pass over its annotations that keeps only ids. */
export function completeSelection(parts: SelectionParts): ExportSelection {
  const labelById = new Map(parts.labels.map((l) => [l.id, l]));
  // Which ends of the live links are exported: a set as large as the links, not as the claims.
  const live = parts.relations.filter((r) => r.deletedAt === null);
  const ends = new Set(live.flatMap((r) => [r.claimId, r.targetId]));
  const exported = new Set<string>();
  // Annotators met on annotations, with the name the first one carries.
  const usedAnnotators = new Map<string, string>();
  for (const list of (parts.annotationLists ?? (() => parts.documents.annotations()))()) {
    for (const a of list) {
      if (!labelById.has(a.labelId)) labelById.set(a.labelId, placeholderLabel(a.labelId, labelById.size));
      if (!usedAnnotators.has(a.annotatorId)) usedAnnotators.set(a.annotatorId, a.annotatorName);
      if (ends.has(a.id)) exported.add(a.id);
    }
  }
  const labels = [...labelById.values()].sort((a, b) => a.sortOrder - b.sortOrder || compareText(a.id, b.id));
  const annotatorById = new Map(parts.annotatorList().map((a) => [a.id, a]));
  const annotators = parts.annotators();
  for (const [id, name] of usedAnnotators) if (!annotators.some((x) => x.id === id)) annotators.push(annotatorById.get(id) ?? { id, name });

  const relationsAsStored = live.filter((r) => exported.has(r.claimId) && exported.has(r.targetId));
  const relations = [...relationsAsStored].sort(
    (a, b) => compareText(a.claimId, b.claimId) || compareText(a.kind, b.kind) || compareText(a.targetId, b.targetId) || compareText(a.id, b.id),
  );

  return {
    documents: parts.documents,
    labels,
    labelById,
    annotators,
    annotatorName: (a) => annotatorById.get(a.annotatorId)?.name ?? a.annotatorName,
    relations,
    relationsAsStored,
  };
}

/**
 * The selection's links grouped by the document holding their claim, each group in the
 * selection's order: a document's own links without scanning every link per document.
 */
export function relationsByDocument(selection: ExportSelection): (documentId: string) => readonly Relation[] {
  const claimed = new Set(selection.relations.map((r) => r.claimId));
  const documentOf = new Map<string, string>();
  for (const list of selection.documents.annotations()) for (const a of list) if (claimed.has(a.id)) documentOf.set(a.id, a.documentId);
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
