// brat standoff: one folder per annotator holding <document title>.txt and .ann, with
// annotation.conf, visual.conf and a manifest (file → document id, folder → annotator) at the
// root. What brat reads is described in brat-rules.ts.
import type { Relation, RelationKind } from '../../shared/claim-structure';
import type { Annotation, Bundle, Label } from '../../shared/types';
import type { OffsetConverter } from '../../shared/offsets';
import { attributeEntries, roleOf, valueList } from './claim-links';
import {
  BRAT_ATTRIBUTION_PREFIX,
  BRAT_ATTRIBUTE_NOTE,
  BRAT_RELATION_TYPES,
  bratAttributeNote,
  type BratConfStructure,
  BRAT_CONF_FILE,
  BRAT_CONFIDENCE_ATTRIBUTE,
  BRAT_FRAGMENT_SEPARATOR,
  BRAT_MANIFEST_FILE,
  BRAT_NOTE_TYPE,
  BRAT_VISUAL_CONF_FILE,
  bratAnnotationConf,
  bratLines,
  bratType,
  bratVisualConf,
  lineFragments,
} from './brat-rules';
import { groupByAnnotator, relationsByDocument, selectForExport, type ExportSelection } from './export-selection';
import { eachDocument } from './stream-parts';
import { LeftOut } from './export-summary';
import { safeFileName, uniqueNamer } from './file-names';
import type { ExportOptions } from './types';

/** Relative path → file content. */
export type ExportedFiles = Record<string, string>;

export interface BratExport {
  files: ExportedFiles;
  leftOut: string[];
}

/** Root files of a brat export; no annotator folder may take these names. */
export const BRAT_SUMMARY_FILE = 'claimtag-export-summary.txt';
const ROOT_FILES = [BRAT_CONF_FILE, BRAT_VISUAL_CONF_FILE, BRAT_MANIFEST_FILE, BRAT_SUMMARY_FILE];

export interface BratManifest {
  format: 'claimtag-brat-manifest';
  version: 1;
  /** File name without extension → the document it holds. */
  documents: Record<string, { id: string; title: string }>;
  /** Folder name → the annotator whose claims it holds. */
  annotators: Record<string, { id: string; name: string }>;
}

export function exportBrat(bundle: Bundle, options: ExportOptions = {}): BratExport {
  const stream = bratFiles(bundle, options);
  const files: ExportedFiles = {};
  for (const f of stream.files) files[f.path] = [...f.parts].join('');
  return { files, leftOut: stream.leftOut() };
}

/** One file of a folder export: its path inside the folder and its text in parts. */
export interface StreamedFile {
  path: string;
  parts: Iterable<string>;
}

/**
 * The folder a document at a time (#14): each annotator's .txt and .ann of a document, then
 * annotation.conf, visual.conf and the manifest, which need every document (they keep only
 * types, names and ids). `leftOut` is complete once every file was read.
 */
export function bratFiles(bundle: Bundle, options: ExportOptions = {}): { files: Iterable<StreamedFile>; leftOut: () => string[] } {
  const leftOut = new LeftOut();
  return { files: bratFileList(bundle, options, leftOut), leftOut: () => leftOut.lines() };
}

function* bratFileList(bundle: Bundle, options: ExportOptions, leftOut: LeftOut): Generator<StreamedFile> {
  const selection = selectForExport(bundle, options);
  const folderFor = uniqueNamer();
  for (const name of ROOT_FILES) folderFor(`\0${name}`, name);
  const fileFor = uniqueNamer();
  const manifest: BratManifest = { format: 'claimtag-brat-manifest', version: 1, documents: {}, annotators: {} };
  const conf = new ConfCollector(selection.labels);
  const relationsOf = relationsByDocument(selection);
  for (const { document, annotations, offsets } of eachDocument(selection, options)) {
    const file = fileFor(document.id, safeFileName(document.title, 'document'));
    manifest.documents[file] = { id: document.id, title: document.title };
    const relations = relationsOf(document.id);
    for (const [annotatorId, group] of groupByAnnotator(annotations)) {
      const name = selection.annotatorName(group[0]);
      const folder = folderFor(annotatorId, safeFileName(name, 'annotator'));
      manifest.annotators[folder] = { id: annotatorId, name };
      yield { path: `${folder}/${file}.txt`, parts: [document.text] };
      yield { path: `${folder}/${file}.ann`, parts: [annLines(document.text, offsets, group, relations, { selection, leftOut, conf })] };
    }
  }
  for (const l of selection.labels) if (bratType(l.id) !== l.id) leftOut.add(`label id "${l.id}" written as brat type "${bratType(l.id)}" (brat types are ASCII letters, digits, "_" and "-")`);
  yield { path: BRAT_CONF_FILE, parts: [bratAnnotationConf(selection.labels, conf.structure())] };
  yield { path: BRAT_VISUAL_CONF_FILE, parts: [bratVisualConf(selection.labels)] };
  yield { path: BRAT_MANIFEST_FILE, parts: [`${JSON.stringify(manifest, null, 2)}\n`] };
}

interface AnnContext {
  selection: ExportSelection;
  leftOut: LeftOut;
  conf: ConfCollector;
}

