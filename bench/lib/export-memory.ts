// Export of everything, per format, with its time and memory (#14): the library loaded once
// (loadBundle, as the app and CLI do), then every format written with exportBundle, sampling the
// heap every few ms and after every document, and the live heap (after a full GC) twenty times
// per export. "Live heap above the loaded library" is what the export itself holds on top of the
// documents it reads: flat when a format streams, growing with the library when an output is
// built as one string. The loaded library's own heap is its own row (it grows with the library:
// loadBundle reads every document and claim before the export starts). Peak heap used includes
// garbage V8 has not collected yet; peak RSS is the whole process's.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { EXPORT_FORMATS, EXPORT_FORMAT_IDS } from '../../src/shared/export-formats';
import type { ExportFormatId } from '../../src/core/interchange';
import { exportBundle } from '../../src/core/library-io/export-bundle';
import { loadBundle } from '../../src/core/library-io/load-bundle';
import type { Library } from '../../src/core/store/library';
import type { Figures } from './result';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** pdf prints the HTML report in Chromium; it is not part of this measure. */
export const EXPORT_EVERYTHING_FORMATS = EXPORT_FORMAT_IDS.filter((id): id is ExportFormatId => id !== 'pdf');

const MB = 1e6;
const heapNow = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** How many times an export stops for a full collection to read its live heap. */
const LIVE_SAMPLES = 20;

interface Sampled<T> {
  value: T;
  /** Wall time, less the full collections the sampling forced. */
  ms: number;
  /** Heap (JS heap + external buffers) right before, after a full collection. */
  before: number;
  /** Largest heap seen (garbage not yet collected included: what V8 chose to let grow). */
  peakHeap: number;
  /** Largest heap right after a full collection, read LIVE_SAMPLES times spread over the documents: what the export holds. */
  peakLive: number;
  peakRss: number;
}

/** Runs `work`, sampling memory every 5 ms (when the event loop turns) and after each document (`onDocument`). */
async function sampled<T>(work: (onDocument: (done: number, total: number) => void) => T | Promise<T>): Promise<Sampled<T>> {
  gc();
  const before = heapNow();
  let peakHeap = before;
  let peakLive = before;
  let peakRss = process.memoryUsage.rss();
  let gcMs = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, heapNow());
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  };
  const onDocument = (done: number, total: number) => {
    sample();
    if (done % Math.max(1, Math.floor(total / LIVE_SAMPLES)) !== 0) return;
    const t = performance.now();
    gc();
    peakLive = Math.max(peakLive, heapNow());
    gcMs += performance.now() - t;
  };
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  try {
    const value = await work(onDocument);
    sample();
    return { value, ms: performance.now() - t0 - gcMs, before, peakHeap, peakLive, peakRss };
  } finally {
    clearInterval(timer);
  }
}

/** Adds, for one library size: loading everything, then per format the time, the peak heap above the loaded library, the peak RSS. */
export async function measureExportEverything(f: Figures, library: Library, size: number, dir: string, growth: (key: string) => { baseline?: string }): Promise<Record<string, number>> {
  const fileMB: Record<string, number> = {};
  const loaded = await sampled(() => loadBundle(library, { documents: 'all' }));
  const bundle = loaded.value;
  gc();
  const held = heapNow();
  f.add(`loadEverything${size}`, `${size} articles: load every document and annotation for export (loadBundle)`, [loaded.ms], { role: 'diagnostic', ...growth('loadEverything') });
  f.add(`loadEverythingHeap${size}`, `${size} articles: heap held by the loaded library`, [(held - loaded.before) / MB], { unit: 'MB', role: 'diagnostic', ...growth('loadEverythingHeap') });
  for (const format of EXPORT_EVERYTHING_FORMATS) {
    const { output, extension, name } = EXPORT_FORMATS[format];
    const out = path.join(dir, `everything-${size}-${format}${output === 'folder' ? '' : extension}`);
    const run = await sampled((onDocument) => exportBundle(bundle, format, out, { generatedAt: '2025-06-04T00:00:00.000Z', onDocument }));
    const bytes = run.value.reduce((n, file) => n + fs.statSync(file).size, 0);
    fileMB[format] = +(bytes / MB).toFixed(1);
    fs.rmSync(out, { recursive: true, force: true });
    for (const file of run.value) fs.rmSync(file, { force: true });
    f.add(`everything_${format}${size}`, `${size} articles: export everything as ${name} (${fileMB[format]} MB, ${run.value.length} files)`, [run.ms], { ...growth(`everything_${format}`) });
    f.add(`everythingLive_${format}${size}`, `${size} articles: ${name}, live heap above the loaded library (peak of ${LIVE_SAMPLES} reads after a full GC)`, [(run.peakLive - held) / MB], { unit: 'MB', ...growth(`everythingLive_${format}`) });
    f.add(`everythingHeap_${format}${size}`, `${size} articles: ${name}, peak heap used above the loaded library (garbage not yet collected included)`, [(run.peakHeap - held) / MB], { unit: 'MB', role: 'diagnostic', ...growth(`everythingHeap_${format}`) });
    f.add(`everythingRss_${format}${size}`, `${size} articles: ${name}, peak RSS of the process`, [run.peakRss / MB], { unit: 'MB', role: 'diagnostic' });
  }
  return fileMB;
}
