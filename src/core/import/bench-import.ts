// Import timing for a ~1 MB HTML article and a ~1 MB .docx (file on disk → ImportedDocument).
// Run: npx tsx src/core/import/bench-import.ts [runs]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildDocx, type FixtureParagraph } from './docx-fixture-builder';
import { importFile } from './import-file';

const WORDS = (
  'the minister said budget election officials reported turnout percent opposition alleged irregularities ' +
  'government spokesperson confirmed sources according analysts claimed evidence province parliament vote ' +
  'committee investigation statement denied accused report figures ministry economy inflation border security ' +
  'وزیر انتخابات حکومت بیان رپورٹ'
).split(' ');

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 20);
  const words = Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)] ?? 'x');
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${random() < 0.1 ? ` (${Math.floor(random() * 10000)})` : ''}.`;
}

function paragraphText(random: () => number): string {
  return Array.from({ length: 2 + Math.floor(random() * 4) }, () => sentence(random)).join(' ');
}

function htmlArticle(targetBytes: number): string {
  const random = rng(1);
  const head =
    '<!doctype html><html><head><meta charset="utf-8"><title>Bench article</title>' +
    '<meta property="og:title" content="Bench article"><link rel="canonical" href="https://news.example/bench">' +
    `<script>${'var x = 1;'.repeat(2000)}</script><style>${'p{color:red}'.repeat(1000)}</style></head>` +
    `<body><header><nav>${'<a href="/s">Section</a>'.repeat(100)}</nav></header><main><article><h1>Bench article</h1>`;
  const tail = '</article></main><footer>Footer</footer></body></html>';
  const parts: string[] = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < targetBytes; i++) {
    let part: string;
    if (i % 12 === 0) part = `<h2>${sentence(random)}</h2>`;
    else if (i % 7 === 0) part = `<ul><li>${sentence(random)}</li><li>${sentence(random)}<ul><li>${sentence(random)}</li></ul></li></ul>`;
    else if (i % 9 === 0) part = `<blockquote><p>${sentence(random)}</p></blockquote>`;
    else part = `<p>${paragraphText(random).replace(/ (said|claimed) /g, ' <a href="https://x.example/">$1</a> ')}</p>`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  parts.push(tail);
  return parts.join('');
}

function docxParagraphs(count: number): FixtureParagraph[] {
  const random = rng(2);
  return Array.from({ length: count }, (_, i) => {
    if (i % 12 === 0) return { text: sentence(random), style: 'Heading2' };
    if (i % 7 === 0) return { text: sentence(random), listLevel: i % 2 };
    return { text: paragraphText(random).split(/(?<=\.) /) };
  });
}

/** Grows the paragraph count until the .docx is about targetBytes. */
function docxOfSize(targetBytes: number): Uint8Array {
  let count = 1000;
  let bytes = buildDocx(docxParagraphs(count), { title: 'Bench document' });
  for (let attempt = 0; attempt < 6 && Math.abs(bytes.length - targetBytes) > targetBytes * 0.05; attempt++) {
    count = Math.max(1, Math.round((count * targetBytes) / bytes.length));
    bytes = buildDocx(docxParagraphs(count), { title: 'Bench document' });
  }
  return bytes;
}

async function time(label: string, filePath: string, runs: number, bytes: number): Promise<void> {
  const timings: number[] = [];
  let summary = '';
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const result = await importFile(filePath);
    timings.push(performance.now() - start);
    if (!result.ok) throw new Error(`${label}: ${result.error.message}`);
    summary = `${result.value.blocks.length} blocks, ${result.value.text.length} chars`;
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `${label}: ${(bytes / 1024 / 1024).toFixed(2)} MB → ${summary}; median ${median.toFixed(0)} ms, ` +
      `min ${(sorted[0] ?? 0).toFixed(0)} ms, max ${(sorted[sorted.length - 1] ?? 0).toFixed(0)} ms over ${runs} runs (first ${(timings[0] ?? 0).toFixed(0)} ms)`,
  );
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 7);
  const dir = await mkdtemp(path.join(tmpdir(), 'claimtag-bench-'));
  try {
    const html = htmlArticle(1024 * 1024);
    const htmlPath = path.join(dir, 'article.html');
    await writeFile(htmlPath, html);
    const docx = docxOfSize(1024 * 1024);
    const docxPath = path.join(dir, 'article.docx');
    await writeFile(docxPath, docx);
    await time('html', htmlPath, runs, Buffer.byteLength(html));
    await time('docx', docxPath, runs, docx.length);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
