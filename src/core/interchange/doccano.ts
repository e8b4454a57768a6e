// doccano sequence-labelling JSONL: one line per document and annotator, offsets in code points.
// "document", "title" and "annotator" are extra keys; doccano keeps them as metadata.
import type { Bundle } from '../../shared/types';
import { codePointSpan, groupByAnnotator, selectForExport } from './export-selection';
import type { ExportOptions } from './types';

export function exportDoccano(bundle: Bundle, options: ExportOptions = {}): string {
  const selection = selectForExport(bundle, options);
  const lines: string[] = [];
  for (const { document, annotations, offsets } of selection.documents) {
    const base = { text: document.text };
    const meta = { document: document.id, title: document.title };
    if (annotations.length === 0) lines.push(JSON.stringify({ ...base, label: [], ...meta }));
    for (const group of groupByAnnotator(annotations).values()) {
      const label = group.map((a) => {
        const { start, end } = codePointSpan(offsets, a);
        return [start, end, a.labelId];
      });
      lines.push(JSON.stringify({ ...base, label, ...meta, annotator: selection.annotatorName(group[0]) }));
    }
  }
  return lines.map((l) => `${l}\n`).join('');
}
