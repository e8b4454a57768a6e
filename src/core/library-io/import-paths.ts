import fs from 'node:fs/promises';
import path from 'node:path';
import { fail, ok, type AppError, type Result } from '../../shared/result';
import { importFile, type ImportOptions as ArticleImportOptions } from '../import/import-file';
import { importFormats } from '../interchange';
import { IMPORTABLE_SHOWN } from '../../shared/import-formats';
import type { BratManifest } from '../interchange/brat';
import { MAX_BRAT_MANIFEST_BYTES, bratFileIdentity, parseBratManifest, type BratFileIdentity } from '../interchange/brat-manifest';
import { BRAT_CONF_FILE, BRAT_MANIFEST_FILE } from '../interchange/brat-rules';
import type { DoccanoOffsetUnit } from '../interchange/doccano-offsets';
import { IMPORT_LIMITS, formatBytes } from '../interchange/limits';
import type { Library } from '../store/library';
import { checkRegularFile } from '../fs/regular-file';
import { classifyFile } from './detect-annotation-format';
import { mergeImport, type MergeOptions, type MergeReport } from './merge-import';
import { readOtherLibrary } from './read-other-library';
import { parseClaimtagUrn } from '../interchange/urn';

export type FileOutcome =
  | { file: string; ok: true; kind: 'article'; documentId: string; title: string; existed: boolean; warnings: string[] }
  | { file: string; ok: true; kind: 'annotations'; report: MergeReport }
  | { file: string; ok: false; error: AppError };

export interface ImportPathsOptions extends MergeOptions {
  /** Annotator name for annotation formats that carry none (brat, doccano). */
  annotator?: string;
  /** Import the valid part of an annotation file and report the rest. */
  partial?: boolean;
  /** What doccano offsets count (default UTF-16, doccano ≥ 1.5). */
  doccanoOffsets?: DoccanoOffsetUnit;
  article?: ArticleImportOptions;
  onProgress?: (done: number, total: number, file: string) => void;
}

/**
 * Imports each file on its own: articles become documents, annotation files are merged.
 * A failing file does not stop the others, and never leaves anything half-written.
 */
export async function importPaths(library: Library, files: readonly string[], options: ImportPathsOptions = {}): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length, file);
    outcomes.push(await importOne(library, file, options));
  }
  options.onProgress?.(files.length, files.length, '');
  return outcomes;
}

