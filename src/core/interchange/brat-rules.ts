// What brat itself reads, learnt from its server code (annotation.py, projectconfig.py,
// verify_annotations.py) — one home for these facts, used by the brat writer and reader.
//
// - brat reads an .ann file with Python's `str.splitlines`, so every character below ends a
//   line; a span holding one must be written as discontinuous fragments ("0 5;6 12").
// - The text after the second TAB must equal the document's fragments joined by one space,
//   character for character (a TAB inside the span stays a TAB).
// - Offsets are Python string indices: Unicode code points into the .txt read as UTF-8
//   without newline translation (CRLF counts as two).
// - Types are written in brat's storage form: ASCII letters, digits, "_" and "-".
// - `verify_annotations.py` checks types and attributes against annotation.conf, and refuses
//   overlapping spans unless `<OVERLAP>` allows them.
import type { Label } from '../../shared/types';

/** Characters Python's `str.splitlines` splits at (a CRLF pair counts as one break). */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what brat splits at
export const BRAT_LINE_BREAK = /[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
export const BRAT_LINE_BREAKS = new RegExp(`${BRAT_LINE_BREAK.source}+`, 'g');
const NOT_LINE_BREAK = new RegExp(`[^${BRAT_LINE_BREAK.source.slice(1, -1)}]+`, 'g');

/** brat joins the text of discontinuous fragments with this (annotation.py's DISCONT_SEP). */
export const BRAT_FRAGMENT_SEPARATOR = ' ';

/** The comment type brat shows in its annotation pop-up. */
export const BRAT_NOTE_TYPE = 'AnnotatorNotes';
/** Our convention: an AnnotatorNotes line starting with this holds the claim's attribution. */
export const BRAT_ATTRIBUTION_PREFIX = 'Attribution: ';
/** The attribute holding a claim's confidence, declared in annotation.conf. */
export const BRAT_CONFIDENCE_ATTRIBUTE = 'Confidence';
export const BRAT_CONFIDENCE_VALUES = ['low', 'medium', 'high'] as const;

/** Written at the root of every brat export (brat looks for its configuration up the folder tree). */
export const BRAT_CONF_FILE = 'annotation.conf';
export const BRAT_VISUAL_CONF_FILE = 'visual.conf';
/** Maps each file name back to the claimtag document and each folder to its annotator. */
export const BRAT_MANIFEST_FILE = 'claimtag-manifest.json';

/** A brat type in storage form (normalize_to_storage_form): the rest becomes "_". */
export function bratType(labelId: string): string {
  const t = labelId.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_-]/g, '_');
  return t === '' ? 'label' : t;
}

/** The pieces of [start, end) between brat line breaks; none when the span is only line breaks. */
export function lineFragments(text: string, start: number, end: number): Array<[number, number]> {
  const fragments: Array<[number, number]> = [];
  const piece = text.slice(start, end);
  for (const m of piece.matchAll(NOT_LINE_BREAK)) fragments.push([start + m.index, start + m.index + m[0].length]);
  return fragments;
}

/** The lines brat will see in a free text (note, attribution). */
export const bratLines = (text: string): string[] => text.split(new RegExp(`\\r\\n|${BRAT_LINE_BREAK.source}`));

/** annotation.conf declaring every label, the Confidence attribute and that claims may overlap. */
export function bratAnnotationConf(labels: readonly Label[]): string {
  const types = [...new Set(labels.map((l) => bratType(l.id)))];
  return [
    '# brat configuration written by claimtag with this export.',
    '[entities]',
    ...types,
    '',
    '[relations]',
    '# Claims may overlap, contain each other and share a span.',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    `${BRAT_CONFIDENCE_ATTRIBUTE}\tArg:<ENTITY>, Value:${BRAT_CONFIDENCE_VALUES.join('|')}`,
    '',
  ].join('\n');
}

/** visual.conf: each label's display name and colour. */
export function bratVisualConf(labels: readonly Label[]): string {
  const seen = new Set<string>();
  const rows = labels.filter((l) => !seen.has(bratType(l.id)) && seen.add(bratType(l.id)));
  const displayName = (l: Label) => l.name.replace(/[|<>\t\r\n]/g, ' ').trim() || bratType(l.id);
  return [
    '[labels]',
    ...rows.map((l) => `${bratType(l.id)} | ${displayName(l)}`),
    '',
    '[drawing]',
    ...rows.filter((l) => /^#[0-9a-fA-F]{6}$/.test(l.color)).map((l) => `${bratType(l.id)}\tbgColor:${l.color}`),
    '',
  ].join('\n');
}
