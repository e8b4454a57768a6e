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
import type { RelationKind } from '../../shared/claim-structure';
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

/**
 * brat relation types for a claim's links, PARC's source → cue → content read from the claim:
 * `R1\tSource Arg1:T3 Arg2:T1` says the claim T3 is asserted by the source span T1.
 */
export const BRAT_RELATION_TYPES: Readonly<Record<RelationKind, string>> = { source: 'Source', cue: 'Cue' };
/**
 * Our convention for attribute values brat cannot hold as attributes (brat's values come from a
 * fixed list in annotation.conf): links and dates are AnnotatorNotes lines "Attribute <key>: <value>".
 */
export const BRAT_ATTRIBUTE_NOTE = /^Attribute ([a-z0-9]+(?:-[a-z0-9]+)*): (.*)$/s;
export const bratAttributeNote = (key: string, values: readonly string[]): string => `Attribute ${key}: ${values.join(' ')}`;

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

/** What annotation.conf declares besides the labels: the links and the attributes with fixed values. */
export interface BratConfStructure {
  /** Per link kind: the claim types (Arg1) and the source or cue types (Arg2) it joins. */
  relations: Partial<Record<RelationKind, { claims: string[]; targets: string[] }>>;
  /** Attribute key → the types that carry it and its values, in order. */
  attributes: Map<string, { types: string[]; values: string[] }>;
}

/** annotation.conf declaring every label, the links and attributes written, the Confidence attribute and that claims may overlap. */
export function bratAnnotationConf(labels: readonly Label[], structure: BratConfStructure = { relations: {}, attributes: new Map() }): string {
  const types = [...new Set(labels.map((l) => bratType(l.id)))];
  const relationLines = (Object.keys(BRAT_RELATION_TYPES) as RelationKind[]).flatMap((kind) => {
    const r = structure.relations[kind];
    return r && r.claims.length > 0 && r.targets.length > 0 ? [`${BRAT_RELATION_TYPES[kind]}\tArg1:${r.claims.join('|')}, Arg2:${r.targets.join('|')}`] : [];
  });
  const attributeLines = [...structure.attributes].map(([key, a]) => `${key}\tArg:${a.types.join('|')}, Value:${a.values.join('|')}`);
  return [
    '# brat configuration written by claimtag with this export.',
    '[entities]',
    ...types,
    '',
    '[relations]',
    ...(relationLines.length > 0 ? ['# A claim (Arg1) is asserted by its Source and reported by its Cue (Arg2), as in PARC.', ...relationLines] : []),
    '# Claims may overlap, contain each other and share a span.',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    `${BRAT_CONFIDENCE_ATTRIBUTE}\tArg:<ENTITY>, Value:${BRAT_CONFIDENCE_VALUES.join('|')}`,
    ...attributeLines,
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
