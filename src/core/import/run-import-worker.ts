// Runs one document parser (Word, HTML, PDF) in a worker thread with a V8 heap limit and a
// wall-clock timeout (the limits live in import-limits.ts), so a hostile or huge document can
// only cost that thread, never the process that serves the UI. The zip reader additionally
// refuses oversized or absurdly compressed entries before inflating (inflated bytes live
// outside the V8 heap, so resourceLimits alone would not stop a zip bomb).
//
// How the worker is found (see importWorkerLocation):
// - from TypeScript sources (vitest, `npx tsx`): ./import-worker.ts next to this file, started
//   with `--require tsx/cjs` so Node can load .ts;
// - from a bundle: ./import-worker.js next to the bundled file that contains this module, with
//   no loader. The electron-vite main build emits the worker as its own entry beside the main
//   entry (electron.vite.config.ts), so out/main/import-worker.js sits next to
//   out/main/index.js. Callers may also pass options.workerUrl.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fail, type Result } from '../../shared/result';
import { IMPORT_TIMEOUT_MS, IMPORT_WORKER_HEAP_MB, IMPORT_WORKER_STACK_MB, IMPORT_WORKER_YOUNG_HEAP_MB } from './import-limits';
import type { ImportWorkerJob, ImportWorkerKind, ImportWorkerMessage, WorkerMemorySample } from './import-worker-protocol';
import type { ParsedContent } from './imported-document';

/** File name of the bundled worker, next to the bundle that contains this module. */
export const IMPORT_WORKER_FILE = 'import-worker.js';

export interface WorkerRunOptions {
  timeoutMs?: number;
  maxOldGenerationSizeMb?: number;
  /** Where the worker script is, if not in the default place (see the comment at the top). */
  workerUrl?: URL;
  /** Receives the worker's memory at each phase (start, each part read, parsed/failed). */
  onMemory?: (sample: WorkerMemorySample) => void;
}

/** What the user calls each kind of document, for messages. */
const DOCUMENT_NOUN: Record<ImportWorkerKind, string> = {
  docx: 'Word document',
  html: 'web page',
  pdf: 'PDF',
};

export function importWorkerLocation(): { url: URL; execArgv: string[] } {
  // __filename (not import.meta) so the module loads under every runner: vitest, tsx,
  // Playwright's transpiler and the bundled CommonJS main process.
  const here = pathToFileURL(__filename).href;
  if (/\.[cm]?tsx?$/.test(new URL(here).pathname)) {
    // Node 20 does not apply `--import` module hooks inside workers; tsx's CommonJS
    // require hook works in-thread, so the worker source is loaded through it.
    return { url: new URL('./import-worker.ts', here), execArgv: ['--require', createRequire(here).resolve('tsx/cjs')] };
  }
  // A non-literal file name keeps bundlers from rewriting this URL into an asset.
  const bundled = IMPORT_WORKER_FILE;
  return { url: new URL(`./${bundled}`, here), execArgv: [] };
}

export function parseInWorker(job: ImportWorkerJob, options: WorkerRunOptions = {}): Promise<Result<ParsedContent>> {
  const location = importWorkerLocation();
  const timeoutMs = options.timeoutMs ?? IMPORT_TIMEOUT_MS;
  const noun = DOCUMENT_NOUN[job.kind];

  return new Promise((resolve) => {
    let settled = false;
    let worker: Worker;
    try {
      worker = new Worker(options.workerUrl ?? location.url, {
        workerData: job,
        execArgv: options.workerUrl ? [] : location.execArgv,
        resourceLimits: {
          maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? IMPORT_WORKER_HEAP_MB,
          maxYoungGenerationSizeMb: IMPORT_WORKER_YOUNG_HEAP_MB,
          stackSizeMb: IMPORT_WORKER_STACK_MB,
        },
      });
    } catch (error) {
      resolve(fail('internal', `The ${noun} reader could not be started.`, [String(error)]));
      return;
    }
    const finish = (result: Result<ParsedContent>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      finish(fail('too-large', `Reading this ${noun} took longer than ${Math.round(timeoutMs / 1000)} seconds, so it was stopped.`));
    }, timeoutMs);

    worker.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'memory') options.onMemory?.(message.sample);
      else finish(message.result);
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(fail('too-large', `This ${noun} needs more memory than allowed to read, so it was stopped.`));
      } else {
        finish(fail('internal', `The ${noun} could not be read.`, [error.message]));
      }
    });
    worker.on('exit', (code) => finish(fail('internal', `The ${noun} reader stopped unexpectedly.`, [`exit code ${code}`])));
  });
}
