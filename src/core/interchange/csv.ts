// RFC 4180 CSV for spreadsheets: UTF-8 with BOM (so Excel detects the encoding), CRLF,
// every field quoted, and formula-looking fields defused (OWASP "CSV injection").
import type { Bundle } from '../../shared/types';
import { codePointSpan, selectForExport } from './export-selection';
import type { ExportOptions } from './types';

export const CSV_COLUMNS = ['document', 'annotator', 'label', 'start', 'end', 'quote', 'attribution', 'confidence', 'note', 'created'] as const;

/** The header row, then one row per claim, in file order. */
function* csvRows(bundle: Bundle, options: ExportOptions): Generator<string[]> {
  const selection = selectForExport(bundle, options);
  yield [...CSV_COLUMNS];
  for (const { document, annotations, offsets } of selection.documents) {
    for (const a of annotations) {
      const { start, end } = codePointSpan(offsets, a);
      const label = selection.labelById.get(a.labelId)?.name ?? a.labelId;
      yield [document.title, selection.annotatorName(a), label, String(start), String(end), a.quote, a.attribution, a.confidence ?? '', a.note, a.createdAt];
    }
  }
}

export function exportCsv(bundle: Bundle, options: ExportOptions = {}): string {
  const rows = [...csvRows(bundle, options)];
  return `${BOM}${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The same file as exportCsv, a line at a time (for a library too large for one string). */
export function* exportCsvParts(bundle: Bundle, options: ExportOptions = {}): Generator<string> {
  yield BOM;
  for (const row of csvRows(bundle, options)) yield `${row.map(csvField).join(',')}\r\n`;
}

const BOM = '\uFEFF';

/** Quoted, quotes doubled, and a leading formula trigger neutralised with an apostrophe. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
