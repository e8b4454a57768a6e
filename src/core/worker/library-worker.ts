// The thread that owns the library's SQLite connection and runs the services (issue #14): main
// (or a test, the bench) only forwards calls to it. Dialogs and PDF printing stay with the host
// that started it: the services reach them through ports that round-trip over the message port.
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { LibrarySession } from '../api/library-session';
import type { HostPorts } from '../api/host-ports';
import { loadBundledSample } from '../store/bundled-sample';
import type { FromWorker, LibraryWorkerData, ToWorker } from './protocol';

const port = parentPort!;
const data = workerData as LibraryWorkerData;
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
  onInternalError: (err) => post({ type: 'internal-error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
});

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'call':
      void session.dispatch(message.method, message.payload).then((result) => post({ type: 'result', id: message.id, result }));
      break;
    case 'port-result': {
      const pending = pendingPorts.get(message.id);
      pendingPorts.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new Error(message.message));
      break;
    }
    case 'close':
      session.close();
      post({ type: 'closed' });
      port.close();
      break;
  }
});
post({ type: 'ready' });
