// RFC 4180 CSV for spreadsheets: UTF-8 with BOM (so Excel detects the encoding), CRLF,
// every field quoted, and formula-looking fields defused (OWASP "CSV injection").
import type { Bundle } from '../../shared/types';
import { codePointSpan, selectForExport } from './export-selection';
import type { ExportOptions } from './types';

export const CSV_COLUMNS = ['document', 'annotator', 'label', 'start', 'end', 'quote', 'attribution', 'confidence', 'note', 'created'] as const;

export function exportCsv(bundle: Bundle, options: ExportOptions = {}): string {
  const selection = selectForExport(bundle, options);
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const { document, annotations, offsets } of selection.documents) {
    for (const a of annotations) {
      const { start, end } = codePointSpan(offsets, a);
      const label = selection.labelById.get(a.labelId)?.name ?? a.labelId;
      rows.push([document.title, selection.annotatorName(a), label, String(start), String(end), a.quote, a.attribution, a.confidence ?? '', a.note, a.createdAt]);
    }
  }
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Quoted, quotes doubled, and a leading formula trigger neutralised with an apostrophe. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
