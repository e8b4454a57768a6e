import fs from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../shared/result';
import type { Bundle } from '../../shared/types';
import { writeFileAtomic } from '../fs/atomic-write';
import { exportFormats } from '../interchange';
import type { ExportFormatId } from '../interchange/types';
import { htmlToPdf } from './html-to-pdf';

export type ExportTarget = ExportFormatId | 'pdf';

export const EXPORT_TARGETS: readonly ExportTarget[] = ['html', 'pdf', 'md', 'json', 'w3c', 'brat', 'doccano', 'labelstudio', 'csv'];

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
}

const CANCELLED = 'The export was cancelled; no file was written or changed.';

function stopIfCancelled(signal: AbortSignal | undefined, written: readonly string[] = []): void {
  if (!signal?.aborted) return;
  throw new AppFailure({
    code: 'cancelled',
    message: written.length ? `The export was cancelled after ${written.length} of its files; the files already written are complete.` : CANCELLED,
  });
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
  const format = exportFormats[target];
  const output = format.export(bundle, { generatedAt: options.generatedAt });
  stopIfCancelled(options.signal);
  if (output.kind === 'file') {
    await writeFileAtomic(outPath, output.text);
    return [outPath];
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
