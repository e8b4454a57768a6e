// The entry points of import: a file on disk or the clipboard → ImportedDocument.
// Every failure comes back as a Result with a typed error; nothing here throws.
import { MAX_IMPORT_BYTES, tooLargeToImport } from '../../shared/import-limits';
import { AppFailure, fail, ok, type Result } from '../../shared/result';
import { importDocx, type DocxImportOptions } from './import-docx';
import { importPdf } from './import-pdf';
import { HTML_LIMITS } from './import-limits';
import { parseMarkdown } from './import-markdown';
import { parseText } from './import-txt';
import { buildDocument, titleFromFileName, titleFromFirstBlock, type ImportedDocument, type ParsedContent } from './imported-document';
import { decodeText, readFileSafely, type ImportFormat, type ReadOptions } from './read-file-safely';
import { parseInWorker, type WorkerRunOptions } from './run-import-worker';

export type { ImportedDocument } from './imported-document';

export interface ImportOptions extends ReadOptions {
  docx?: DocxImportOptions;
  /** Worker options for HTML and PDF (limits and where the worker is). */
  worker?: WorkerRunOptions;
}

export interface ClipboardContent {
  text?: string;
  html?: string;
}

const CLIPBOARD_SOURCE = 'clipboard';

export async function importFile(filePath: string, options: ImportOptions = {}): Promise<Result<ImportedDocument>> {
  try {
    const file = await readFileSafely(filePath, options);
    if (!file.ok) return file;
    const { format, fileName, bytes } = file.value;
    if (format === 'docx') return await importDocx(bytes, fileName, options.docx);
    if (format === 'pdf') return await importPdf(bytes, fileName, options.worker);
    const decoded = decodeText(bytes, fileName, options);
    if (!decoded.ok) return decoded;
    const parsed = await parseTextFormat(format, decoded.value.text, options.worker);
    if (!parsed.ok) return parsed;
    parsed.value.warnings.unshift(...decoded.value.warnings);
    return buildDocument(parsed.value, { title: titleFromFileName(fileName), source: fileName });
  } catch (error) {
    return unexpected(error);
  }
}

/**
 * Pasted content; HTML is preferred when it yields any text, plain text otherwise. Pasted HTML
 * is parsed in the import worker, under the same limits as a file, and read as it is (no
 * reader-view extraction: a selection is what the user chose to paste).
 */
export async function importClipboard(content: ClipboardContent, options: WorkerRunOptions = {}): Promise<Result<ImportedDocument>> {
  try {
    const size = Math.max(Buffer.byteLength(content.html ?? ''), Buffer.byteLength(content.text ?? ''));
    if (size > MAX_IMPORT_BYTES) {
      return fail('too-large', tooLargeToImport('The pasted content'));
    }
    const candidates: ParsedContent[] = [];
    if (content.html !== undefined && content.html.trim() !== '') {
      const html = await parseInWorker({ kind: 'html', html: content.html, readerView: false, limits: HTML_LIMITS }, options);
      if (!html.ok) return html;
      candidates.push(html.value);
    }
    if (content.text !== undefined && content.text.trim() !== '') candidates.push(parseText(content.text));
    const chosen = candidates.find((candidate) => buildDocument(candidate, { title: '', source: '' }).ok);
    if (chosen === undefined) return fail('invalid-input', 'The clipboard holds no text to import.');
    return buildDocument(chosen, { title: titleFromFirstBlock(chosen.blocks), source: CLIPBOARD_SOURCE });
  } catch (error) {
    return unexpected(error);
  }
}

async function parseTextFormat(format: Exclude<ImportFormat, 'docx' | 'pdf'>, text: string, options: WorkerRunOptions = {}): Promise<Result<ParsedContent>> {
  switch (format) {
    case 'txt':
      return ok(parseText(text));
    case 'markdown':
      return ok(parseMarkdown(text));
    case 'html':
      return await parseInWorker({ kind: 'html', html: text, readerView: true, limits: HTML_LIMITS }, options);
  }
}

function unexpected(error: unknown): Result<never> {
  if (error instanceof AppFailure) return { ok: false, error: error.error };
  if (error instanceof RangeError) return fail('invalid-input', 'This document is structured too deeply or too oddly to import.', [error.message]);
  return fail('internal', 'The document could not be imported because of an unexpected error.', [String(error)]);
}
