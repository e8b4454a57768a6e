// One home for the limits every untrusted document is parsed under (Word, web pages and
// pasted HTML, PDF). The parsers run in a worker thread (run-import-worker.ts) with the heap
// and time limits below; the structural limits are checked by the parsers themselves.
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './docx-zip';

/** Wall-clock time one document may take to parse. */
export const IMPORT_TIMEOUT_MS = 15_000;
/** V8 old-generation heap of the parsing worker. */
export const IMPORT_WORKER_HEAP_MB = 256;
export const IMPORT_WORKER_YOUNG_HEAP_MB = 32;
export const IMPORT_WORKER_STACK_MB = 4;

/** Most text (UTF-16 code units) one document may hold, as for text files of MAX_IMPORT_BYTES. */
export const MAX_IMPORT_TEXT_CHARS = 20 * 1024 * 1024;

export interface StructureLimits {
  /** Elements nested inside each other (HTML elements; a 20 MB page of real news nests < 100). */
  maxDepth: number;
  /** Elements (HTML) or pages (PDF) in one document. */
  maxNodes: number;
  maxTextChars: number;
}

// 250 000 elements: a 2 MB saved news page has about 15 000; the tree of 250 000 fits the worker's heap twice
// (parse5 for the limits and metadata, linkedom for the reader view).
export const HTML_LIMITS: StructureLimits = { maxDepth: 1_000, maxNodes: 250_000, maxTextChars: MAX_IMPORT_TEXT_CHARS };
export const PDF_LIMITS: StructureLimits = { maxDepth: 1_000, maxNodes: 2_000, maxTextChars: MAX_IMPORT_TEXT_CHARS };
export const DOCX_LIMITS: ZipLimits = DEFAULT_ZIP_LIMITS;