function annLines(text: string, offsets: OffsetConverter, annotations: readonly Annotation[], relations: readonly Relation[], { selection, leftOut, conf }: AnnContext): string {
  const lines: string[] = [];
  let notes = 0;
  let attributes = 0;
  let textBounds = 0;
  const tOf = new Map<string, string>();
  for (const a of annotations) {
    const fragments = lineFragments(text, a.start, a.end);
    if (fragments.length === 0) {
      leftOut.add('claims made of line breaks only (brat cannot hold them)');
      continue;
    }
    if (fragments[0][0] !== a.start || fragments[fragments.length - 1][1] !== a.end) {
      leftOut.add('claims starting or ending with a line break, written without it (brat cannot hold a line break)');
    }
    const t = `T${++textBounds}`;
    tOf.set(a.id, t);
    const ranges = fragments.map(([s, e]) => `${offsets.toCodePoint(s)} ${offsets.toCodePoint(e)}`).join(';');
    const quote = fragments.map(([s, e]) => text.slice(s, e)).join(BRAT_FRAGMENT_SEPARATOR);
    lines.push(`${t}\t${bratType(a.labelId)} ${ranges}\t${quote}`);
    if (a.attribution !== '') {
      const parts = bratLines(a.attribution);
      if (parts.length > 1) leftOut.add('attributions holding a line break, written with spaces instead');
      lines.push(`#${++notes}\t${BRAT_NOTE_TYPE} ${t}\t${BRAT_ATTRIBUTION_PREFIX}${parts.join(' ')}`);
    }
    if (a.note !== '') {
      const parts = bratLines(a.note);
      if (parts.join('\n') !== a.note) leftOut.add('notes whose line breaks are not plain LF; they come back as LF');
      if (a.attribution === '' && parts[0].startsWith(BRAT_ATTRIBUTION_PREFIX)) leftOut.add(`notes starting with "${BRAT_ATTRIBUTION_PREFIX.trim()}", which read back as an attribution`);
      if (parts.some((p) => BRAT_ATTRIBUTE_NOTE.test(p))) leftOut.add('note lines shaped like "Attribute key: value", which read back as attribute values');
      for (const part of parts) lines.push(`#${++notes}\t${BRAT_NOTE_TYPE} ${t}\t${part}`);
    }
    if (a.confidence !== null) lines.push(`A${++attributes}\t${BRAT_CONFIDENCE_ATTRIBUTE} ${t} ${a.confidence}`);
    for (const entry of attributeEntries(a, selection.labelById.get(a.labelId))) {
      if (entry.type === 'choice' || entry.type === 'scale') {
        const value = valueList(entry.value)[0];
        lines.push(`A${++attributes}\t${entry.key} ${t} ${value}`);
        conf.attribute(entry.key, a.labelId, value);
      } else lines.push(`#${++notes}\t${BRAT_NOTE_TYPE} ${t}\t${bratAttributeNote(entry.key, valueList(entry.value))}`);
    }
  }
  let links = 0;
  const byId = new Map(annotations.map((a) => [a.id, a]));
  for (const r of relations) {
    const claim = byId.get(r.claimId);
    const target = byId.get(r.targetId);
    if (!claim || !target) continue;
    const arg1 = tOf.get(r.claimId);
    const arg2 = tOf.get(r.targetId);
    if (!arg1 || !arg2) {
      leftOut.add('source and cue links to a span made of line breaks only (brat cannot hold it)');
      continue;
    }
    lines.push(`R${++links}\t${BRAT_RELATION_TYPES[r.kind]} Arg1:${arg1} Arg2:${arg2}`);
    conf.relation(r.kind, claim.labelId, target.labelId);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** What annotation.conf must declare for the links and attribute values written, besides the labels' own definitions. */
class ConfCollector {
  private readonly relations: Record<RelationKind, { claims: Set<string>; targets: Set<string> }> = { source: { claims: new Set(), targets: new Set() }, cue: { claims: new Set(), targets: new Set() } };
  private readonly attributes = new Map<string, { types: Set<string>; values: Set<string> }>();

  constructor(private readonly labels: readonly Label[]) {
    for (const l of labels) {
      const role = roleOf(l);
      if (role !== 'claim') this.relations[role].targets.add(bratType(l.id));
      for (const d of l.attributes ?? []) {
        if (d.type !== 'choice' && d.type !== 'scale') continue;
        const a = this.attributeEntry(d.key);
        a.types.add(bratType(l.id));
        for (const o of d.options) a.values.add(o.key);
      }
    }
  }

  relation(kind: RelationKind, claimLabel: string, targetLabel: string): void {
    this.relations[kind].claims.add(bratType(claimLabel));
    this.relations[kind].targets.add(bratType(targetLabel));
  }

  attribute(key: string, labelId: string, value: string): void {
    const a = this.attributeEntry(key);
    a.types.add(bratType(labelId));
    a.values.add(value);
  }

  structure(): BratConfStructure {
    const claimTypes = this.labels.filter((l) => roleOf(l) === 'claim').map((l) => bratType(l.id));
    const relations: BratConfStructure['relations'] = {};
    for (const kind of Object.keys(this.relations) as RelationKind[]) {
      const r = this.relations[kind];
      if (r.targets.size === 0) continue;
      relations[kind] = { claims: [...new Set([...claimTypes, ...r.claims])], targets: [...r.targets] };
    }
    return { relations, attributes: new Map([...this.attributes].map(([k, a]) => [k, { types: [...a.types], values: [...a.values] }])) };
  }

  private attributeEntry(key: string): { types: Set<string>; values: Set<string> } {
    let a = this.attributes.get(key);
    if (!a) this.attributes.set(key, (a = { types: new Set(), values: new Set() }));
    return a;
  }
}
