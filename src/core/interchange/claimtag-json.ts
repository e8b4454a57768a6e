// claimtag's native interchange format. Offsets are Unicode code points, end exclusive.
import type { Bundle } from '../../shared/types';
import { codePointSpan, selectForExport } from './export-selection';
import type { ExportOptions } from './types';

export const CLAIMTAG_FORMAT = 'claimtag';
export const CLAIMTAG_FORMAT_VERSION = 1;

type Selection = ReturnType<typeof selectForExport>;

/** The file's lists, in file order; each item is serialised on its own when streamed. */
function claimtagJsonLists(selection: Selection) {
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
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
      })),
    ),
  };
}

export function exportClaimtagJson(bundle: Bundle, options: ExportOptions = {}): string {
  const file = { format: CLAIMTAG_FORMAT, version: CLAIMTAG_FORMAT_VERSION, ...claimtagJsonLists(selectForExport(bundle, options)) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The same bytes as exportClaimtagJson (JSON.stringify with two-space indent), one list item at
 * a time, for a library too large for one string. JSON strings never hold a raw line break, so
 * indenting an item's lines by its depth reproduces what JSON.stringify writes for the whole.
 */
export function* exportClaimtagJsonParts(bundle: Bundle, options: ExportOptions = {}): Generator<string> {
  const lists = Object.entries(claimtagJsonLists(selectForExport(bundle, options)));
  yield `{\n  "format": ${JSON.stringify(CLAIMTAG_FORMAT)},\n  "version": ${JSON.stringify(CLAIMTAG_FORMAT_VERSION)}`;
  for (const [key, items] of lists) {
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
