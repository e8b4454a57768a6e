// doccano sequence-labelling JSONL: one line per document and annotator. Offsets in the unit
// doccano's view uses (doccano-offsets.ts; UTF-16 by default), JSON written ASCII-only.
// "document", "title" and "annotator" are extra keys; doccano keeps them as metadata.
// With links between claims and their sources or cues (#20) the whole file is in doccano's
// relation-extraction form (data_import label.py / data_export models.py): "entities" as
// { id, start_offset, end_offset, label } with integer ids per line, and "relations" as
// { id, from_id: <claim>, to_id: <source or cue>, type: "source" | "cue" }.
import type { Bundle } from '../../shared/types';
import { DEFAULT_DOCCANO_OFFSET_UNIT, DoccanoOffsets, asciiJson } from './doccano-offsets';
import { groupByAnnotator, selectForExport } from './export-selection';
import { LeftOut } from './export-summary';
import { eachDocument } from './stream-parts';
import type { ExportOptions } from './types';

export function exportDoccano(bundle: Bundle, options: ExportOptions = {}): string {
  return exportDoccanoWithReport(bundle, options).text;
}

/** The JSONL and what had to change to fit it (claim edges inside a grapheme, in grapheme mode). */
export function exportDoccanoWithReport(bundle: Bundle, options: ExportOptions = {}): { text: string; leftOut: string[] } {
  const leftOut = new LeftOut();
  const lines = [...doccanoLines(bundle, options, leftOut)];
  return { text: lines.map((l) => `${l}\n`).join(''), leftOut: leftOut.lines() };
}

/** The same file as exportDoccanoWithReport, a line at a time; `leftOut` is complete once every line was read. */
export function exportDoccanoParts(bundle: Bundle, options: ExportOptions = {}): { parts: Iterable<string>; leftOut: () => string[] } {
  const leftOut = new LeftOut();
  return {
    parts: (function* () {
      for (const line of doccanoLines(bundle, options, leftOut)) yield `${line}\n`;
    })(),
    leftOut: () => leftOut.lines(),
  };
}

function* doccanoLines(bundle: Bundle, options: ExportOptions, leftOut: LeftOut): Generator<string> {
  const selection = selectForExport(bundle, options);
  const relationForm = selection.relations.length > 0;
  for (const { document, annotations } of eachDocument(selection, options)) {
    const base = { text: document.text };
    const meta = { document: document.id, title: document.title };
    if (annotations.length === 0) yield asciiJson({ ...base, ...(relationForm ? { entities: [], relations: [] } : { label: [] }), ...meta });
    const units = new DoccanoOffsets(document.text, options.doccanoOffsets ?? DEFAULT_DOCCANO_OFFSET_UNIT);
    for (const group of groupByAnnotator(annotations).values()) {
      const spans = group.map((a) => {
        const start = units.fromUtf16(a.start);
        const end = units.fromUtf16(a.end);
        // Grapheme mode: an edge inside a grapheme is widened to the whole grapheme, all doccano can show.
        if (start === null || end === null) leftOut.add('claims with an edge inside a grapheme cluster, widened to whole clusters (grapheme mode)');
        return [start ?? graphemeFloor(units, a.start), end ?? graphemeCeil(units, a.end), a.labelId] as const;
      });
      const annotator = selection.annotatorName(group[0]);
      if (!relationForm) {
        yield asciiJson({ ...base, label: spans, ...meta, annotator });
        continue;
      }
      const index = new Map(group.map((a, i) => [a.id, i]));
      const entities = spans.map(([start, end, label], id) => ({ id, start_offset: start, end_offset: end, label }));
      const relations = selection.relations
        .filter((r) => index.has(r.claimId) && index.has(r.targetId))
        .map((r, id) => ({ id, from_id: index.get(r.claimId), to_id: index.get(r.targetId), type: r.kind }));
      yield asciiJson({ ...base, entities, relations, ...meta, annotator });
    }
  }
}

function graphemeFloor(units: DoccanoOffsets, i: number): number {
  for (let j = i; j >= 0; j--) {
    const g = units.fromUtf16(j);
    if (g !== null) return g;
  }
  return 0;
}

function graphemeCeil(units: DoccanoOffsets, i: number): number {
  for (let j = i; ; j++) {
    const g = units.fromUtf16(j);
    if (g !== null) return g;
  }
}
