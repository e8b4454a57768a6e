// The thread that owns the library's SQLite connection and runs the services (issue #14): main
// (or a test, the bench) only forwards calls to it. Dialogs and PDF printing stay with the host
// that started it: the services reach them through ports that round-trip over the message port.
import { parentPort, workerData } from 'node:worker_threads';
import os from 'node:os';
import path from 'node:path';
import { LibrarySession } from '../api/library-session';
import type { HostPorts } from '../api/host-ports';
import { loadBundledSample } from '../store/bundled-sample';
import type { FromWorker, LibraryWorkerData, ToWorker } from './protocol';
import { LANE_RULES } from './lanes';
import { givenJob } from '../jobs/job-runner';

const port = parentPort!;
const data = workerData as LibraryWorkerData;
const rules = LANE_RULES[data.lane];
// On Linux the nice value is per thread: this lowers this lane's thread only. Elsewhere it would
// lower the whole app (main included), so it is left alone there.
if (rules.niceIncrement > 0 && process.platform === 'linux') {
  try {
    os.setPriority(Math.min(19, os.getPriority() + rules.niceIncrement));
  } catch {
    // not allowed here (a sandbox): the lane runs at the app's priority
  }
}
const post = (message: FromWorker) => port.postMessage(message);

let nextPortCall = 0;
const pendingPorts = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
const askHost = (name: keyof HostPorts) => (...args: unknown[]) =>
  new Promise((resolve, reject) => {
    const id = nextPortCall++;
    pendingPorts.set(id, { resolve, reject });
    // an AbortSignal cannot cross threads; printing is short and its result is dropped when cancelled
    post({ type: 'port', id, name, args: args.filter((a) => !(a instanceof AbortSignal)) });
  });

const ports = Object.fromEntries(data.ports.map((name) => [name, askHost(name)])) as Partial<HostPorts>;
const session = new LibrarySession({
  databasePath: data.databasePath,
  dataDir: data.dataDir,
  loadSample: () => loadBundledSample(path.resolve(data.resourcesDir)),
  ports: { chooseFilesToImport: async () => null, chooseExportPath: async () => null, chooseFileToOpen: async () => null, ...ports },
  backupEveryMs: data.backupEveryMs,
  // The rolling backup and the full integrity check are long: the writer lane runs them, so reads are answered meanwhile.
  backgroundCheck: rules.backgroundCheck,
  onJobEvent: (event) => post({ type: 'job', event }),
  onFingerprintBatch: (documents) => post({ type: 'fingerprinted', documents }),
  jobIdPrefix: rules.jobIdPrefix,
  jobsOneAtATime: rules.oneAtATime,
  cancelBoard: data.cancelBoard,
  onInternalError: (err) => post({ type: 'internal-error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
});

// The library lane never waits inside SQLite for the writer lane's write lock: a write that
// finds it taken fails at once ('busy', nothing written) and is tried again after a pause, while
// other calls (reads) are answered. So a tag sent during a long import is written when it ends.
if (rules.retryBusyWrites) session.current?.db.pragma('busy_timeout = 0');
const RETRY_MS = 25;
/** Calls waiting for the write lock now; the page is told when this leaves or returns to 0 ("Saving… waiting"). */
let waiting = 0;
async function answer(method: string, payload: unknown) {
  let waited = false;
  try {
    for (;;) {
      const result = await session.dispatch(method, payload);
      if (result.ok || result.error.code !== 'busy' || !rules.retryBusyWrites) return result;
      if (!waited && ++waiting === 1) post({ type: 'job', event: { type: 'waiting', on: true, method } });
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  } finally {
    if (waited && --waiting === 0) post({ type: 'job', event: { type: 'waiting', on: false, method } });
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'call':
      void (message.job ? givenJob.run(message.job, () => answer(message.method, message.payload)) : answer(message.method, message.payload)).then((result) =>
        post({ type: 'result', id: message.id, result }),
      );
      break;
    case 'port-result': {
      const pending = pendingPorts.get(message.id);
      pendingPorts.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new Error(message.message));
      break;
    }
    case 'cancel':
      session.jobs.cancel(message.jobId);
      break;
    case 'reopen':
      session.reopen();
      if (rules.retryBusyWrites) session.current?.db.pragma('busy_timeout = 0');
      post({ type: 'reopened' });
      break;
    case 'close':
      session.close();
      post({ type: 'closed' });
      port.close();
      break;
  }
});
post({ type: 'ready' });
