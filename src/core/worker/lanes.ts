// Which thread answers which call (#14), in one place. Each lane is a worker thread with its own
// SQLite connection on the same WAL file, so a lane's long job never holds another lane's calls:
//   library  every short call (reads, tags, notes), answered at once; its writes wait for the write lock
//   writer   long jobs that write (import, restore) and the rolling backup, ONE AT A TIME: a
//            second one is queued and the page told what it waits for
//   reader   long read-only jobs (study agreement, exports), on a connection that reads the
//            last committed state while the writer writes (WAL readers never wait for a writer)
// A restore replaces the library file: while it runs no other lane's long call runs (exclusive).
import type { ApiMethodName } from '../../shared/api-methods';
import type { JobKind } from '../../shared/jobs';
import { droppedFileName } from '../import/dropped-file-name';

export const LANES = ['library', 'writer', 'reader'] as const;
export type Lane = (typeof LANES)[number];

/** The lanes that run long calls (the library lane answers every call not listed in LONG_CALL_LANE). */
export type JobLane = Exclude<Lane, 'library'>;

/**
 * The long calls and their lane; a cancelExport goes where exports run. (chooseImportFiles is
 * answered by the requesting side itself: it runs the host's dialog and keeps the chosen files by
 * token, so the dialog opens at once even while the writer lane is inside an import; the writer
 * lane reads the file behind a token through the chosenFile host port.)
 */
export const LONG_CALL_LANE = {
  importFileData: 'writer',
  importChosenFile: 'writer',
  recoverLibrary: 'writer',
  exportDocuments: 'reader',
  cancelExport: 'reader',
  exportStudyDiagnosis: 'reader',
  getStudyReport: 'reader',
} as const satisfies Partial<Record<ApiMethodName, JobLane>>;

/** The lane that answers `method`. */
export const laneOf = (method: string): Lane => (LONG_CALL_LANE as Partial<Record<string, JobLane>>)[method] ?? 'library';

/** Calls that run alone: every other lane's long calls wait for them, and they wait for those running. */
export const EXCLUSIVE_CALLS: ReadonlySet<string> = new Set<ApiMethodName>(['recoverLibrary']);

export interface LaneRules {
  /** Job ids this lane makes start with this, so a cancel is routed to its thread. */
  jobIdPrefix: string;
  /** Jobs run one after the other (queued, and told so) rather than side by side. */
  oneAtATime: boolean;
  /** This lane runs the background work after opening (rolling backup, or the full integrity check). */
  backgroundCheck: boolean;
  /**
   * A write that finds the write lock taken fails at once ('busy', nothing written) and is tried
   * again after a pause while other calls are answered (the library lane: a tag sent during an
   * import is written when it ends, and the page is told it waits). Otherwise SQLite's busy timeout.
   */
  retryBusyWrites: boolean;
  /**
   * How much lower than the app this lane's thread runs when CPUs are scarce (a nice increment;
   * Linux only, where a thread has its own). A long import or report then takes the CPU the
   * library lane and the window do not need: a read during an import is answered without
   * queueing behind it for a core.
   */
  niceIncrement: number;
}

export const LANE_RULES: Record<Lane, LaneRules> = {
  library: { jobIdPrefix: 'l', oneAtATime: false, backgroundCheck: false, retryBusyWrites: true, niceIncrement: 0 },
  // the backup copies through this lane's connection: an import on the same connection never restarts it
  writer: { jobIdPrefix: 'w', oneAtATime: true, backgroundCheck: true, retryBusyWrites: false, niceIncrement: 10 },
  reader: { jobIdPrefix: 'r', oneAtATime: false, backgroundCheck: false, retryBusyWrites: false, niceIncrement: 10 },
};

/** The lane whose jobs have ids like `jobId`, or null. */
export const laneOfJob = (jobId: string): Lane | null => LANES.find((lane) => jobId.startsWith(LANE_RULES[lane].jobIdPrefix)) ?? null;

/**
 * Writer-lane calls that start one job each, and how that job is named, read from the call
 * before the lane has it: while the lane is busy (its thread may be held for seconds inside an
 * import's one transaction), the requesting side tells the page at once that the job is queued
 * behind the one running. `chosenName` is the name of the file behind a dialog token.
 */
export const WRITER_JOB_CALLS: Partial<Record<ApiMethodName, (payload: Record<string, unknown>, chosenName: (token: string) => string | undefined) => { kind: JobKind; what: string } | null>> = {
  importFileData: (p) => (typeof p.name === 'string' ? { kind: 'import', what: droppedFileName(p.name) } : null),
  importChosenFile: (p, chosenName) => (typeof p.token === 'string' ? { kind: 'import', what: chosenName(p.token) ?? 'the chosen file' } : null),
  recoverLibrary: (p) => ({ kind: 'restore', what: typeof p.restore === 'string' ? p.restore : 'an empty library' }),
};
