// RFC 4180 CSV for spreadsheets: UTF-8 with BOM (so Excel detects the encoding), CRLF,
// every field quoted, and formula-looking fields defused (OWASP "CSV injection").
// A claim's structure (#20): "source" and "cue" hold the words of its linked spans (one per
// line when there are several), then one column per attribute, headed by its name: the option's
// name, the date, or the evidence links one per line.
import type { Bundle } from '../../shared/types';
import { attributeEntries, attributeKeys, displayValue, linksByClaim } from './claim-links';
import { codePointSpan, compareText, selectForExport, type ExportSelection } from './export-selection';
import { eachDocument } from './stream-parts';
import type { ExportOptions } from './types';

export const CSV_COLUMNS = ['document', 'annotator', 'label', 'start', 'end', 'quote', 'attribution', 'confidence', 'note', 'created', 'source', 'cue'] as const;

/** Several links or linked spans in one cell: one per line. */
const IN_CELL = '\n';

/** The attribute columns: every key the labels define (in their order), then keys only values use; headed by name, the key added when two share a name. */
function attributeColumns(selection: ExportSelection): Array<{ key: string; header: string }> {
  const keys = new Map([...attributeKeys(selection.labels)].map(([key, { definition }]) => [key, definition.name]));
  const extra = new Set<string>();
  for (const d of selection.documents) for (const a of d.annotations) for (const key of Object.keys(a.attributes ?? {})) if (!keys.has(key)) extra.add(key);
  for (const key of [...extra].sort(compareText)) keys.set(key, key);
  const names = [...keys.values()];
  return [...keys].map(([key, name]) => ({ key, header: names.indexOf(name) === names.lastIndexOf(name) && !(CSV_COLUMNS as readonly string[]).includes(name) ? name : `${name} (${key})` }));
}

/** The header row, then one row per claim, in file order. */
function* csvRows(bundle: Bundle, options: ExportOptions): Generator<string[]> {
  const selection = selectForExport(bundle, options);
  const links = linksByClaim(selection);
  const columns = attributeColumns(selection);
  yield [...CSV_COLUMNS, ...columns.map((c) => c.header)];
  for (const { document, annotations, offsets } of eachDocument(selection, options)) {
    for (const a of annotations) {
      const { start, end } = codePointSpan(offsets, a);
      const labelDef = selection.labelById.get(a.labelId);
      const label = labelDef?.name ?? a.labelId;
      const { source, cue } = links(a.id);
      const entries = new Map(attributeEntries(a, labelDef).map((e) => [e.key, displayValue(e, IN_CELL)]));
      yield [
        document.title,
        selection.annotatorName(a),
        label,
        String(start),
        String(end),
        a.quote,
        a.attribution,
        a.confidence ?? '',
        a.note,
        a.createdAt,
        source.map((s) => s.quote).join(IN_CELL),
        cue.map((s) => s.quote).join(IN_CELL),
        ...columns.map((c) => entries.get(c.key) ?? ''),
      ];
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
