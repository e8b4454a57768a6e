// Messages between the thread that owns the library (library-worker.ts) and the process that
// asked for it (library-worker-client.ts: Electron's main, tests, bench). Plain structured-clone data.
import type { Result } from '../../shared/result';
import type { HostPorts } from '../api/host-ports';
import type { JobEvent } from '../../shared/jobs';
import type { Lane } from './lanes';
import type { GivenJob } from '../jobs/job-runner';

/** What the worker needs to open the library exactly as main used to in-process. */
export interface LibraryWorkerData {
  databasePath: string;
  dataDir: string;
  /** resources/ folder holding the bundled sample article. */
  resourcesDir: string;
  backupEveryMs?: number;
  /** Which calls this thread answers, and how (lanes.ts: its job id prefix, queueing, busy writes). */
  lane: Lane;
  /** Which host ports (dialogs, printing) the client offers; the rest are absent. */
  ports: Array<keyof HostPorts>;
  /** Shared with the client: it marks a job cancelled here, seen even while this thread is busy (job-runner.ts). */
  cancelBoard: Int32Array;
}

export type ToWorker =
  /** `job`: the id the one job this call starts takes (job-runner.ts GivenJob). */
  | { type: 'call'; id: number; method: string; payload: unknown; job?: GivenJob }
  | { type: 'port-result'; id: number; ok: true; value: unknown }
  | { type: 'port-result'; id: number; ok: false; message: string }
  | { type: 'close' }
  /** Stop this job (its slot on the cancel board is already marked). */
  | { type: 'cancel'; jobId: string }
  /** Open the library file again: another thread restored a backup into place. */
  | { type: 'reopen' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'port'; id: number; name: keyof HostPorts; args: unknown[] }
  | { type: 'internal-error'; message: string }
  | { type: 'closed' }
  | { type: 'job'; event: JobEvent }
  | { type: 'reopened' }
  /** The background fingerprinting (fingerprint-backfill.ts) saved a batch of this many documents. */
  | { type: 'fingerprinted'; documents: number };
