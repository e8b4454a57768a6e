// .docx import: magic bytes checked here, the archive parsed in the import worker
// (run-import-worker.ts) under the limits of import-limits.ts.
import { fail, type Result } from '../../shared/result';
import type { ZipLimits } from './docx-zip';
import { DOCX_LIMITS } from './import-limits';
import { buildDocument, titleFromFileName, type ImportedDocument } from './imported-document';
import { parseInWorker, type WorkerRunOptions } from './run-import-worker';

export interface DocxImportOptions extends WorkerRunOptions {
  limits?: Partial<ZipLimits>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

export async function importDocx(bytes: Uint8Array, fileName: string, options: DocxImportOptions = {}): Promise<Result<ImportedDocument>> {
  if (startsWith(bytes, OLE_MAGIC)) {
    return fail('unsupported', 'This is an old Word .doc file or a password-protected document; save it as .docx (without a password) and import it again.');
  }
  if (!startsWith(bytes, ZIP_MAGIC)) return fail('unsupported', 'This file is not a Word document (.docx), although its name ends in .docx.');
  const parsed = await parseInWorker({ kind: 'docx', bytes, limits: { ...DOCX_LIMITS, ...options.limits } }, options);
  if (!parsed.ok) return parsed;
  return buildDocument(parsed.value, { title: titleFromFileName(fileName), source: fileName });
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}
