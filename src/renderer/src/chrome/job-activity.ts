// What the library is busy with, for the page (#14): the long jobs running (from the main
// process's JobEvents), whether a change waits for one of them to finish writing, and calls that
// have taken longer than SLOW_CALL_MS. One small store read through useSyncExternalStore.
import { useSyncExternalStore } from 'react';
import type { ClaimtagBridge } from '../../../shared/contract';
import { JOB_WRITES, type JobEvent, type JobKind } from '../../../shared/jobs';

/** A call slower than this is shown as "Working…" in the status bar. */
export const SLOW_CALL_MS = 300;

export interface RunningJob {
  jobId: string;
  kind: JobKind;
  what: string;
  done: number;
  total: number | null;
  /** Queued: the job it waits for (same lane, one at a time); null once it runs. */
  behind: { kind: JobKind; what: string } | null;
}

export interface JobActivity {
  /** Long jobs running or queued now, oldest first. */
  jobs: RunningJob[];
  /** A change (a tag, a note) waits for a long job's write to end. */
  waiting: boolean;
  /** Calls pending for longer than SLOW_CALL_MS (not counting the long jobs themselves). */
  slowCalls: number;
}

const IDLE: JobActivity = { jobs: [], waiting: false, slowCalls: 0 };

export class JobActivityStore {
  private state: JobActivity = IDLE;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): JobActivity => this.state;

  private set(next: Partial<JobActivity>): void {
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }

  /** Applies one event from the library (JOB_CHANNEL). */
  apply(event: JobEvent): void {
    if (event.type === 'waiting') return this.set({ waiting: event.on });
    const others = this.state.jobs.filter((j) => j.jobId !== event.jobId);
    if (event.type === 'end') return this.set({ jobs: others });
    const known = this.state.jobs.find((j) => j.jobId === event.jobId);
    const job: RunningJob =
      event.type === 'queued'
        ? { jobId: event.jobId, kind: event.kind, what: event.what, done: 0, total: null, behind: event.behind }
        : { jobId: event.jobId, kind: event.kind, what: event.what, done: event.done, total: event.total, behind: null };
    this.set({ jobs: known ? this.state.jobs.map((j) => (j.jobId === job.jobId ? job : j)) : [...others, job] });
  }

  /** Counts `call` as slow from SLOW_CALL_MS until it settles. */
  track<T>(call: Promise<T>): Promise<T> {
    let slow = false;
    const timer = setTimeout(() => {
      slow = true;
      this.set({ slowCalls: this.state.slowCalls + 1 });
    }, SLOW_CALL_MS);
    const settle = () => {
      clearTimeout(timer);
      if (slow) this.set({ slowCalls: this.state.slowCalls - 1 });
    };
    call.then(settle, settle);
    return call;
  }
}

/** The page's one activity store. */
export const jobActivity = new JobActivityStore();

/**
 * The bridge with every call timed for the store, and the library's job events applied to it.
 * Done once, where the page first takes the bridge (api.ts).
 */
export function withActivity(bridge: ClaimtagBridge, store: JobActivityStore = jobActivity): ClaimtagBridge {
  bridge.onJobEvent?.((event) => store.apply(event));
  const timed: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(bridge)) {
    timed[name] = typeof fn === 'function' && !name.startsWith('on') ? (input: unknown) => store.track((fn as (i: unknown) => Promise<unknown>)(input)) : fn;
  }
  return Object.freeze(timed) as unknown as ClaimtagBridge;
}

export const useJobActivity = (store: JobActivityStore = jobActivity): JobActivity => useSyncExternalStore(store.subscribe, store.get);

/** "the import", "the export"…: what a change is waiting for, in the user's words. */
export const JOB_NAMES: Record<JobKind, string> = {
  import: 'the import',
  export: 'the export',
  agreement: 'the agreement figures',
  backup: 'the backup',
  restore: 'the restore',
};

/** What a held change waits for ("the import"), or null when nothing waits. */
export function waitingFor(activity: JobActivity): string | null {
  if (!activity.waiting) return null;
  const writer = activity.jobs.find((j) => JOB_WRITES[j.kind] && j.behind === null);
  return writer ? JOB_NAMES[writer.kind] : 'a long operation';
}
