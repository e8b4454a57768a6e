// Starts the library's own thread (library-worker.ts) and forwards calls to it: the caller's
// thread (Electron's main) never waits on SQLite. The same code runs under plain Node, so
// tests and the bench exercise the path the app takes.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fail, ok, type Result } from '../../shared/result';
import { asksAnalyst } from '../../shared/import-questions';
import { contract } from '../../shared/contract';
import type { JobEvent, JobKind } from '../../shared/jobs';
import { CANCELLED_MESSAGE, clearCancel, GIVEN_JOB_BASE, jobNumber, markCancelled, newCancelBoard, type GivenJob } from '../jobs/job-runner';
import type { Dispatch } from '../api/dispatch';
import type { HostPorts } from '../api/host-ports';
import type { FromWorker, LibraryWorkerData, ToWorker } from './protocol';
import { ExclusiveGate } from './exclusive-gate';
import { EXCLUSIVE_CALLS, LANE_RULES, laneOf, laneOfJob, WRITER_JOB_CALLS, type JobLane, type Lane } from './lanes';

/** File name of the bundled worker, next to the bundle that contains this module (electron.vite.config.ts). */
export const LIBRARY_WORKER_FILE = 'library-worker.js';

export interface LibraryWorkerOptions extends Omit<LibraryWorkerData, 'ports' | 'lane' | 'cancelBoard'> {
  ports?: Partial<HostPorts>;
  onInternalError?: (message: string) => void;
  /** Long jobs' events from every lane, in the order each lane sent them (#14). */
  onJobEvent?: (event: JobEvent) => void;
  /**
   * The writer lane's background fingerprinting of an upgraded library saved a batch (not a job:
   * nothing is shown). Arrives in order with that lane's job events.
   */
  onFingerprintBatch?: (documents: number) => void;
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
 * The library lane's thread, and the job lanes' threads started once the library is open
 * (lanes.ts says which call runs where). Cancels go straight to the job's lane: its slot on the
 * shared cancel board is marked (seen between rows even while the thread is busy in a
 * transaction) and the call is answered at once, never queued behind the job it stops.
 */
export function startLibraryWorker(options: LibraryWorkerOptions): LibraryWorker {
  const running = new Set<string>();
  /** The writer lane's jobs not yet ended, oldest first: what a new one is queued behind. */
  const writerJobs = new Map<string, { kind: JobKind; what: string }>();
  const onJobEvent = (event: JobEvent) => {
    if (event.type !== 'waiting' && event.seq === 0) {
      running.add(event.jobId);
      if (laneOfJob(event.jobId) === 'writer') writerJobs.set(event.jobId, { kind: event.kind, what: event.what });
    }
    if (event.type === 'end') {
      running.delete(event.jobId);
      writerJobs.delete(event.jobId);
    }
    options.onJobEvent?.(event);
  };
  /**
   * Files chosen in the import dialog, by opaque token (the page never holds a path). The dialog
   * runs here, not in the writer lane, so it opens at once even while an import holds that lane;
   * the lane reads the file behind a token through the chosenFile port. Kept until imported, or
   * refused for a reason she cannot answer (shared/import-questions).
   */
  const chosenFiles = new Map<string, string>();
  const chooseImportFiles = async (payload: unknown): Promise<Result<unknown>> => {
    if (!contract.chooseImportFiles.input.safeParse(payload ?? {}).success) return fail('invalid-input', 'The request was not valid.');
    try {
      const files = (await options.ports?.chooseFilesToImport?.()) ?? [];
      return ok({
        files: files.map((file) => {
          const token = randomUUID();
          chosenFiles.set(token, file);
          return { token, name: path.basename(file) };
        }),
      });
    } catch (err) {
      options.onInternalError?.(err instanceof Error ? (err.stack ?? err.message) : String(err));
      return fail('internal', 'The file dialog could not be opened; please try again.');
    }
  };
  const writerPorts: Partial<HostPorts> = { ...options.ports, chosenFile: async (token) => chosenFiles.get(token) ?? null };
  let nextGiven = GIVEN_JOB_BASE;
  /** Jobs told queued here that the lane has not started: a cancel ends them here at once. */
  const queuedHere = new Map<string, { kind: JobKind; what: string; answer: (r: Result<unknown>) => void }>();
  /** Jobs ended here (cancelled while queued): what their lane still sends about them is dropped. */
  const endedHere = new Set<string>();
  /** A lane's job event, on its way to the page. */
  const fromLane = (event: JobEvent) => {
    if (event.type !== 'waiting') {
      if (endedHere.has(event.jobId)) return;
      queuedHere.delete(event.jobId); // the lane has it now
    }
    onJobEvent(event);
  };

  /**
   * A writer-lane call that starts a job gets its job id here. While the lane is busy, the page is
   * told at once that the job is queued (the lane's thread may not read the call for seconds); if
   * the call then ends without the lane starting the job (refused before it), its end is sent here.
   */
  const writerJobCall = async (thread: Thread, method: string, payload: unknown): Promise<Result<unknown>> => {
    const named = typeof payload === 'object' && payload !== null ? WRITER_JOB_CALLS[method as keyof typeof WRITER_JOB_CALLS]?.(payload as Record<string, unknown>, (t) => {
            const file = chosenFiles.get(t);
            return file === undefined ? undefined : path.basename(file);
          }) : null;
    if (!named) return thread.dispatch(method, payload);
    const n = nextGiven++;
    const jobId = `${LANE_RULES.writer.jobIdPrefix}${n}`;
    clearCancel(thread.cancelBoard, n);
    const [ahead] = writerJobs.values();
    const announced = ahead !== undefined;
    if (announced) onJobEvent({ type: 'queued', jobId, seq: 0, kind: named.kind, what: named.what, behind: ahead });
    const cancelledHere = new Promise<Result<unknown>>((answer) => announced && queuedHere.set(jobId, { ...named, answer }));
    const answered = thread.dispatch(method, payload, { jobId, n, announced }).finally(() => {
      // the lane's events for a call come before its answer: nothing more comes about this job
      queuedHere.delete(jobId);
      endedHere.delete(jobId);
    });
    const result = await Promise.race([answered, cancelledHere]);
    // a file chosen in the dialog is kept only while the analyst can answer its refusal and import it again
    if (method === 'importChosenFile' && (result.ok || !asksAnalyst(result.error))) chosenFiles.delete((payload as { token: string }).token);
    if (announced && writerJobs.has(jobId)) {
      // the lane's events come before its answer: the job never started
      const outcome = result.ok ? 'done' : result.error.code === 'cancelled' ? 'cancelled' : 'failed';
      onJobEvent({ type: 'end', jobId, seq: 1, kind: named.kind, what: named.what, outcome, ...(result.ok ? {} : { message: result.error.message }) });
    }
    return result;
  };
  const library = startThread({ ...options, onJobEvent: fromLane }, 'library');
  let closing = false;
  // the library lane opens (and migrates) the file first; the job lanes then only open it
  const jobLanes = library.ready.then((): Record<JobLane, Thread> | null =>
    closing ? null : { writer: startThread({ ...options, ports: writerPorts, onJobEvent: fromLane }, 'writer'), reader: startThread({ ...options, onJobEvent: fromLane }, 'reader') },
  );
  const threadOf = async (lane: Lane): Promise<Thread | null> => (lane === 'library' ? library : ((await jobLanes)?.[lane] ?? null));
  const gate = new ExclusiveGate();

  const cancelJob = async (payload: unknown): Promise<Result<unknown>> => {
    const parsed = contract.cancelJob.input.safeParse(payload ?? {});
    if (!parsed.success) return fail('invalid-input', 'The request was not valid.');
    const { jobId } = parsed.data;
    const lane = laneOfJob(jobId);
    const thread = lane && (await threadOf(lane));
    const n = lane && jobNumber(jobId, LANE_RULES[lane].jobIdPrefix);
    if (!thread || n === null || !running.has(jobId)) return ok({ cancelled: false });
    markCancelled(thread.cancelBoard, n);
    thread.send({ type: 'cancel', jobId });
    const queued = queuedHere.get(jobId);
    if (queued) {
      // still waiting for its turn: it ends now (its lane will see the mark and never start it)
      queuedHere.delete(jobId);
      endedHere.add(jobId);
      const message = CANCELLED_MESSAGE[queued.kind];
      onJobEvent({ type: 'end', jobId, seq: 1, kind: queued.kind, what: queued.what, outcome: 'cancelled', message });
      queued.answer(fail('cancelled', message));
    }
    return ok({ cancelled: true });
  };

  return {
    ready: library.ready,
    runningJobs: running,
    dispatch: async (method, payload) => {
      if (method === 'cancelJob') return cancelJob(payload);
      if (method === 'chooseImportFiles') return chooseImportFiles(payload);
      if (method === 'takeLibraryNotices') {
        // background work (the backup) runs in the writer lane: its findings join the others'
        const threads = [library, ...Object.values((await jobLanes) ?? {})];
        const answers = await Promise.all(threads.map((t) => t.dispatch(method, payload)));
        if (!answers[0].ok) return answers[0];
        return ok(answers.flatMap((a) => (a.ok ? (a.value as unknown[]) : [])));
      }
      const lane = laneOf(method);
      if (lane === 'library') return library.dispatch(method, payload);
      const thread = await threadOf(lane);
      if (!thread) return fail('internal', 'The library is closed.');
      const send = () => (lane === 'writer' ? writerJobCall(thread, method, payload) : thread.dispatch(method, payload));
      if (!EXCLUSIVE_CALLS.has(method)) return gate.shared(send);
      return gate.exclusive(async () => {
        const result = await send();
        // The restore hand-over: the writer lane put the restored file in place and opened it; the
        // other lanes (which could not open the damaged one) open it now, before anyone is told.
        if (method === 'recoverLibrary' && result.ok) await Promise.all([library, ...Object.values((await jobLanes) ?? {})].filter((t) => t !== thread).map((t) => t.reopen()));
        return result;
      });
    },
    async close() {
      closing = true;
      const lanes = await jobLanes;
      await Promise.all([...Object.values(lanes ?? {}).map((t) => t.close()), library.close()]);
    },
  };
}

interface Thread extends Omit<LibraryWorker, 'runningJobs' | 'dispatch'> {
  lane: Lane;
  /** A call; `job` names the one job it starts (GivenJob). */
  dispatch(method: string, payload: unknown, job?: GivenJob): Promise<Result<unknown>>;
  cancelBoard: Int32Array;
  send(message: ToWorker): void;
  /** Asks the thread to open the library file again; resolves when it has. */
  reopen(): Promise<void>;
}

function startThread(options: LibraryWorkerOptions, lane: Lane): Thread {
  const { ports = {}, onInternalError = () => {}, onJobEvent = () => {}, onFingerprintBatch = () => {}, ...data } = options;
  const location = workerLocation();
  const cancelBoard = newCancelBoard();
  const workerData: LibraryWorkerData = { ...data, lane, ports: Object.keys(ports) as Array<keyof HostPorts>, cancelBoard };
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
      case 'fingerprinted':
        onFingerprintBatch(message.documents);
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
    lane,
    cancelBoard,
    send: (message) => !exited && send(message),
    reopen: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        reopened.push(resolve);
        send({ type: 'reopen' });
      }),
    ready,
    dispatch: (method, payload, job) =>
      new Promise((resolve) => {
        if (exited) return resolve(fail('internal', 'The library is closed.'));
        const id = nextId++;
        pending.set(id, resolve);
        send({ type: 'call', id, method, payload, ...(job ? { job } : {}) });
      }),
    async close() {
      if (!exited) send({ type: 'close' });
      await closed;
    },
  };
}