async function importOne(library: Library, file: string, options: ImportPathsOptions): Promise<FileOutcome> {
  const name = path.basename(file);
  // Before anything opens it: a named pipe would block the import forever.
  const regular = await checkRegularFile(file);
  if (!regular.ok) return { file, ok: false, error: regular.error };
  let head = '';
  if (path.extname(file).toLowerCase() === '.json') {
    head = await readHead(file);
  }
  const kind = classifyFile(name, head);
  if (kind.kind === 'unsupported') {
    return failure(file, 'unsupported', `"${name}" is not a format claimtag reads. ${IMPORTABLE_SHOWN}`);
  }
  if (kind.kind === 'library') {
    const parsed = await readOtherLibrary(file);
    if (!parsed.ok) return { file, ok: false, error: parsed.error };
    try {
      return { file, ok: true, kind: 'annotations', report: mergeImport(library, parsed.value, options) };
    } catch (err) {
      const error = (err as { error?: AppError }).error;
      if (!error) return { file, ok: false, error: { code: 'storage', message: `${name}: could not be merged.` } };
      return { file, ok: false, error: { ...error, message: `${name}: ${error.message}` } };
    }
  }
  if (kind.kind === 'article') {
    const result = await importFile(file, options.article);
    if (!result.ok) return { file, ok: false, error: result.error };
    try {
      const { document, existed } = library.documents.add(result.value);
      return { file, ok: true, kind: 'article', documentId: document.id, title: document.title, existed, warnings: result.value.warnings };
    } catch (err) {
      return failure(file, 'storage', `"${name}" could not be saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let text: string;
  try {
    if (regular.size > IMPORT_LIMITS.maxFileBytes) return failure(file, 'too-large', `"${name}" is larger than claimtag imports at once.`);
    text = await fs.readFile(file, 'utf8');
  } catch {
    return failure(file, 'not-found', `"${name}" could not be read (it may have been moved or you may not have permission).`);
  }
  const format = importFormats[kind.format];
  let brat: { companionText: string; identity: BratFileIdentity; conf?: string } | undefined;
  if (kind.format === 'brat') {
    const companion = await readBratCompanion(file);
    if (!companion.ok) return { file, ok: false, error: companion.error };
    brat = companion.value;
  }
  // W3C files name their documents: only those are read (by id, claimtag URN or source), never every text.
  const findDocuments = (names: readonly string[]) =>
    library.documents
      .withIdOrSource([...names, ...names.flatMap((n) => parseClaimtagUrn('document', n) ?? [])], names)
      .map((d) => ({ ref: d.id, title: d.title, source: d.source, text: library.documents.textOf(d.id) }));
  options.job?.check();
  const parsed = format.import(text, {
    // The export's manifest knows whose folder this is; the chosen annotator is for files without one.
    annotator: brat?.identity.annotator ?? options.annotator,
    ...(brat?.identity.annotatorId !== undefined ? { annotatorId: brat.identity.annotatorId } : {}),
    partial: options.partial,
    ...(options.doccanoOffsets ? { doccanoOffsets: options.doccanoOffsets } : {}),
    companionText: brat?.companionText,
    documentRef: brat?.identity.documentRef,
    documentTitle: brat?.identity.documentTitle,
    ...(brat?.conf !== undefined ? { bratConf: brat.conf } : {}),
    ...(kind.format === 'w3c' ? { findDocuments } : {}),
  });
  if (!parsed.ok) return { file, ok: false, error: { ...parsed.error, message: `${name}: ${parsed.error.message}` } };
  options.job?.check();
  try {
    return { file, ok: true, kind: 'annotations', report: mergeImport(library, parsed.value, options) };
  } catch (err) {
    const error = (err as { error?: AppError }).error;
    if (error) return { file, ok: false, error: { ...error, message: `${name}: ${error.message}` } };
    return failure(file, 'storage', `${name}: could not be saved (${err instanceof Error ? err.message : String(err)}).`);
  }
}

/**
 * The .txt beside a brat .ann (size checked before it is read) and what the export's manifest,
 * in the .ann's folder or the one above, says about the file.
 */
async function readBratCompanion(file: string): Promise<Result<{ companionText: string; identity: BratFileIdentity; conf?: string }>> {
  const name = path.basename(file);
  const txt = file.replace(/\.ann$/i, '.txt');
  const missing = `The brat file "${name}" needs its text file "${path.basename(txt)}" beside it.`;
  // Stat only: a named pipe in its place would block the read forever.
  const regular = await checkRegularFile(txt);
  if (!regular.ok) return regular.error.code === 'not-found' ? fail('not-found', missing) : { ok: false, error: regular.error };
  const size = regular.size;
  // The file holds the text in UTF-8, so its size on disk decides without reading it.
  if (size > IMPORT_LIMITS.maxDocumentTextBytes) {
    return fail('too-large', `${name}: its text file "${path.basename(txt)}" is larger than ${formatBytes(IMPORT_LIMITS.maxDocumentTextBytes)}, the longest document claimtag imports; nothing was imported.`);
  }
  let companionText: string;
  try {
    companionText = await fs.readFile(txt, 'utf8');
  } catch {
    return fail('not-found', missing);
  }
  const folder = path.dirname(file);
  let manifest: BratManifest | null = null;
  for (const dir of [folder, path.dirname(folder)]) {
    const candidate = path.join(dir, BRAT_MANIFEST_FILE);
    try {
      const info = await fs.stat(candidate);
      if (!info.isFile() || info.size > MAX_BRAT_MANIFEST_BYTES) continue;
      manifest = parseBratManifest(await fs.readFile(candidate, 'utf8'));
    } catch {
      continue;
    }
    if (manifest) break;
  }
  // brat reads the annotation.conf nearest up the folder tree; its links and attribute values apply.
  let conf: string | undefined;
  for (const dir of [folder, path.dirname(folder)]) {
    const candidate = path.join(dir, BRAT_CONF_FILE);
    try {
      const info = await fs.stat(candidate);
      if (!info.isFile() || info.size > MAX_BRAT_MANIFEST_BYTES) continue;
      conf = await fs.readFile(candidate, 'utf8');
      break;
    } catch {
      continue;
    }
  }
  return ok({ companionText, identity: bratFileIdentity(manifest, path.basename(folder), path.basename(file, path.extname(file))), ...(conf !== undefined ? { conf } : {}) });
}

async function readHead(file: string): Promise<string> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

const failure = (file: string, code: AppError['code'], message: string): FileOutcome => ({ file, ok: false, error: { code, message } });
