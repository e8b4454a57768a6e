// claimtag's native interchange format. Offsets are Unicode code points, end exclusive.
// Version 2 (#20) adds label roles and attributes, annotation attribute values and a "relations"
// list (claim → source / cue, by annotation id). A file holding none of these is written as
// version 1, byte for byte as before, so an older claimtag still reads it.
import type { Bundle } from '../../shared/types';
import { codePointSpan, selectForExport } from './export-selection';
import { eachDocument, jsonListParts } from './stream-parts';
import type { ExportOptions } from './types';

export const CLAIMTAG_FORMAT = 'claimtag';
export const CLAIMTAG_FORMAT_VERSION = 2;

type Selection = ReturnType<typeof selectForExport>;

/** The bundle's live links whose two ends are both in the export. */
function relationsOf(bundle: Bundle, selection: Selection) {
  if (!bundle.relations?.length) return [];
  // The selection's links (live, both ends exported), in the bundle's order.
  const kept = new Set(selection.relations);
  return bundle.relations
    .filter((r) => kept.has(r))
    .map((r) => ({ id: r.id, document: r.documentId, annotator: r.annotatorId, kind: r.kind, claim: r.claimId, target: r.targetId, createdAt: r.createdAt }));
}

type DocumentItem = Selection['documents'][number];

const documentItem = ({ document: d }: DocumentItem) => ({ id: d.id, title: d.title, source: d.source, text: d.text, sha256: d.sha256, createdAt: d.createdAt });

const labelItem = (l: Selection['labels'][number]) => ({
  id: l.id,
  name: l.name,
  color: l.color,
  shortcut: l.shortcut,
  definition: l.definition,
  archived: l.archived,
  sortOrder: l.sortOrder,
  ...(l.role && l.role !== 'claim' ? { role: l.role } : {}),
  ...(l.attributes?.length ? { attributes: l.attributes } : {}),
});

const annotationItems = ({ annotations, offsets }: DocumentItem) =>
  annotations.map((a) => ({
    id: a.id,
    document: a.documentId,
    annotator: a.annotatorId,
    label: a.labelId,
    ...codePointSpan(offsets, a),
    quote: a.quote,
    ...(a.prefix ? { prefix: a.prefix } : {}),
    ...(a.suffix ? { suffix: a.suffix } : {}),
    note: a.note,
    attribution: a.attribution,
    confidence: a.confidence,
    ...(a.attributes && Object.keys(a.attributes).length > 0 ? { attributes: a.attributes } : {}),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  }));

/** The file's lists, in file order. */
function claimtagJsonLists(bundle: Bundle, selection: Selection) {
  const relations = relationsOf(bundle, selection);
  return {
    documents: selection.documents.map(documentItem),
    annotators: selection.annotators.map((a) => ({ id: a.id, name: a.name })),
    labels: selection.labels.map(labelItem),
    annotations: selection.documents.flatMap(annotationItems),
    ...(relations.length > 0 ? { relations } : {}),
  };
}

/** Version 1 unless the file carries something only version 2 has. */
function versionOf(relations: readonly unknown[], labels: ReadonlyArray<ReturnType<typeof labelItem>>, documents: readonly DocumentItem[]): number {
  const withAttributes = documents.some((d) => d.annotations.some((a) => a.attributes && Object.keys(a.attributes).length > 0));
  const structured = relations.length > 0 || labels.some((l) => 'role' in l || 'attributes' in l) || withAttributes;
  return structured ? CLAIMTAG_FORMAT_VERSION : 1;
}

export function exportClaimtagJson(bundle: Bundle, options: ExportOptions = {}): string {
  const selection = selectForExport(bundle, options);
  const lists = claimtagJsonLists(bundle, selection);
  const file = { format: CLAIMTAG_FORMAT, version: versionOf(lists.relations ?? [], lists.labels, selection.documents), ...lists };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The same bytes as exportClaimtagJson (JSON.stringify with two-space indent), one list item at
 * a time, for a library too large for one string: each item is made only when it is written.
 */
export function* exportClaimtagJsonParts(bundle: Bundle, options: ExportOptions = {}): Generator<string> {
  const selection = selectForExport(bundle, options);
  const relations = relationsOf(bundle, selection);
  const labels = selection.labels.map(labelItem);
  yield `{\n  "format": ${JSON.stringify(CLAIMTAG_FORMAT)},\n  "version": ${JSON.stringify(versionOf(relations, labels, selection.documents))}`;
  const lists: Array<[string, Iterable<unknown>]> = [
    ['documents', (function* () {
      for (const d of selection.documents) yield documentItem(d);
    })()],
    ['annotators', selection.annotators.map((a) => ({ id: a.id, name: a.name }))],
    ['labels', labels],
    ['annotations', (function* () {
      for (const d of eachDocument(selection, options)) yield* annotationItems(d);
    })()],
    ...(relations.length > 0 ? [['relations', relations] as [string, Iterable<unknown>]] : []),
  ];
  for (const [key, items] of lists) {
    yield `,\n  ${JSON.stringify(key)}: `;
    yield* jsonListParts(items, '  ');
  }
  yield '\n}\n';
}
