// The diagnosis table (after INCEpTION's): one row per position and label that anyone
// marked, one column per analyst (and the reference), saying what each did there:
//   "x"      marked exactly this span with this label
//   "~"      marked an overlapping span with this label (other boundaries)
//   a label  marked exactly this span with another label
//   ""       nothing of the kind
// Offsets are code points, as in the other exports. Exported as CSV for spreadsheets.

import { csvField } from '../interchange/csv';
import type { LabeledSpan } from '../agreement/span-f1';
import { OffsetConverter } from '../../shared/offsets';

export interface DiagnosisDocument {
  documentId: string;
  title: string;
  text: string;
  /** Spans per column name (analysts, then the reference if any), in column order. */
  spans: Map<string, LabeledSpan[]>;
}

export interface DiagnosisRow {
  document: string;
  start: number;
  end: number;
  label: string;
  quote: string;
  cells: string[];
}

export interface DiagnosisTable {
  columns: string[];
  rows: DiagnosisRow[];
}

export function diagnosisTable(documents: readonly DiagnosisDocument[], columns: readonly string[]): DiagnosisTable {
  const rows: DiagnosisRow[] = [];
  for (const d of documents) {
    const offsets = new OffsetConverter(d.text);
    const places = new Map<string, LabeledSpan>();
    for (const name of columns) for (const s of d.spans.get(name) ?? []) places.set(`${s.start}:${s.end}:${s.label}`, s);
    const sorted = [...places.values()].sort((a, b) => a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    for (const place of sorted) {
      const cells = columns.map((name) => {
        const spans = d.spans.get(name) ?? [];
        if (spans.some((s) => s.start === place.start && s.end === place.end && s.label === place.label)) return 'x';
        if (spans.some((s) => s.label === place.label && s.start < place.end && place.start < s.end)) return '~';
        const other = spans.find((s) => s.start === place.start && s.end === place.end);
        return other ? other.label : '';
      });
      rows.push({ document: d.title, start: offsets.toCodePoint(place.start), end: offsets.toCodePoint(place.end), label: place.label, quote: d.text.slice(place.start, place.end), cells });
    }
  }
  return { columns: [...columns], rows };
}

/** RFC 4180 CSV as the other exports write it (BOM, CRLF, quoted, formula triggers defused). */
export function diagnosisCsv(table: DiagnosisTable): string {
  const lines = [['document', 'start', 'end', 'label', 'quote', ...table.columns]];
  for (const r of table.rows) lines.push([r.document, String(r.start), String(r.end), r.label, r.quote, ...r.cells]);
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
