/** Caps that keep a hostile or broken file from exhausting memory. Sizes are UTF-8 bytes. */
export const IMPORT_LIMITS = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxDocumentTextBytes: 10 * 1024 * 1024,
  maxDocuments: 10_000,
  maxAnnotations: 1_000_000,
  maxLabels: 1_000,
  maxAnnotators: 10_000,
  maxNoteBytes: 100 * 1024,
  /** Titles, sources, labels, attributions, ids. */
  maxShortStringBytes: 4 * 1024,
  /** Errors listed in a failure's details. */
  maxReportedErrors: 20,
  /** A colleague's whole library file (.sqlite), checked (file size and page count × page size) before anything is copied. */
  maxLibraryFileBytes: 1024 * 1024 * 1024,
  /** Wall-clock budget for copying a colleague's library file. */
  maxLibraryCopyMs: 60_000,
});

const nodeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer;

/** UTF-8 size of a string without allocating an encoded copy. Lone surrogates count as 3 (U+FFFD). */
export function utf8ByteLength(text: string): number {
  // Node's native count agrees (lone surrogates are 3 bytes there too) and is ~40× faster on a
  // large file; the loop below is for environments without Buffer.
  if (nodeBuffer) return nodeBuffer.byteLength(text, 'utf8');
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** True when `text` is over `maxBytes` in UTF-8; cheap for obviously small strings. */
export function exceedsBytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return utf8ByteLength(text) > maxBytes;
}

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
