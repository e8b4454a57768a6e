// Long operations (import, export, corpus agreement, backup, restore) tell the page how far they
// are and can be cancelled (issue #14). One typed stream of events, main → renderer, on the one
// channel JOB_CHANNEL (api-methods.ts); `cancelJob` (contract.ts) stops one by its id.

/** What kind of long work a job is; the page words its progress bar from it. */
export const JOB_KINDS = ['import', 'export', 'agreement', 'backup', 'restore'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * Kinds of job that write to the library (they run on the writer lane, one at a time): a change
 * held for the write lock waits for one of these, never for an export or the agreement figures.
 */
export const JOB_WRITES = { import: true, restore: true, backup: true, export: false, agreement: false } as const satisfies Record<JobKind, boolean>;

/** How a job ended. Every job's events end with exactly one of these. */
export const JOB_OUTCOMES = ['done', 'cancelled', 'failed'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

interface JobEventBase {
  jobId: string;
  /** 0, 1, 2… within one job: events arrive in this order. */
  seq: number;
  kind: JobKind;
  /** What is being worked on, in the user's words (a file name, "the library"). */
  what: string;
}

export type JobEvent =
  /**
   * The job waits for another on its lane to end (two writers run one after the other, #14):
   * `behind` is the job it waits for. Only ever a job's first event (seq 0); it can be cancelled meanwhile.
   */
  | (JobEventBase & { type: 'queued'; behind: { kind: JobKind; what: string } })
  /** `done` of `total` steps (rows, files, bytes); total null while unknown. A job's first event (seq 0) unless it was queued. */
  | (JobEventBase & { type: 'progress'; done: number; total: number | null })
  /** The job's last event. */
  | (JobEventBase & { type: 'end'; outcome: JobOutcome; message?: string })
  /** A change (e.g. a tag) waits for a long job's write to finish (`on`), or no longer does. */
  | { type: 'waiting'; on: boolean; method: string };

/** At most this often (ms) a running job reports progress; its first and last events always go. */
export const JOB_PROGRESS_EVERY_MS = 100;

/** True when `value` has the shape of a JobEvent (the preload checks what crosses into the page). */
export function isJobEvent(value: unknown): value is JobEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (e.type === 'waiting') return typeof e.on === 'boolean' && typeof e.method === 'string';
  if (typeof e.jobId !== 'string' || typeof e.seq !== 'number' || typeof e.what !== 'string') return false;
  if (!(JOB_KINDS as readonly unknown[]).includes(e.kind)) return false;
  if (e.type === 'queued') {
    const b = e.behind as Record<string, unknown> | null;
    return typeof b === 'object' && b !== null && (JOB_KINDS as readonly unknown[]).includes(b.kind) && typeof b.what === 'string';
  }
  if (e.type === 'progress') return typeof e.done === 'number' && (e.total === null || typeof e.total === 'number');
  return e.type === 'end' && (JOB_OUTCOMES as readonly unknown[]).includes(e.outcome) && (e.message === undefined || typeof e.message === 'string');
}
