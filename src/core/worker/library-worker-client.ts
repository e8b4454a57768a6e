// Starts the library's own thread (library-worker.ts) and forwards calls to it: the caller's
// thread (Electron's main) never waits on SQLite. The same code runs under plain Node, so
// tests and the bench exercise the path the app takes.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fail, type Result } from '../../shared/result';
import type { Dispatch } from '../api/dispatch';
import type { HostPorts } from '../api/host-ports';
import type { FromWorker, LibraryWorkerData, ToWorker } from './protocol';

/** File name of the bundled worker, next to the bundle that contains this module (electron.vite.config.ts). */
export const LIBRARY_WORKER_FILE = 'library-worker.js';

/**
 * Calls that can run long and are self-contained: they run in the jobs thread, on its own
 * connection, so reads and tags keep being answered meanwhile. (importChosenFile stays with the
 * library thread: the file tokens of chooseImportFiles live there.)
 */
export const LONG_METHODS: ReadonlySet<string> = new Set(['importFileData', 'exportDocuments', 'cancelExport']);

export interface LibraryWorkerOptions extends Omit<LibraryWorkerData, 'ports' | 'role'> {
  ports?: Partial<HostPorts>;
  onInternalError?: (message: string) => void;
}

export interface LibraryWorker {
  /** Same shape as the in-process dispatch: validated call in, Result out. */
  dispatch: Dispatch;
  /** Resolves once the worker has opened the library (or failed to, which calls then report). */
  ready: Promise<void>;
  /** Closes the library and ends the thread. */
  close(): Promise<void>;
}

function workerLocation(): { url: URL; execArgv: string[] } {
  const here = pathToFileURL(__filename).href;
  if (/\.[cm]?tsx?$/.test(new URL(here).pathname)) {
    // Running from TypeScript sources (tests, bench): the worker loads through tsx's require hook.
    return { url: new URL('./library-worker.ts', here), execArgv: ['--require', createRequire(here).resolve('tsx/cjs')] };
  }
  const bundled = LIBRARY_WORKER_FILE; // a non-literal name keeps bundlers from rewriting the URL
  return { url: new URL(`./${bundled}`, here), execArgv: [] };
}

/** The library thread, and the jobs thread started on the first long call. */
export function startLibraryWorker(options: LibraryWorkerOptions): LibraryWorker {
  const library = startThread({ ...options, role: 'library' });
  let jobs: LibraryWorker | null = null;
  return {
    ready: library.ready,
    dispatch: (method, payload) => {
      if (!LONG_METHODS.has(method)) return library.dispatch(method, payload);
      // the library thread opens (and migrates) the file first; the jobs thread then only opens it
      return library.ready.then(() => {
        jobs ??= startThread({ ...options, role: 'jobs' });
        return jobs.dispatch(method, payload);
      });
    },
    async close() {
      await Promise.all([jobs?.close(), library.close()]);
    },
  };
}

function startThread(options: LibraryWorkerOptions & { role: LibraryWorkerData['role'] }): LibraryWorker {
  const { ports = {}, onInternalError = () => {}, ...data } = options;
  const location = workerLocation();
  const workerData: LibraryWorkerData = { ...data, ports: Object.keys(ports) as Array<keyof HostPorts> };
  const worker = new Worker(location.url, { workerData, execArgv: location.execArgv });
  const send = (message: ToWorker) => worker.postMessage(message);
  let nextId = 0;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let exited = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));

  worker.on('message', (message: FromWorker) => {
    switch (message.type) {
      case 'ready':
        markReady();
        break;
      case 'result':
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
        break;
      case 'port': {
        const fn = ports[message.name] as ((...args: unknown[]) => Promise<unknown>) | undefined;
        const reply = (m: ToWorker) => !exited && send(m);
        if (!fn) reply({ type: 'port-result', id: message.id, ok: true, value: null });
        else
          fn(...message.args).then(
            (value) => reply({ type: 'port-result', id: message.id, ok: true, value }),
            (err: unknown) => reply({ type: 'port-result', id: message.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
          );
        break;
      }
      case 'internal-error':
        onInternalError(message.message);
        break;
      case 'closed':
        break;
    }
  });
  worker.on('error', (err) => onInternalError(err.stack ?? err.message));
  worker.on('exit', () => {
    exited = true;
    markReady();
    markClosed();
    for (const answer of pending.values()) answer(fail('internal', 'The library stopped unexpectedly; restart claimtag. Everything saved before is kept.'));
    pending.clear();
  });

  return {
    ready,
    dispatch: (method, payload) =>
      new Promise((resolve) => {
        if (exited) return resolve(fail('internal', 'The library is closed.'));
        const id = nextId++;
        pending.set(id, resolve);
        send({ type: 'call', id, method, payload });
      }),
    async close() {
      if (!exited) send({ type: 'close' });
      await closed;
    },
  };
}
