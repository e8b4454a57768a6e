// PDF → blocks with pdf.js, run inside the import worker (run-import-worker.ts) under the
// heap and time limits of import-limits.ts. pdf.js runs its own parser in this same thread
// (no nested worker), evaluates no code (isEvalSupported: false), loads no fonts, fetches
// nothing, and has no scripting: a PDF's JavaScript is never run, only reported.
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppFailure } from '../../shared/result';
import type { StructureLimits } from './import-limits';
import type { ParsedContent } from './imported-document';
import type { RawBlock } from './normalize-text';
import { layoutPdfText, type PdfPageText, type PdfTextRun } from './pdf-layout';

type PdfJs = typeof PdfJsModule;

let pdfjs: PdfJs | undefined;

/**
 * pdf.js's display layer builds one DOMMatrix when it loads (for drawing, which this never
 * does). Node has no DOMMatrix; pdf.js borrows one from the optional native canvas package
 * when that is installed. Without it, an inert stand-in lets the module load: text
 * extraction never uses it, and any drawing call would fail loudly rather than wrongly.
 */
class NoDrawingMatrix {}

async function loadPdfJs(): Promise<PdfJs> {
  if (pdfjs === undefined) {
    const scope = globalThis as { DOMMatrix?: unknown };
    scope.DOMMatrix ??= NoDrawingMatrix;
    // pdf.js looks for globalThis.pdfjsWorker before it would spawn or import a worker of its
    // own: with it set, the document is parsed in this (already limited) thread.
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = { WorkerMessageHandler: worker.WorkerMessageHandler };
    pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  }
  return pdfjs;
}

/** pdfjs-dist's CMap and standard-font folders, as directory paths ending in a separator. */
function pdfjsData(): { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string; useWorkerFetch?: boolean } {
  try {
    const root = path.dirname(createRequire(__filename).resolve('pdfjs-dist/package.json'));
    return { cMapUrl: path.join(root, 'cmaps') + path.sep, cMapPacked: true, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep, useWorkerFetch: false };
  } catch {
    return {};
  }
}

const failure = (code: 'unsupported' | 'invalid-input' | 'too-large', message: string, details?: string[]): AppFailure =>
  new AppFailure(details === undefined ? { code, message } : { code, message, details });

/** Script-carrying PDFs are refused outright: none of their code runs, and none of their text is taken. */
export const SCRIPTED_PDF_MESSAGE =
  'This PDF carries scripts (JavaScript), so claimtag does not import it; nothing in it was run. Print it to a new PDF (Print › Save as PDF), which leaves the scripts out, and import that.';
export const NO_TEXT_LAYER_MESSAGE =
  'This PDF has no text layer (it is probably a scan or a photo of pages), so there is no text to import; run it through OCR first and import the result.';

export async function parsePdf(bytes: Uint8Array, limits: StructureLimits, onProgress?: (phase: string) => void): Promise<ParsedContent> {
  const lib = await loadPdfJs();
  onProgress?.('pdf.js loaded');
  const task = lib.getDocument({
    // pdf.js takes ownership of (and may detach) the buffer it is given.
    data: new Uint8Array(bytes),
    // Predefined CJK character maps (read from pdfjs-dist's own folder, never fetched): without
    // them Japanese, Chinese and Korean text comes out as mojibake.
    ...pdfjsData(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    stopAtErrors: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw openFailure(error);
  }
  try {
    if (document.numPages > limits.maxNodes) {
      throw failure('too-large', `This PDF has ${document.numPages.toLocaleString('en')} pages; claimtag imports at most ${limits.maxNodes.toLocaleString('en')} at once.`);
    }
    const warnings: string[] = [];
    if (await hasScripts(document)) throw failure('unsupported', SCRIPTED_PDF_MESSAGE);

    const pages: PdfPageText[] = [];
    let chars = 0;
    let pagesWithoutText = 0;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      if ((await hasScripts(page)) || (await annotationsHaveScripts(page))) throw failure('unsupported', SCRIPTED_PDF_MESSAGE);
      const content = await page.getTextContent();
      const runs: PdfTextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        const size = Math.hypot(c ?? 0, d ?? 0) || Math.hypot(a ?? 0, b ?? 0);
        runs.push({ text: item.str, x: e ?? 0, y: f ?? 0, width: item.width, size });
        chars += item.str.length;
      }
      if (chars > limits.maxTextChars) throw failure('too-large', 'This PDF holds more text than claimtag imports at once.');
      if (!runs.some((run) => run.text.trim() !== '')) pagesWithoutText++;
      const [left = 0, bottom = 0, right = 0, top = 0] = page.view;
      pages.push({ runs, box: [left, bottom, right, top] });
      page.cleanup();
      if (number % 10 === 0) onProgress?.(`read page ${number} of ${document.numPages}`);
    }
    if (pagesWithoutText === pages.length) throw failure('unsupported', NO_TEXT_LAYER_MESSAGE);
    if (pagesWithoutText > 0) {
      warnings.push(`${pagesWithoutText} of ${pages.length} pages have no text layer (scanned pages?); their content is not in the imported text.`);
    }
    const blocks = layoutPdfText(pages);
    const title = await documentTitle(document, blocks);
    return title === undefined ? { blocks, warnings } : { blocks, warnings, title };
  } finally {
    await document.destroy().catch(() => undefined);
  }
}

function openFailure(error: unknown): AppFailure {
  if (error instanceof AppFailure) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const detail = String((error as { message?: unknown } | null)?.message ?? error);
  if (name === 'PasswordException') {
    return failure('unsupported', 'This PDF is protected by a password; open it, save a copy without the password, and import that.', [detail]);
  }
  return failure('invalid-input', 'This PDF is damaged or is not a PDF, so it cannot be read.', [detail]);
}

/** Whether any script action is attached to the document or a page (pdf.js never runs them here). */
async function hasScripts(holder: { getJSActions(): Promise<object | null> }): Promise<boolean> {
  const actions = await holder.getJSActions().catch(() => null);
  return actions !== null && Object.keys(actions).length > 0;
}

/** Script actions on a page's annotations (links, form fields). */
async function annotationsHaveScripts(page: { getAnnotations(): Promise<unknown[]> }): Promise<boolean> {
  const annotations = await page.getAnnotations().catch(() => []);
  return annotations.some((annotation) => {
    const { actions } = annotation as { actions?: object };
    return actions !== undefined && actions !== null && Object.keys(actions).length > 0;
  });
}

/**
 * The title the PDF declares, when its first page shows it (producers often leave a file name
 * such as "Microsoft Word - report.docx" or "Issue13201" there), else the first heading.
 */
async function documentTitle(document: { getMetadata(): Promise<{ info: object }> }, blocks: readonly RawBlock[]): Promise<string | undefined> {
  const metadata = await document.getMetadata().catch(() => undefined);
  const declared = (metadata?.info as { Title?: unknown } | undefined)?.Title;
  const opening = blocks.slice(0, 12).map((block) => block.text.toLowerCase()).join('\n');
  if (typeof declared === 'string' && declared.trim() !== '' && opening.includes(declared.trim().toLowerCase())) return declared;
  return blocks.slice(0, 12).find((block) => block.kind === 'heading')?.text;
}
