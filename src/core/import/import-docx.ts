// .docx import. The archive is untrusted, so it is unpacked and parsed in a worker thread
// with a V8 heap limit and a wall-clock timeout; the zip reader itself refuses oversized or
// absurdly compressed entries before inflating (inflated bytes live outside the V8 heap, so
// resourceLimits alone would not stop a zip bomb).
//
// How the worker is found (see docxWorkerLocation):
// - from TypeScript sources (vitest, `npx tsx`): ./docx-worker.ts next to this file, started
//   with `--require tsx/cjs` so Node can load .ts;
// - from a bundle: ./docx-worker.js next to the bundled file that contains this module, with
//   no loader. The electron-vite main build must therefore emit the worker as its own entry
//   beside the main entry, e.g. in electron.vite.config.ts:
//     main: { build: { rollupOptions: { input: {
//       index: 'src/main/index.ts',
//       'docx-worker': 'src/core/import/docx-worker.ts',
//     } } } }
//   so out/main/docx-worker.js sits next to out/main/index.js. Its dependency `saxes` is a
//   runtime dependency (externalised, loaded from node_modules) or bundled into it. If the app
//   is packaged into an asar archive, list out/main/docx-worker.js under asarUnpack unless
//   loading workers from asar has been checked. Callers may also pass options.workerUrl.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fail, type Result } from '../../shared/result';
import type { DocxWorkerInput, DocxWorkerMessage, WorkerMemorySample } from './docx-worker-protocol';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './docx-zip';
import { buildDocument, titleFromFileName, type ImportedDocument, type ParsedContent } from './imported-document';

export const DOCX_TIMEOUT_MS = 15_000;
export const DOCX_WORKER_HEAP_MB = 256;
/** File name of the bundled worker, next to the bundle that contains this module. */
export const DOCX_WORKER_FILE = 'docx-worker.js';

export interface DocxImportOptions {
  timeoutMs?: number;
  maxOldGenerationSizeMb?: number;
  limits?: Partial<ZipLimits>;
  /** Where the worker script is, if not in the default place (see the comment at the top). */
  workerUrl?: URL;
  /** Receives the worker's memory at each phase (start, each part read, parsed/failed). */
  onMemory?: (sample: WorkerMemorySample) => void;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

export async function importDocx(bytes: Uint8Array, fileName: string, options: DocxImportOptions = {}): Promise<Result<ImportedDocument>> {
  if (startsWith(bytes, OLE_MAGIC)) {
    return fail('unsupported', 'This is an old Word .doc file or a password-protected document; save it as .docx (without a password) and import it again.');
  }
  if (!startsWith(bytes, ZIP_MAGIC)) return fail('unsupported', 'This file is not a Word document (.docx), although its name ends in .docx.');
  const parsed = await parseDocxInWorker(bytes, options);
  if (!parsed.ok) return parsed;
  return buildDocument(parsed.value, { title: titleFromFileName(fileName), source: fileName });
}

export function docxWorkerLocation(): { url: URL; execArgv: string[] } {
  // __filename (not import.meta) so the module loads under every runner: vitest, tsx,
  // Playwright's transpiler and the bundled CommonJS main process.
  const here = pathToFileURL(__filename).href;
  if (/\.[cm]?tsx?$/.test(new URL(here).pathname)) {
    // Node 20 does not apply `--import` module hooks inside workers; tsx's CommonJS
    // require hook works in-thread, so the worker source is loaded through it.
    return { url: new URL('./docx-worker.ts', here), execArgv: ['--require', createRequire(here).resolve('tsx/cjs')] };
  }
  // A non-literal file name keeps bundlers from rewriting this URL into an asset.
  const bundled = DOCX_WORKER_FILE;
  return { url: new URL(`./${bundled}`, here), execArgv: [] };
}

export function parseDocxInWorker(bytes: Uint8Array, options: DocxImportOptions = {}): Promise<Result<ParsedContent>> {
  const location = docxWorkerLocation();
  const input: DocxWorkerInput = { bytes, limits: { ...DEFAULT_ZIP_LIMITS, ...options.limits } };
  const timeoutMs = options.timeoutMs ?? DOCX_TIMEOUT_MS;

  return new Promise((resolve) => {
    let settled = false;
    let worker: Worker;
    try {
      worker = new Worker(options.workerUrl ?? location.url, {
        workerData: input,
        execArgv: options.workerUrl ? [] : location.execArgv,
        resourceLimits: { maxOldGenerationSizeMb: options.maxOldGenerationSizeMb ?? DOCX_WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      });
    } catch (error) {
      resolve(fail('internal', 'The Word document reader could not be started.', [String(error)]));
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
      finish(fail('too-large', `Reading this Word document took longer than ${Math.round(timeoutMs / 1000)} seconds, so it was stopped.`));
    }, timeoutMs);

    worker.on('message', (message: DocxWorkerMessage) => {
      if (message.type === 'memory') options.onMemory?.(message.sample);
      else finish(message.result);
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(fail('too-large', 'This Word document needs more memory than allowed to read, so it was stopped.'));
      } else {
        finish(fail('internal', 'The Word document could not be read.', [error.message]));
      }
    });
    worker.on('exit', (code) => finish(fail('internal', 'The Word document reader stopped unexpectedly.', [`exit code ${code}`])));
  });
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}
