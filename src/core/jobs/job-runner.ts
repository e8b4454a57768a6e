// Runs long operations as jobs (issue #14): each gets an id, reports progress (throttled) as
// JobEvents, ends with exactly one of done / cancelled / failed, and can be cancelled.
//
// Cancelling reaches a job two ways: an AbortSignal (for work that awaits between steps: the
// event loop delivers the request), and, in a worker thread, a slot in a SharedArrayBuffer that
// the thread which asked writes (for synchronous work such as an import's one transaction, which
// holds the thread's event loop until it ends: `check()` reads the slot between rows).
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

/** The job number in an id made by a runner with this prefix, or null. */
export function jobNumber(jobId: string, prefix: string): number | null {
  if (!jobId.startsWith(prefix)) return null;
  const n = Number(jobId.slice(prefix.length));
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export interface JobRunnerOptions {
  emit: (event: JobEvent) => void;
  /** Ids are `${idPrefix}${n}`; a prefix per thread lets the requester route a cancel. */
  idPrefix?: string;
  cancelBoard?: Int32Array;
  now?: () => number;
}

const CANCELLED_MESSAGE: Record<JobKind, string> = {
  import: 'The import was cancelled; nothing of the file being imported was kept.',
  export: 'The export was cancelled; no file was written or changed.',
  agreement: 'The agreement was cancelled.',
  backup: 'The backup was cancelled; no backup file was kept.',
  restore: 'The restore was cancelled; the library was not changed.',
};

export class JobRunner {
  private next = 0;
  private readonly running = new Map<string, AbortController>();
  private readonly prefix: string;
  private readonly now: () => number;

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
    if (!controller) return false;
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
    const n = this.next++;
    const jobId = `${this.prefix}${n}`;
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const board = this.options.cancelBoard;
    if (board) Atomics.store(board, n % CANCEL_SLOTS, 0);
    let seq = 0;
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
    job.progress(0, null);
    const end = (outcome: JobOutcome, message?: string) =>
      emit({ type: 'end', jobId, seq: seq++, kind, what: label, outcome, ...(message !== undefined ? { message } : {}) });
    try {
      const value = await work(job);
      end('done');
      return value;
    } catch (err) {
      if (cancelled() || (err instanceof AppFailure && err.error.code === 'cancelled')) end('cancelled', err instanceof AppFailure ? err.error.message : CANCELLED_MESSAGE[kind]);
      else end('failed', err instanceof AppFailure ? err.error.message : 'Something went wrong; nothing half-done was kept.');
      throw err;
    } finally {
      this.running.delete(jobId);
    }
  }
}

/** A runner whose events go nowhere (the CLI, unit tests of services). */
export const silentJobRunner = (): JobRunner => new JobRunner({ emit: () => {} });
