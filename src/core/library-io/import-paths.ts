import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppError } from '../../shared/result';
import { importFile, type ImportOptions as ArticleImportOptions } from '../import/import-file';
import { importFormats } from '../interchange';
import { IMPORT_LIMITS } from '../interchange/limits';
import type { Library } from '../store/library';
import { checkRegularFile } from '../fs/regular-file';
import { classifyFile } from './detect-annotation-format';
import { mergeImport, type MergeOptions, type MergeReport } from './merge-import';
import { readOtherLibrary } from './read-other-library';

export type FileOutcome =
  | { file: string; ok: true; kind: 'article'; documentId: string; title: string; existed: boolean; warnings: string[] }
  | { file: string; ok: true; kind: 'annotations'; report: MergeReport }
  | { file: string; ok: false; error: AppError };

export interface ImportPathsOptions extends MergeOptions {
  /** Annotator name for annotation formats that carry none (brat, doccano). */
  annotator?: string;
  /** Import the valid part of an annotation file and report the rest. */
  partial?: boolean;
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
    return failure(file, 'unsupported', `"${name}" is not a format claimtag reads. Articles: .txt, .md, .html, .docx. Annotations: claimtag .json or a colleague's claimtag library (.sqlite), W3C .jsonld, brat .ann, doccano .jsonl, Label Studio .json.`);
  }
  if (kind.kind === 'library') {
    const parsed = await readOtherLibrary(file);
    if (!parsed.ok) return { file, ok: false, error: parsed.error };
    try {
      return { file, ok: true, kind: 'annotations', report: mergeImport(library, parsed.value, options) };
    } catch (err) {
      const error = (err as { error?: AppError }).error;
      return { file, ok: false, error: error ? { ...error, message: `${name}: ${error.message}` } : { code: 'storage', message: `${name}: could not be merged.` } };
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
  let companionText: string | undefined;
  if (kind.format === 'brat') {
    const txt = file.replace(/\.ann$/i, '.txt');
    const companion = await checkRegularFile(txt);
    if (!companion.ok && companion.error.code !== 'not-found') return { file, ok: false, error: companion.error };
    try {
      companionText = await fs.readFile(txt, 'utf8');
    } catch {
      return failure(file, 'not-found', `The brat file "${name}" needs its text file "${path.basename(txt)}" beside it.`);
    }
  }
  const documents = kind.format === 'w3c' ? library.documents.list().map((d) => ({ ref: d.id, title: d.title, source: d.source, text: library.documents.textOf(d.id) })) : undefined;
  const parsed = format.import(text, {
    annotator: options.annotator,
    partial: options.partial,
    companionText,
    documentRef: kind.format === 'brat' ? path.basename(file, path.extname(file)) : undefined,
    documentTitle: kind.format === 'brat' ? path.basename(file, path.extname(file)) : undefined,
    documents,
  });
  if (!parsed.ok) return { file, ok: false, error: { ...parsed.error, message: `${name}: ${parsed.error.message}` } };
  try {
    return { file, ok: true, kind: 'annotations', report: mergeImport(library, parsed.value, options) };
  } catch (err) {
    const error = (err as { error?: AppError }).error;
    if (error) return { file, ok: false, error: { ...error, message: `${name}: ${error.message}` } };
    return failure(file, 'storage', `${name}: could not be saved (${err instanceof Error ? err.message : String(err)}).`);
  }
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
