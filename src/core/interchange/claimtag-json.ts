// claimtag's native interchange format. Offsets are Unicode code points, end exclusive.
// Version 2 (#20) adds label roles and attributes, annotation attribute values and a "relations"
// list (claim → source / cue, by annotation id). A file holding none of these is written as
// version 1, byte for byte as before, so an older claimtag still reads it.
import type { Bundle } from '../../shared/types';
import { codePointSpan, selectForExport } from './export-selection';
import type { ExportOptions } from './types';

export const CLAIMTAG_FORMAT = 'claimtag';
export const CLAIMTAG_FORMAT_VERSION = 2;

type Selection = ReturnType<typeof selectForExport>;

/** The bundle's live links whose two ends are both in the export. */
function relationsOf(bundle: Bundle, selection: Selection) {
  if (!bundle.relations?.length) return [];
  const exported = new Set(selection.documents.flatMap((d) => d.annotations.map((a) => a.id)));
  return bundle.relations
    .filter((r) => r.deletedAt === null && exported.has(r.claimId) && exported.has(r.targetId))
    .map((r) => ({ id: r.id, document: r.documentId, annotator: r.annotatorId, kind: r.kind, claim: r.claimId, target: r.targetId, createdAt: r.createdAt }));
}

/** The file's lists, in file order; each item is serialised on its own when streamed. */
function claimtagJsonLists(bundle: Bundle, selection: Selection) {
  const relations = relationsOf(bundle, selection);
  return {
    documents: selection.documents.map(({ document: d }) => ({
      id: d.id,
      title: d.title,
      source: d.source,
      text: d.text,
      sha256: d.sha256,
      createdAt: d.createdAt,
    })),
    annotators: selection.annotators.map((a) => ({ id: a.id, name: a.name })),
    labels: selection.labels.map((l) => ({
      id: l.id,
      name: l.name,
      color: l.color,
      shortcut: l.shortcut,
      definition: l.definition,
      archived: l.archived,
      sortOrder: l.sortOrder,
      ...(l.role && l.role !== 'claim' ? { role: l.role } : {}),
      ...(l.attributes?.length ? { attributes: l.attributes } : {}),
    })),
    annotations: selection.documents.flatMap(({ annotations, offsets }) =>
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
      })),
    ),
    ...(relations.length > 0 ? { relations } : {}),
  };
}

/** Version 1 unless the file carries something only version 2 has. */
function versionOf(lists: ReturnType<typeof claimtagJsonLists>): number {
  const structured = 'relations' in lists || lists.labels.some((l) => 'role' in l || 'attributes' in l) || lists.annotations.some((a) => 'attributes' in a);
  return structured ? CLAIMTAG_FORMAT_VERSION : 1;
}

export function exportClaimtagJson(bundle: Bundle, options: ExportOptions = {}): string {
  const lists = claimtagJsonLists(bundle, selectForExport(bundle, options));
  const file = { format: CLAIMTAG_FORMAT, version: versionOf(lists), ...lists };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The same bytes as exportClaimtagJson (JSON.stringify with two-space indent), one list item at
 * a time, for a library too large for one string. JSON strings never hold a raw line break, so
 * indenting an item's lines by its depth reproduces what JSON.stringify writes for the whole.
 */
export function* exportClaimtagJsonParts(bundle: Bundle, options: ExportOptions = {}): Generator<string> {
  const lists = claimtagJsonLists(bundle, selectForExport(bundle, options));
  yield `{\n  "format": ${JSON.stringify(CLAIMTAG_FORMAT)},\n  "version": ${JSON.stringify(versionOf(lists))}`;
  for (const [key, items] of Object.entries(lists) as Array<[string, unknown[]]>) {
    if (items.length === 0) {
      yield `,\n  ${JSON.stringify(key)}: []`;
      continue;
    }
    yield `,\n  ${JSON.stringify(key)}: [`;
    for (let i = 0; i < items.length; i++) yield `${i === 0 ? '' : ','}\n    ${JSON.stringify(items[i], null, 2).replace(/\n/g, '\n    ')}`;
    yield '\n  ]';
  }
  yield '\n}\n';
}
