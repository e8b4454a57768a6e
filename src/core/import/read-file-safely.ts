// Reading an untrusted file from disk: size checked with fs.stat before any byte is read,
// only regular files, binary content refused, UTF-8 decoded strictly unless the caller
// explicitly asks for replacement characters.
import { MAX_IMPORT_BYTES, tooLargeToImport } from '../../shared/import-limits';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { ARTICLE_EXTENSIONS, type ImportFormat } from '../../shared/article-formats';
import { AppFailure, fail, ok, type AppError, type Result } from '../../shared/result';


export type { ImportFormat } from '../../shared/article-formats';

export const SUPPORTED_EXTENSIONS = ARTICLE_EXTENSIONS;

export interface ReadOptions {
  /** Import text with invalid UTF-8 sequences replaced by U+FFFD instead of refusing it. */
  replaceInvalid?: boolean;
  /** Size cap in bytes; defaults to MAX_IMPORT_BYTES. */
  maxBytes?: number;
}

export interface FileBytes {
  format: ImportFormat;
  fileName: string;
  bytes: Uint8Array;
}

export interface DecodedText {
  text: string;
  warnings: string[];
}

const SIGNATURES: ReadonlyArray<{ name: string; magic: readonly number[] }> = [
  { name: 'a PNG image', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'a JPEG image', magic: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', magic: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF document', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a ZIP archive (or an Office document)', magic: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a ZIP archive', magic: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'an old Office document', magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
];

export function formatForPath(filePath: string): Result<ImportFormat> {
  const extension = path.extname(filePath).toLowerCase();
  const format = SUPPORTED_EXTENSIONS[extension];
  if (format !== undefined) return ok(format);
  const supported = Object.keys(SUPPORTED_EXTENSIONS).join(', ');
  const what = extension === '' ? 'Files without an extension' : `${extension} files`;
  return fail('unsupported', `${what} cannot be imported; supported types are ${supported}.`);
}

/** Reads a file's bytes after checking its type, kind and size. Never throws. */
export async function readFileSafely(filePath: string, options: ReadOptions = {}): Promise<Result<FileBytes>> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const format = formatForPath(filePath);
  if (!format.ok) return format;
  const fileName = path.basename(filePath);
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) return fail('invalid-input', `"${fileName}" is a folder, not a file.`);
    if (!info.isFile()) return fail('invalid-input', `"${fileName}" is not a regular file.`);
    if (info.size > maxBytes) return fail('too-large', tooLargeMessage(fileName, maxBytes));
    if (info.size === 0) return fail('invalid-input', `"${fileName}" is empty.`);
    const bytes = await readAtMost(filePath, info.size);
    if (bytes === undefined) return fail('invalid-input', `"${fileName}" changed while it was being read; try again.`);
    if (bytes.length === 0) return fail('invalid-input', `"${fileName}" is empty.`);
    return ok({ format: format.value, fileName, bytes });
  } catch (error) {
    return fileError(error, fileName);
  }
}

/** Decodes text-format bytes: refuses binaries, strict UTF-8 (or UTF-16 with a BOM). */
export function decodeText(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Result<DecodedText> {
  const signature = SIGNATURES.find(({ magic }) => magic.every((byte, i) => bytes[i] === byte));
  if (signature !== undefined) {
    return fail('unsupported', `"${fileName}" is ${signature.name}, not a text file, although its name says otherwise.`);
  }
  const utf16 = utf16Encoding(bytes);
  if (utf16 === undefined && bytes.includes(0)) {
    return fail('unsupported', `"${fileName}" looks like a binary file (it contains NUL bytes), not text.`);
  }
  const encoding = utf16 ?? 'utf-8';
  const warnings: string[] = [];
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    if (!options.replaceInvalid) {
      return fail(
        'invalid-input',
        `"${fileName}" is not valid ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'} text; re-save it as UTF-8, or import it with invalid bytes replaced by �.`,
        [`first invalid byte near offset ${firstInvalidOffset(bytes)}`],
      );
    }
    text = new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
    warnings.push('Some bytes were not valid text and were replaced by �.');
  }
  if (text.trim() === '') return fail('invalid-input', `"${fileName}" contains only whitespace.`);
  return ok({ text, warnings });
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Reads at most `size` bytes; undefined if the file turns out longer (it grew after stat). */
async function readAtMost(filePath: string, size: number): Promise<Uint8Array | undefined> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = new Uint8Array(size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length > size ? undefined : buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

const tooLargeMessage = (fileName: string, maxBytes: number): string => tooLargeToImport(`"${fileName}"`, maxBytes);

function fileError(error: unknown, fileName: string): { ok: false; error: AppError } {
  if (error instanceof AppFailure) return { ok: false, error: error.error };
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return fail('not-found', `"${fileName}" was not found; it may have been moved or deleted.`);
    case 'EACCES':
    case 'EPERM':
      return fail('invalid-input', `claimtag is not allowed to read "${fileName}".`);
    case 'ENAMETOOLONG':
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
      return fail('invalid-input', `"${fileName}" is not a valid file name.`);
    case 'EISDIR':
      return fail('invalid-input', `"${fileName}" is a folder, not a file.`);
    case 'EMFILE':
    case 'ENFILE':
    case 'EBUSY':
      return fail('internal', `"${fileName}" could not be opened right now; try again.`, [String(code)]);
    default:
      return fail('internal', `"${fileName}" could not be read.`, [String(error)]);
  }
}

/** Byte offset of the first invalid UTF-8 sequence (for the error details only). */
function firstInvalidOffset(bytes: Uint8Array): number {
  // Binary search on the longest prefix that is valid, allowing a sequence cut at its end.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (isValidPrefix(bytes.subarray(0, mid), true)) low = mid;
    else high = mid - 1;
  }
  // The valid prefix may end inside the broken sequence; step back to where it starts.
  for (let back = 0; back < 4 && low - back >= 0; back++) {
    if (isValidPrefix(bytes.subarray(0, low - back), false)) return low - back;
  }
  return low;
}

function isValidPrefix(prefix: Uint8Array, allowCutSequence: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: allowCutSequence });
    return true;
  } catch {
    return false;
  }
}
