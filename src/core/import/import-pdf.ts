// .pdf import: the signature checked here, the file parsed with pdf.js in the import worker
// (run-import-worker.ts) under the limits of import-limits.ts.
import { fail, type Result } from '../../shared/result';
import { PDF_LIMITS } from './import-limits';
import { buildDocument, titleFromFileName, type ImportedDocument } from './imported-document';
import { parseInWorker, type WorkerRunOptions } from './run-import-worker';

const PDF_MAGIC = '%PDF-';
/** Where a PDF's signature may start: readers accept junk before it in the first kilobyte. */
const SIGNATURE_WINDOW = 1024;

export async function importPdf(bytes: Uint8Array, fileName: string, options: WorkerRunOptions = {}): Promise<Result<ImportedDocument>> {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SIGNATURE_WINDOW)).toString('latin1');
  if (!head.includes(PDF_MAGIC)) return fail('unsupported', 'This file is not a PDF, although its name ends in .pdf.');
  const parsed = await parseInWorker({ kind: 'pdf', bytes, limits: PDF_LIMITS }, options);
  if (!parsed.ok) return parsed;
  return buildDocument(parsed.value, { title: titleFromFileName(fileName), source: fileName });
}
