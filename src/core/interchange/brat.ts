// brat standoff: one folder per annotator, holding <document>.txt and <document>.ann.
// Offsets are code points. brat spans cannot cross line breaks, so such spans become
// discontinuous fragments ("0 5;6 12"), leaving the line breaks out.
import type { Annotation, Bundle } from '../../shared/types';
import type { OffsetConverter } from '../../shared/offsets';
import { groupByAnnotator, selectForExport } from './export-selection';
import { safeFileName, uniqueNamer } from './file-names';
import type { ExportOptions } from './types';

/** Relative path → file content. */
export type ExportedFiles = Record<string, string>;

export function exportBrat(bundle: Bundle, options: ExportOptions = {}): ExportedFiles {
  const selection = selectForExport(bundle, options);
  const folderFor = uniqueNamer();
  const files: ExportedFiles = {};
  for (const { document, annotations, offsets } of selection.documents) {
    const fileFor = uniqueNamer();
    for (const [annotatorId, group] of groupByAnnotator(annotations)) {
      const folder = folderFor(annotatorId, safeFileName(selection.annotatorName(group[0]), 'annotator'));
      const base = `${folder}/${fileFor(document.id, safeFileName(document.id, 'document'))}`;
      files[`${base}.txt`] = document.text;
      files[`${base}.ann`] = annLines(document.text, offsets, group);
    }
  }
  return files;
}

function annLines(text: string, offsets: OffsetConverter, annotations: readonly Annotation[]): string {
  const lines: string[] = [];
  let notes = 0;
  let attributes = 0;
  annotations.forEach((a, i) => {
    const t = `T${i + 1}`;
    const fragments = lineFragments(text, a.start, a.end);
    const ranges = fragments.map(([s, e]) => `${offsets.toCodePoint(s)} ${offsets.toCodePoint(e)}`).join(';');
    const quote = fragments.map(([s, e]) => text.slice(s, e)).join(' ');
    lines.push(`${t}\t${bratType(a.labelId)} ${ranges}\t${oneLine(quote)}`);
    if (a.note !== '') lines.push(`#${++notes}\tAnnotatorNotes ${t}\t${oneLine(a.note)}`);
    if (a.confidence !== null) lines.push(`A${++attributes}\tConfidence ${t} ${a.confidence}`);
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The pieces of [start, end) between line breaks; the whole span if it is nothing but line breaks. */
export function lineFragments(text: string, start: number, end: number): Array<[number, number]> {
  const fragments: Array<[number, number]> = [];
  const re = /[^\r\n]+/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) fragments.push([m.index, Math.min(end, m.index + m[0].length)]);
  return fragments.length > 0 ? fragments : [[start, end]];
}

/** brat types are single tokens. */
const bratType = (labelId: string): string => labelId.replace(/\s+/g, '_') || 'label';

/** brat has no escaping, so tabs and line breaks in free text become spaces. */
const oneLine = (text: string): string => text.replace(/[\t\r\n]/g, ' ');
