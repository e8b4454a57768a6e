// brat standoff: one folder per annotator holding <document title>.txt and .ann, with
// annotation.conf, visual.conf and a manifest (file → document id, folder → annotator) at the
// root. What brat reads is described in brat-rules.ts.
import type { Annotation, Bundle } from '../../shared/types';
import type { OffsetConverter } from '../../shared/offsets';
import {
  BRAT_ATTRIBUTION_PREFIX,
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
import { groupByAnnotator, selectForExport } from './export-selection';
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
  const selection = selectForExport(bundle, options);
  const leftOut = new LeftOut();
  const folderFor = uniqueNamer();
  for (const name of ROOT_FILES) folderFor(`\0${name}`, name);
  const fileFor = uniqueNamer();
  const manifest: BratManifest = { format: 'claimtag-brat-manifest', version: 1, documents: {}, annotators: {} };
  const files: ExportedFiles = {};
  for (const { document, annotations, offsets } of selection.documents) {
    const file = fileFor(document.id, safeFileName(document.title, 'document'));
    manifest.documents[file] = { id: document.id, title: document.title };
    for (const [annotatorId, group] of groupByAnnotator(annotations)) {
      const name = selection.annotatorName(group[0]);
      const folder = folderFor(annotatorId, safeFileName(name, 'annotator'));
      manifest.annotators[folder] = { id: annotatorId, name };
      files[`${folder}/${file}.txt`] = document.text;
      files[`${folder}/${file}.ann`] = annLines(document.text, offsets, group, leftOut);
    }
  }
  for (const l of selection.labels) if (bratType(l.id) !== l.id) leftOut.add(`label id "${l.id}" written as brat type "${bratType(l.id)}" (brat types are ASCII letters, digits, "_" and "-")`);
  files[BRAT_CONF_FILE] = bratAnnotationConf(selection.labels);
  files[BRAT_VISUAL_CONF_FILE] = bratVisualConf(selection.labels);
  files[BRAT_MANIFEST_FILE] = `${JSON.stringify(manifest, null, 2)}\n`;
  return { files, leftOut: leftOut.lines() };
}

function annLines(text: string, offsets: OffsetConverter, annotations: readonly Annotation[], leftOut: LeftOut): string {
  const lines: string[] = [];
  let notes = 0;
  let attributes = 0;
  let textBounds = 0;
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
      for (const part of parts) lines.push(`#${++notes}\t${BRAT_NOTE_TYPE} ${t}\t${part}`);
    }
    if (a.confidence !== null) lines.push(`A${++attributes}\t${BRAT_CONFIDENCE_ATTRIBUTE} ${t} ${a.confidence}`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
