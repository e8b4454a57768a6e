// Runs long operations as jobs (issue #14): each gets an id, reports progress (throttled) as
// JobEvents, ends with exactly one of done / cancelled / failed, and can be cancelled.
//
// Cancelling reaches a job two ways: an AbortSignal (for work that awaits between steps: the
// event loop delivers the request), and, in a worker thread, a slot in a SharedArrayBuffer that
// the thread which asked writes (for synchronous work such as an import's one transaction, which
// holds the thread's event loop until it ends: `check()` reads the slot between rows).
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppFailure } from '../../shared/result';
import { JOB_PROGRESS_EVERY_MS, type JobEvent, type JobKind, type JobOutcome } from '../../shared/jobs';

/** What a running job's work sees. */
export interface JobControl {
  readonly jobId: string;
  /** Aborted when the job is cancelled (by the event loop's message, or noticed by `check()`). */
  readonly signal: AbortSignal;
  /** `done` of `total` steps; sent at most every JOB_PROGRESS_EVERY_MS, and always when done reaches total. */
  progress(done: number, total: number | null, what?: string): void;
  /** Throws AppFailure 'cancelled' when the job was asked to stop. Call between steps. */
  check(): void;
}

/** Slots of the shared cancel board; job n uses slot n % CANCEL_SLOTS. */
export const CANCEL_SLOTS = 64;

/** A board the requesting thread writes and the job's thread reads: slot holds n + 1 when job n is to stop. */
export const newCancelBoard = (): Int32Array => new Int32Array(new SharedArrayBuffer(CANCEL_SLOTS * 4));

/** Asks job `n` (its number, parsed from its id) to stop, seen by its thread even while it is busy. */
export function markCancelled(board: Int32Array, n: number): void {
  Atomics.store(board, n % CANCEL_SLOTS, n + 1);
}

/** Clears job `n`'s slot (before its call is sent: a cancel marked after that is kept). */
export function clearCancel(board: Int32Array, n: number): void {
  Atomics.store(board, n % CANCEL_SLOTS, 0);
}

