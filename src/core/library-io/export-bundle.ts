import fs from 'node:fs/promises';
import path from 'node:path';
import type { ExportFormatChoice } from '../../shared/export-formats';
import { AppFailure } from '../../shared/result';
import type { Bundle } from '../../shared/types';
import { writeFileAtomic } from '../fs/atomic-write';
import { EXPORT_SUMMARY_SUFFIX, exportFormats, streamedExports, summaryFor } from '../interchange';
import type { ExportOptions } from '../interchange/types';
import { htmlToPdf } from './html-to-pdf';

/** Any format of the catalogue (src/shared/export-formats.ts): the interchange formats, and pdf printed from the html report. */
export type ExportTarget = ExportFormatChoice;

/**
 * Writes a bundle in one format. Single files are replaced atomically; brat writes a
 * folder of .txt/.ann pairs, each file atomically. Returns the paths written.
 */
export interface ExportBundleOptions {
  generatedAt?: string;
  /** How to print HTML to PDF (Electron's printToPDF in the app); default headless Chromium. */
  printToPdf?: (html: string, signal?: AbortSignal) => Promise<Uint8Array>;
  /** Cancels the export; whatever was not yet written is not written. */
  signal?: AbortSignal;
  /** Format-specific choices (doccano's offset unit). */
  formatOptions?: Pick<ExportOptions, 'doccanoOffsets' | 'desk'>;
  /** Streamed formats (json, csv): about how many characters go to the file per write. */
  chunkChars?: number;
  /** Streamed formats: called after each write with the characters written so far. */
  onWritten?: (chars: number) => void;
}

/** A few MB per write: few system calls, and far below JavaScript's longest string (~512 MiB). */
export const EXPORT_CHUNK_CHARS = 4 * 1024 * 1024;

/** Joins small parts into chunks of about `budget` characters (a part longer than that goes alone). */
export function* chunksOf(parts: Iterable<string>, budget: number): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const part of parts) {
    if (length > 0 && length + part.length > budget) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
    pending.push(part);
    length += part.length;
  }
  if (length > 0) yield pending.join('');
}

const CANCELLED = 'The export was cancelled; no file was written or changed.';

function stopIfCancelled(signal: AbortSignal | undefined, written: readonly string[] = []): void {
  if (!signal?.aborted) return;
  throw new AppFailure({
    code: 'cancelled',
    message: written.length ? `The export was cancelled after ${written.length} of its files; the files already written are complete.` : CANCELLED,
  });
}

/** Stops between chunks when cancelled (the temp file is removed, the target untouched) and reports progress. */
function* watched(chunks: Iterable<string>, options: ExportBundleOptions): Generator<string> {
  let written = 0;
  for (const chunk of chunks) {
    stopIfCancelled(options.signal);
    yield chunk;
    written += chunk.length;
    options.onWritten?.(written);
  }
  stopIfCancelled(options.signal);
}

export async function exportBundle(bundle: Bundle, target: ExportTarget, outPath: string, options: ExportBundleOptions = {}): Promise<string[]> {
  if (bundle.documents.length === 0) throw new AppFailure({ code: 'invalid-input', message: 'There is nothing to export: no documents were chosen.' });
  if (target === 'pdf') {
    const html = exportFormats.html.export(bundle, { generatedAt: options.generatedAt });
    if (html.kind !== 'file') throw new AppFailure({ code: 'internal', message: 'The report could not be prepared.' });
    stopIfCancelled(options.signal);
    let pdf: Uint8Array;
    try {
      pdf = await (options.printToPdf ?? htmlToPdf)(html.text, options.signal);
    } catch (err) {
      stopIfCancelled(options.signal);
      throw err;
    }
    stopIfCancelled(options.signal);
    await writeFileAtomic(outPath, pdf);
    return [outPath];
  }
  const streamed = streamedExports[target];
  if (streamed) {
    const { parts, leftOut } = streamed(bundle, { generatedAt: options.generatedAt, ...options.formatOptions });
    await writeFileAtomic(outPath, watched(chunksOf(parts, options.chunkChars ?? EXPORT_CHUNK_CHARS), options));
    const summary = summaryFor(target, { kind: 'file', text: '', leftOut: leftOut() });
    if (summary === null) return [outPath];
    stopIfCancelled(options.signal, [outPath]);
    const summaryFile = outPath.slice(0, outPath.length - path.extname(outPath).length) + EXPORT_SUMMARY_SUFFIX;
    await writeFileAtomic(summaryFile, summary);
    return [outPath, summaryFile];
  }
  const format = exportFormats[target];
  const output = format.export(bundle, { generatedAt: options.generatedAt, ...options.formatOptions });
  stopIfCancelled(options.signal);
  if (output.kind === 'file') {
    // Companions (a labelling config) and the summary of what the format left out go beside the file.
    const base = outPath.slice(0, outPath.length - path.extname(outPath).length);
    const summary = summaryFor(target, output);
    const files: Array<[string, string]> = [[outPath, output.text], ...Object.entries(output.companions ?? {}).map(([suffix, text]): [string, string] => [base + suffix, text])];
    if (summary !== null) files.push([base + EXPORT_SUMMARY_SUFFIX, summary]);
    const written: string[] = [];
    for (const [file, text] of files) {
      stopIfCancelled(options.signal, written);
      await writeFileAtomic(file, text);
      written.push(file);
    }
    return written;
  }
  await fs.mkdir(outPath, { recursive: true });
  const written: string[] = [];
  for (const [relative, text] of Object.entries(output.files)) {
    stopIfCancelled(options.signal, written);
    const file = path.resolve(outPath, relative);
    if (!file.startsWith(path.resolve(outPath) + path.sep)) throw new AppFailure({ code: 'internal', message: 'An exported file name was not safe.' });
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, text);
    written.push(file);
  }
  return written;
}
