import path from 'node:path';
import type { ExportFormatChoice } from '../../shared/export-formats';
import { AppFailure } from '../../shared/result';
import type { Bundle } from '../../shared/types';
import { writeFileAtomic, writeFolderAtomic } from '../fs/atomic-write';
import { EXPORT_SUMMARY_SUFFIX, exportFormats, streamedExports, summaryFor } from '../interchange';
import type { ExportOptions } from '../interchange/types';
import { htmlToPdf } from './html-to-pdf';

/** Any format of the catalogue (src/shared/export-formats.ts): the interchange formats, and pdf printed from the html report. */
export type ExportTarget = ExportFormatChoice;

/**
 * Writes a bundle in one format. Single files are replaced atomically; brat writes a
 * folder of .txt/.ann pairs, built beside the target and moved into place. Returns the paths written.
 */
export interface ExportBundleOptions {
  generatedAt?: string;
  /** How to print HTML to PDF (Electron's printToPDF in the app); default headless Chromium. */
  printToPdf?: (html: string, signal?: AbortSignal) => Promise<Uint8Array>;
  /** Cancels the export; whatever was not yet written is not written. */
  signal?: AbortSignal;
  /** Asked between documents and between writes; throws to cancel (a job's `check`, which reads its cancel board). */
  check?: () => void;
  /** Format-specific choices (doccano's offset unit). */
  formatOptions?: Pick<ExportOptions, 'doccanoOffsets' | 'desk'>;
  /** About how many characters go to a file per write. */
  chunkChars?: number;
  /** Called after each write with the characters written so far (all files of a folder together). */
  onWritten?: (chars: number) => void;
  /** Called after each document's output was made: `done` of `total` documents, and the characters made so far. */
  onDocument?: (done: number, total: number, chars: number) => void;
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

function stopIfCancelled(options: ExportBundleOptions, written: readonly string[] = []): void {
  options.check?.();
  if (!options.signal?.aborted) return;
  throw new AppFailure({
    code: 'cancelled',
    message: written.length ? `The export was cancelled after ${written.length} of its files; the files already written are complete.` : CANCELLED,
  });
}

export async function exportBundle(bundle: Bundle, target: ExportTarget, outPath: string, options: ExportBundleOptions = {}): Promise<string[]> {
  if (bundle.documents.length === 0) throw new AppFailure({ code: 'invalid-input', message: 'There is nothing to export: no documents were chosen.' });
  if (target === 'pdf') return exportPdf(bundle, outPath, options);
  // Characters made and written so far; a cancel is honoured between documents and between writes.
  let made = 0;
  let written = 0;
  const formatOptions: ExportOptions = {
    generatedAt: options.generatedAt,
    ...options.formatOptions,
    onDocument: (done, total) => {
      stopIfCancelled(options);
      options.onDocument?.(done, total, made);
    },
  };
  const counted = function* (parts: Iterable<string>): Generator<string> {
    for (const part of parts) {
      made += part.length;
      yield part;
    }
  };
  const watched = function* (parts: Iterable<string>): Generator<string> {
    for (const chunk of chunksOf(counted(parts), options.chunkChars ?? EXPORT_CHUNK_CHARS)) {
      stopIfCancelled(options);
      yield chunk;
      written += chunk.length;
      options.onWritten?.(written);
    }
    stopIfCancelled(options);
  };

  const output = streamedExports[target](bundle, formatOptions);
  if (output.kind === 'files') return writeFolderAtomic(outPath, (function* () {
    for (const file of output.files) yield { path: file.path, data: watched(file.parts) };
  })());

  await writeFileAtomic(outPath, watched(output.parts));
  // Companions (a labelling config) and the summary of what the format left out go beside the file.
  const base = outPath.slice(0, outPath.length - path.extname(outPath).length);
  const files: Array<[string, string]> = Object.entries(output.companions ?? {}).map(([suffix, text]): [string, string] => [base + suffix, text]);
  const summary = summaryFor(target, { kind: 'file', leftOut: output.leftOut() });
  if (summary !== null) files.push([base + EXPORT_SUMMARY_SUFFIX, summary]);
  const done = [outPath];
  for (const [file, text] of files) {
    stopIfCancelled(options, done);
    await writeFileAtomic(file, text);
    done.push(file);
  }
  return done;
}

/** The HTML report printed to PDF: the printer takes the report as one string. */
async function exportPdf(bundle: Bundle, outPath: string, options: ExportBundleOptions): Promise<string[]> {
  const html = exportFormats.html.export(bundle, { generatedAt: options.generatedAt });
  if (html.kind !== 'file') throw new AppFailure({ code: 'internal', message: 'The report could not be prepared.' });
  stopIfCancelled(options);
  let pdf: Uint8Array;
  try {
    pdf = await (options.printToPdf ?? htmlToPdf)(html.text, options.signal);
  } catch (err) {
    stopIfCancelled(options);
    throw err;
  }
  stopIfCancelled(options);
  await writeFileAtomic(outPath, pdf);
  return [outPath];
}
