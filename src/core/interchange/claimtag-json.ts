// claimtag's native interchange format. Offsets are Unicode code points, end exclusive.
import type { Bundle } from '../../shared/types';
import { codePointSpan, selectForExport } from './export-selection';
import type { ExportOptions } from './types';

export const CLAIMTAG_FORMAT = 'claimtag';
export const CLAIMTAG_FORMAT_VERSION = 1;

export function exportClaimtagJson(bundle: Bundle, options: ExportOptions = {}): string {
  const selection = selectForExport(bundle, options);
  const file = {
    format: CLAIMTAG_FORMAT,
    version: CLAIMTAG_FORMAT_VERSION,
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
  return `${JSON.stringify(file, null, 2)}\n`;
}
