// Import of real-world sizes: a 50-page two-column PDF with running heads and page numbers,
// and a 2 MB saved news page (story, comments, related links, inline scripts). Each is
// imported the way the app does it (parsed in the import worker under its limits) and
// compared with the same library's plain parse in the same run: pdf.js text extraction of
// every page, and parse5's tree of the page. Memory: the heap the parse grew by (peak heap
// used minus heap at the start; for the import, inside its worker).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parse } from 'parse5';
import { parseHtmlArticle } from '../../src/core/import/html-article';
import { importFile } from '../../src/core/import/import-file';
import { PDF_LIMITS } from '../../src/core/import/import-limits';
import type { WorkerMemorySample } from '../../src/core/import/import-worker-protocol';
import { parsePdf } from '../../src/core/import/pdf-parse';
import { buildPdf, column } from '../../test/pdf-builder';
import { buildDocx, type FixtureParagraph } from '../../test/import/docx-fixture-builder';
import { unzipSync } from 'fflate';
import { Figures, timeRuns } from '../lib/result';

const RUNS = 5;
/** Runs of a whole import (a worker each): slower, so fewer. */
const IMPORT_RUNS = 3;
const MB = 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const SENTENCES = [
  'The ministry said on Tuesday that the new rules would apply from the first of next month.',
  'Critics argued that the consultation had been too short and that smaller firms were not heard.',
  'According to the latest figures, unemployment fell slightly in the third quarter.',
  'A spokesperson for the opposition described the announcement as a distraction from rising prices.',
  'Independent analysts cautioned that the estimates rested on optimistic assumptions about growth.',
];
const paragraph = (i: number) => Array.from({ length: 4 }, (_, k) => SENTENCES[(i + k) % SENTENCES.length]).join(' ');

export function fiftyPagePdf(): Uint8Array {
  return buildPdf(
    Array.from({ length: 50 }, (_, page) => ({
      lines: [
        { text: 'Annual Report of the Electoral Commission', x: 72, y: 760, size: 9 },
        ...column(Array.from({ length: 4 }, (_, i) => paragraph(page * 8 + i)), 72, 720, 42),
        ...column(Array.from({ length: 4 }, (_, i) => paragraph(page * 8 + 4 + i)), 320, 720, 42),
        { text: `Page ${page + 1} of 50`, x: 280, y: 40, size: 9 },
      ],
    })),
  );
}

export function twoMegabyteNewsPage(): string {
  const story = Array.from({ length: 40 }, (_, i) => `<p>${paragraph(i)}</p>`).join('\n');
  const comments = Array.from({ length: 1200 }, (_, i) => `<article class="comment" id="c${i}"><header><a href="/u/${i}">reader${i}</a> <time>2 hours ago</time></header><p>${SENTENCES[i % 5]}</p><footer><button>Reply</button> <button>Like</button></footer></article>`).join('\n');
  const related = Array.from({ length: 300 }, (_, i) => `<li><a href="/story/${i}"><img src="/img/${i}.jpg" alt=""> Related story number ${i}</a></li>`).join('');
  const script = `<script>window.__data = ${JSON.stringify({ items: Array.from({ length: 4000 }, (_, i) => ({ id: i, headline: SENTENCES[i % 5] })) })};</script>`;
  let html = `<!doctype html><html><head><title>Ministry sets new rules | Daily Example</title><link rel="canonical" href="https://news.example/rules">${script}</head><body>
<header><nav>${Array.from({ length: 80 }, (_, i) => `<a href="/s${i}">Section ${i}</a>`).join(' ')}</nav></header>
<main><article><h1>Ministry sets new rules</h1><p class="byline">By A. Reporter</p>${story}</article>
<section class="comments"><h2>Comments</h2>${comments}</section></main>
<aside><ul>${related}</ul></aside><footer>© Daily Example</footer></body></html>`;
  while (Buffer.byteLength(html) < 2 * MB) html = html.replace('</body>', `<div class="ad" hidden>${'<span>advert</span>'.repeat(2000)}</div></body>`);
  return html;
}

/** A ~1 MB .docx of headings, list items and paragraphs (the bytes grow with the paragraph count). */
export function oneMegabyteDocx(): Uint8Array {
  const paragraphs = (count: number): FixtureParagraph[] =>
    Array.from({ length: count }, (_, i) => (i % 12 === 0 ? { text: SENTENCES[i % 5], style: 'Heading2' } : i % 7 === 0 ? { text: SENTENCES[i % 5], listLevel: i % 2 } : { text: paragraph(i).split(/(?<=\.) /) }));
  let count = 1000;
  let bytes = buildDocx(paragraphs(count), { title: 'Bench document' });
  for (let attempt = 0; attempt < 6 && Math.abs(bytes.length - MB) > MB * 0.05; attempt++) {
    count = Math.max(1, Math.round((count * MB) / bytes.length));
    bytes = buildDocx(paragraphs(count), { title: 'Bench document' });
  }
  return bytes;
}

/** Peak heap growth (MiB) of an in-process run, sampled by the callback it is given. */
async function heapGrowth(fn: (sample: () => void) => Promise<unknown> | unknown): Promise<number> {
  gc();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  await fn(sample);
  sample();
  return (peak - start) / MB;
}

/** Peak heap growth (MiB) inside the import worker, from its memory reports (from pdf.js loaded, for PDFs). */
function workerGrowth(samples: readonly WorkerMemorySample[]): number {
  const from = Math.max(0, samples.findIndex((s) => s.phase === 'pdf.js loaded'));
  const start = samples[from]?.heapUsedMb ?? 0;
  return Math.max(...samples.slice(from).map((s) => s.heapUsedMb)) - start;
}