/** The job number in an id made by a runner with this prefix, or null. */
export function jobNumber(jobId: string, prefix: string): number | null {
  if (!jobId.startsWith(prefix)) return null;
  const n = Number(jobId.slice(prefix.length));
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * A job id chosen by the thread that asked for the call, for the one job the call starts: that
 * thread may already have told the page the job is queued (`announced`: its event seq 0 was
 * sent, so this job's events go on from 1), and may mark it cancelled on the board before this
 * thread — busy with the job ahead of it — has even read the call. Numbers at GIVEN_JOB_BASE and
 * above are given ones; a runner numbers its own jobs from 0.
 */
export interface GivenJob {
  jobId: string;
  n: number;
  announced: boolean;
}
export const GIVEN_JOB_BASE = 2 ** 20;
/** The given job of the call being answered (the worker runs each call inside it). */
export const givenJob = new AsyncLocalStorage<GivenJob>();

export interface JobRunnerOptions {
  emit: (event: JobEvent) => void;
  /** Ids are `${idPrefix}${n}`; a prefix per thread lets the requester route a cancel. */
  idPrefix?: string;
  cancelBoard?: Int32Array;
  now?: () => number;
  /**
   * Jobs run one after the other (a lane of writers, #14): a job asked for while another runs
   * first sends 'queued' (naming the job it waits for), starts when those before it have ended,
   * and can be cancelled while it waits.
   */
  oneAtATime?: boolean;
}

export const CANCELLED_MESSAGE: Record<JobKind, string> = {
  import: 'The import was cancelled; nothing of the file being imported was kept.',
  export: 'The export was cancelled; no file was written or changed.',
  agreement: 'The agreement was cancelled.',
  backup: 'The backup was cancelled; no backup file was kept.',
  restore: 'The restore was cancelled; the library was not changed.',
};

export class JobRunner {
  private next = 0;
  private readonly running = new Map<string, AbortController>();
  /** Given jobs cancelled before their call reached run() (their thread was busy). */
  private readonly cancelledEarly = new Set<string>();
  private readonly usedGiven = new WeakSet<GivenJob>();
  private readonly prefix: string;
  private readonly now: () => number;
  /** oneAtATime: the jobs asked for and not yet ended, oldest (the one running) first. */
  private readonly line: Array<{ jobId: string; kind: JobKind; what: string }> = [];
  /** oneAtATime: settles when the last job in the line has ended. */
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly options: JobRunnerOptions) {
    this.prefix = options.idPrefix ?? 'job-';
    this.now = options.now ?? (() => performance.now());
  }

  /** Ids of the jobs running now. */
  get active(): string[] {
    return [...this.running.keys()];
  }

  /** Asks a running job to stop; false when there is no such job (it may have just ended). */
  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    if (!controller) {
      const n = jobNumber(jobId, this.prefix);
      if (n === null || n < GIVEN_JOB_BASE) return false;
      this.cancelledEarly.add(jobId); // its call is being answered but has not started the job yet
      return true;
    }
    const n = jobNumber(jobId, this.prefix);
    if (n !== null && this.options.cancelBoard) markCancelled(this.options.cancelBoard, n);
    controller.abort();
    return true;
  }

  /**
   * Runs `work` as a job. A returned value ends it 'done'; a thrown AppFailure 'cancelled' (or
   * any throw once cancelled) ends it 'cancelled'; other throws (an import refused with a reason
   * too) end it 'failed' with the AppFailure's message. The throw is passed on.
   */
  async run<T>(kind: JobKind, what: string, work: (job: JobControl) => Promise<T> | T): Promise<T> {
    const given = givenJob.getStore();
    const useGiven = given !== undefined && !this.usedGiven.has(given) && jobNumber(given.jobId, this.prefix) === given.n;
    if (useGiven) this.usedGiven.add(given);
    const n = useGiven ? given.n : this.next++;
    const jobId = `${this.prefix}${n}`;
    const controller = new AbortController();
    this.running.set(jobId, controller);
    if (this.cancelledEarly.delete(jobId)) controller.abort();
    const board = this.options.cancelBoard;
    // a given job's slot was cleared by the thread that numbered it (and may hold its cancel since)
    if (board && !useGiven) Atomics.store(board, n % CANCEL_SLOTS, 0);
    let seq = useGiven && given.announced ? 1 : 0;
    let lastAt = -Infinity;
    let label = what;
    const emit = (event: JobEvent) => this.options.emit(event);
    const cancelled = () => controller.signal.aborted || (board !== undefined && Atomics.load(board, n % CANCEL_SLOTS) === n + 1);
    const job: JobControl = {
      jobId,
      signal: controller.signal,
      progress: (done, total, newWhat) => {
        if (newWhat !== undefined) label = newWhat;
        const at = this.now();
        if (at - lastAt < JOB_PROGRESS_EVERY_MS && done !== total) return;
        lastAt = at;
        emit({ type: 'progress', jobId, seq: seq++, kind, what: label, done, total });
      },
      check: () => {
        if (!cancelled()) return;
        controller.abort();
        throw new AppFailure({ code: 'cancelled', message: CANCELLED_MESSAGE[kind] });
      },
    };
    const end = (outcome: JobOutcome, message?: string) =>
      emit({ type: 'end', jobId, seq: seq++, kind, what: label, outcome, ...(message !== undefined ? { message } : {}) });
    // oneAtATime: this job's turn comes when the one before it in the line has ended
    let turn: Promise<void> = Promise.resolve();
    let release = () => {};
    if (this.options.oneAtATime) {
      const ahead = this.line[0];
      turn = this.tail;
      this.tail = new Promise<void>((resolve) => (release = resolve));
      this.line.push({ jobId, kind, what });
      if (ahead) emit({ type: 'queued', jobId, seq: seq++, kind, what, behind: { kind: ahead.kind, what: ahead.what } });
    }
    try {
      if (this.options.oneAtATime) {
        await new Promise<void>((resolve) => {
          if (controller.signal.aborted) return resolve();
          controller.signal.addEventListener('abort', () => resolve(), { once: true });
          void turn.then(resolve);
        });
      }
      job.check();
      job.progress(0, null);
      const value = await work(job);
      end('done');
      return value;
    } catch (err) {
      if (cancelled() || (err instanceof AppFailure && err.error.code === 'cancelled')) end('cancelled', err instanceof AppFailure ? err.error.message : CANCELLED_MESSAGE[kind]);
      else end('failed', err instanceof AppFailure ? err.error.message : 'Something went wrong; nothing half-done was kept.');
      throw err;
    } finally {
      this.running.delete(jobId);
      if (this.options.oneAtATime) {
        this.line.splice(this.line.findIndex((j) => j.jobId === jobId), 1);
        // a job cancelled while queued passes its turn on only once the one before it has ended
        void turn.then(release);
      }
    }
  }
}

/** A runner whose events go nowhere (the CLI, unit tests of services). */
export const silentJobRunner = (): JobRunner => new JobRunner({ emit: () => {} });
