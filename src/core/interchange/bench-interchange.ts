// Export timings for 10,000 annotations on a ~1 MB document: npx tsx src/core/interchange/bench-interchange.ts
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Annotation, Bundle } from '../../shared/types';
import { exportFormats, importFormats } from './index';
import { LABELS, SAMPLE_ARTICLE_PATH, makeDocument } from './test-bundle';

const ANNOTATIONS = 10_000;
const article = readFileSync(SAMPLE_ARTICLE_PATH, 'utf8');
const text = `${article} 😀 اردو\n`.repeat(Math.ceil(1_000_000 / article.length)).slice(0, 1_000_000);
const doc = makeDocument('big', 'Benchmark', 'bench', text);

const annotations: Annotation[] = [];
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = 0; i < ANNOTATIONS; i++) {
  let start = Math.floor(random() * (text.length - 400));
  let end = start + 20 + Math.floor(random() * 300);
  if (/[\udc00-\udfff]/.test(text[start])) start++;
  if (/[\udc00-\udfff]/.test(text[end])) end++;
  annotations.push({
    id: `a${i}`, documentId: 'big', annotatorId: i % 3 === 0 ? 'u2' : 'u1', annotatorName: i % 3 === 0 ? 'Bilal' : 'Ayesha',
    labelId: LABELS[i % 3].id, start, end, quote: text.slice(start, end), prefix: '', suffix: '',
    note: i % 5 === 0 ? `Note ${i} <b>&</b>` : '', attribution: i % 7 === 0 ? 'Officials' : '', confidence: i % 2 ? 'high' : null,
    createdAt: '2025-06-02T10:00:00.000Z', updatedAt: '2025-06-02T10:00:00.000Z', deletedAt: null,
  });
}
const bundle: Bundle = { documents: [doc], annotators: [{ id: 'u1', name: 'Ayesha' }, { id: 'u2', name: 'Bilal' }], labels: LABELS, annotations };

function time<T>(f: () => T): { ms: number; result: T } {
  f(); // warm-up
  const runs = 3;
  const t0 = performance.now();
  let result = f();
  for (let i = 1; i < runs; i++) result = f();
  return { ms: (performance.now() - t0) / runs, result };
}

console.log(`document: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB UTF-8, ${ANNOTATIONS} annotations`);
console.log('format        export ms   size MB   import ms');
for (const format of Object.values(exportFormats)) {
  const { ms, result } = time(() => format.export(bundle, { generatedAt: '2025-06-04T00:00:00.000Z' }));
  const files = result.kind === 'file' ? { main: result.text } : result.files;
  const size = Object.values(files).reduce((n, s) => n + Buffer.byteLength(s), 0);
  let importMs = '';
  const importer = format.id in importFormats ? importFormats[format.id as keyof typeof importFormats] : undefined;
  if (importer && result.kind === 'file') {
    const r = time(() => importer.import(result.text, { documents: [{ ref: 'big', text }] }));
    importMs = r.result.ok ? r.ms.toFixed(0) : `failed: ${r.result.error.message}`;
  } else if (importer && result.kind === 'files') {
    const ann = Object.keys(files).filter((k) => k.endsWith('.ann'));
    const r = time(() => ann.map((k) => importer.import(files[k], { annotator: 'x', companionText: files[k.replace(/\.ann$/, '.txt')] })));
    importMs = r.result.every((x) => x.ok) ? r.ms.toFixed(0) : 'failed';
  }
  console.log(`${format.id.padEnd(12)} ${ms.toFixed(0).padStart(9)} ${(size / 1e6).toFixed(2).padStart(9)} ${importMs.padStart(11)}`);
}