/** The worker as the app runs it (bundled by `npm run build`, no TypeScript loader), if built. */
function bundledWorker(): URL | undefined {
  const file = path.join(__dirname, '../../out/main/import-worker.js');
  return existsSync(file) ? pathToFileURL(file) : undefined;
}

async function plainPdfJs(bytes: Uint8Array, sample: () => void = () => undefined): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  let items = 0;
  for (let n = 1; n <= document.numPages; n++) {
    items += (await (await document.getPage(n)).getTextContent()).items.length;
    sample();
  }
  await document.destroy();
  return items;
}

/** The worker from sources (through tsx, as in tests) and, when built, as bundled for the app. */
function loaders(): Array<[id: string, url: URL | undefined, how: string]> {
  const bundled = bundledWorker();
  return bundled === undefined ? [['', undefined, 'tsx-loaded']] : [['', undefined, 'tsx-loaded'], ['Bundled', bundled, 'bundled (out/main)']];
}

export async function run() {
  const f = new Figures('import');
  const dir = mkdtempSync(path.join(tmpdir(), 'claimtag-bench-import-'));
  try {
    const pdf = fiftyPagePdf();
    const pdfFile = path.join(dir, 'report.pdf');
    writeFileSync(pdfFile, pdf);
    // pdf.js in this thread first needs the worker module it would otherwise load itself.
    await parsePdf(buildPdf([{ lines: [{ text: 'warm', x: 72, y: 700 }] }]), PDF_LIMITS);
    f.baseline('pdfPlain', 'pdf.js getTextContent of all 50 pages, in-process', await timeRuns(RUNS, () => plainPdfJs(pdf)));
    f.add('pdfInProcess', 'PDF layout (columns, paragraphs, heads), in-process, no worker', await timeRuns(RUNS, () => parsePdf(pdf, PDF_LIMITS)), { baseline: 'pdfPlain', role: 'diagnostic' });
    const pdfSamples: WorkerMemorySample[][] = [];
    for (const [id, workerUrl, how] of loaders()) {
      f.add(
        `pdfImport${id}`,
        `importFile of a 50-page PDF (${(pdf.length / 1e6).toFixed(2)} MB): ${how} worker start, pdf.js, layout`,
        await timeRuns(IMPORT_RUNS, async () => {
          const samples: WorkerMemorySample[] = [];
          const result = await importFile(pdfFile, { worker: { onMemory: (s) => samples.push(s), ...(workerUrl ? { workerUrl } : {}) } });
          if (!result.ok) throw new Error(result.error.message);
          pdfSamples.push(samples);
        }),
        { baseline: 'pdfPlain' },
      );
    }
    f.baseline('pdfPlainHeap', 'heap grown by the plain pdf.js parse', [await heapGrowth((sample) => plainPdfJs(pdf, sample))], { unit: 'MB' });
    f.add('pdfImportHeap', 'heap grown in the import worker (PDF)', pdfSamples.map(workerGrowth), { unit: 'MB', baseline: 'pdfPlainHeap' });

    const html = twoMegabyteNewsPage();
    const htmlFile = path.join(dir, 'page.html');
    writeFileSync(htmlFile, html);
    f.baseline('htmlPlain', 'parse5 parse of the 2 MB page, in-process', await timeRuns(RUNS, () => parse(html)));
    f.add('htmlInProcess', 'reader view (limits, Readability on linkedom, blocks), in-process', await timeRuns(RUNS, () => parseHtmlArticle(html)), { baseline: 'htmlPlain', role: 'diagnostic' });
    const htmlSamples: WorkerMemorySample[][] = [];
    for (const [id, workerUrl, how] of loaders()) {
      f.add(
        `htmlImport${id}`,
        `importFile of a ${(Buffer.byteLength(html) / 1e6).toFixed(1)} MB saved news page: ${how} worker start, reader view`,
        await timeRuns(IMPORT_RUNS, async () => {
          const samples: WorkerMemorySample[] = [];
          const result = await importFile(htmlFile, { worker: { onMemory: (s) => samples.push(s), ...(workerUrl ? { workerUrl } : {}) } });
          if (!result.ok) throw new Error(result.error.message);
          htmlSamples.push(samples);
        }),
        { baseline: 'htmlPlain' },
      );
    }
    f.baseline('htmlPlainHeap', 'heap grown by the plain parse5 parse', [await heapGrowth(() => parse(html))], { unit: 'MB' });
    f.add('htmlInProcessHeap', 'heap grown by the reader view, in-process', [await heapGrowth(() => parseHtmlArticle(html))], { unit: 'MB', baseline: 'htmlPlainHeap', role: 'diagnostic' });
    f.add('htmlImportHeap', 'heap grown in the import worker (HTML; sampled at start and end only)', htmlSamples.map(workerGrowth), { unit: 'MB', baseline: 'htmlPlainHeap' });

    const docx = oneMegabyteDocx();
    const docxFile = path.join(dir, 'article.docx');
    writeFileSync(docxFile, docx);
    f.baseline('docxUnzip', `unzip of the same .docx (fflate, in-process)`, await timeRuns(RUNS, () => unzipSync(docx)));
    f.add('docxImport', `importFile of a ${(docx.length / 1e6).toFixed(2)} MB .docx: worker start, unzip, XML walk, blocks`, await timeRuns(IMPORT_RUNS, async () => {
      const result = await importFile(docxFile);
      if (!result.ok) throw new Error(result.error.message);
    }), { baseline: 'docxUnzip' });
    return { figures: f.list, details: { docxBytes: docx.length, pdfBytes: pdf.length, htmlBytes: Buffer.byteLength(html), bundledWorker: bundledWorker() !== undefined } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
