// Starts the library's own thread (library-worker.ts) and forwards calls to it: the caller's
// thread (Electron's main) never waits on SQLite. The same code runs under plain Node, so
// tests and the bench exercise the path the app takes.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fail, ok, type Result } from '../../shared/result';
import { contract } from '../../shared/contract';
import type { JobEvent } from '../../shared/jobs';
import { jobNumber, markCancelled, newCancelBoard } from '../jobs/job-runner';
import type { Dispatch } from '../api/dispatch';
import type { HostPorts } from '../api/host-ports';
import type { FromWorker, LibraryWorkerData, ToWorker } from './protocol';

/** File name of the bundled worker, next to the bundle that contains this module (electron.vite.config.ts). */
export const LIBRARY_WORKER_FILE = 'library-worker.js';

/**
 * Calls that can run long and are self-contained: they run in the jobs thread, on its own
 * connection, so reads and tags keep being answered meanwhile. The dialog import's file tokens
 * live there too (chooseImportFiles with importChosenFile). A restore (recoverLibrary) puts a
 * file in place there, then the library thread opens it again before the call is answered.
 */
export const LONG_METHODS: ReadonlySet<string> = new Set([
  'importFileData',
  'chooseImportFiles',
  'importChosenFile',
  'exportDocuments',
  'cancelExport',
  'getStudyReport',
  'recoverLibrary',
]);

/** Job id prefixes of the two threads (a cancel goes to the thread whose prefix the id has). */
const JOB_PREFIX = { library: 'l', jobs: 'j' } as const;

export interface LibraryWorkerOptions extends Omit<LibraryWorkerData, 'ports' | 'role' | 'jobIdPrefix' | 'cancelBoard'> {
  ports?: Partial<HostPorts>;
  onInternalError?: (message: string) => void;
  /** Long jobs' events from either thread, in the order each thread sent them (#14). */
  onJobEvent?: (event: JobEvent) => void;
}

export interface LibraryWorker {
  /** Same shape as the in-process dispatch: validated call in, Result out. */
  dispatch: Dispatch;
  /** Ids of the jobs running now (seen from their events). */
  readonly runningJobs: ReadonlySet<string>;
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

/**
 * The library thread, and the jobs thread started once the library is open (it runs the
 * rolling backup, then the long calls). Cancels go straight to the job's thread: its slot on the
 * shared cancel board is marked (seen between rows even while the thread is busy in a
 * transaction) and the call is answered at once, never queued behind the job it stops.
 */
export function startLibraryWorker(options: LibraryWorkerOptions): LibraryWorker {
  const running = new Set<string>();
  const onJobEvent = (event: JobEvent) => {
    if (event.type === 'progress' && event.seq === 0) running.add(event.jobId);
    if (event.type === 'end') running.delete(event.jobId);
    options.onJobEvent?.(event);
  };
  const library = startThread({ ...options, onJobEvent }, 'library');
  let jobs: Thread | null = null;
  let closing = false;
  // the library thread opens (and migrates) the file first; the jobs thread then only opens it
  const jobsReady = library.ready.then(() => (closing ? null : (jobs ??= startThread({ ...options, onJobEvent }, 'jobs'))));

  const cancelJob = (payload: unknown): Result<unknown> => {
    const parsed = contract.cancelJob.input.safeParse(payload ?? {});
    if (!parsed.success) return fail('invalid-input', 'The request was not valid.');
    const { jobId } = parsed.data;
    const thread = jobId.startsWith(JOB_PREFIX.jobs) ? jobs : jobId.startsWith(JOB_PREFIX.library) ? library : null;
    const n = thread ? jobNumber(jobId, JOB_PREFIX[thread.role]) : null;
    if (!thread || n === null || !running.has(jobId)) return ok({ cancelled: false });
    markCancelled(thread.cancelBoard, n);
    thread.send({ type: 'cancel', jobId });
    return ok({ cancelled: true });
  };

  return {
    ready: library.ready,
    runningJobs: running,
    dispatch: async (method, payload) => {
      if (method === 'cancelJob') return cancelJob(payload);
      if (method === 'takeLibraryNotices') {
        // background work (the backup) runs in the jobs thread: its findings join the library thread's
        const [a, b] = await Promise.all([library.dispatch(method, payload), jobsReady.then((t) => t?.dispatch(method, payload) ?? ok([]))]);
        if (!a.ok) return a;
        return ok([...(a.value as unknown[]), ...(b.ok ? (b.value as unknown[]) : [])]);
      }
      if (!LONG_METHODS.has(method)) return library.dispatch(method, payload);
      const thread = await jobsReady;
      if (!thread) return fail('internal', 'The library is closed.');
      const result = await thread.dispatch(method, payload);
      // The restore hand-over: the jobs thread put the restored file in place and opened it; the
      // library thread (which could not open the damaged one) opens it now, before anyone is told.
      if (method === 'recoverLibrary' && result.ok) await library.reopen();
      return result;
    },
    async close() {
      closing = true;
      await Promise.all([jobsReady.then((t) => t?.close()), library.close()]);
    },
  };
}

interface Thread extends Omit<LibraryWorker, 'runningJobs'> {
  role: LibraryWorkerData['role'];
  cancelBoard: Int32Array;
  send(message: ToWorker): void;
  /** Asks the thread to open the library file again; resolves when it has. */
  reopen(): Promise<void>;
}

function startThread(options: LibraryWorkerOptions, role: LibraryWorkerData['role']): Thread {
  const { ports = {}, onInternalError = () => {}, onJobEvent = () => {}, ...data } = options;
  const location = workerLocation();
  const cancelBoard = newCancelBoard();
  const workerData: LibraryWorkerData = { ...data, role, ports: Object.keys(ports) as Array<keyof HostPorts>, jobIdPrefix: JOB_PREFIX[role], cancelBoard };
  const worker = new Worker(location.url, { workerData, execArgv: location.execArgv });
  const send = (message: ToWorker) => worker.postMessage(message);
  let nextId = 0;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let exited = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const reopened: Array<() => void> = [];

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
      case 'job':
        onJobEvent(message.event);
        break;
      case 'reopened':
        reopened.shift()?.();
        break;
    }
  });
  worker.on('error', (err) => onInternalError(err.stack ?? err.message));
  worker.on('exit', () => {
    exited = true;
    markReady();
    markClosed();
    for (const resolve of reopened.splice(0)) resolve();
    for (const answer of pending.values()) answer(fail('internal', 'The library stopped unexpectedly; restart claimtag. Everything saved before is kept.'));
    pending.clear();
  });

  return {
    role,
    cancelBoard,
    send: (message) => !exited && send(message),
    reopen: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        reopened.push(resolve);
        send({ type: 'reopen' });
      }),
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
