// The background fingerprinting of an upgraded library (issue #14), through the library worker as
// the app runs it, on the libraries of bench/lib/library-fixture.ts (written without fingerprints,
// as a library from before migration 11; 30,000 characters an article):
//   - how long the writer lane takes to fingerprint every document after opening, with no call;
//   - an import asked for 1 s into that: how long until its job starts (after at most one batch),
//     and a document list asked for meanwhile (answered by the library lane).
// Diagnostics, not budgets: one run each per size.
//   BENCH_ONLY=backfill BENCH_LIBRARY_SIZES=200,2000 npm run bench
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../test/support/temp-library';
import { colleagueFileJson } from '../../test/support/colleague-file';
import { startLibraryWorker } from '../../src/core/worker/library-worker-client';
import { buildLibraries } from '../lib/library-fixture';
import { Figures } from '../lib/result';

const SIZES = (process.env.BENCH_LIBRARY_SIZES ?? '200,2000,10000').split(',').map(Number);
const RESOURCES = path.resolve(__dirname, '../../resources');

const until = async (what: () => boolean) => {
  while (!what()) await new Promise((r) => setTimeout(r, 2));
};

/** A copy of the fixture library in its own folder (the worker writes its backups and notices there). */
function copyOf(file: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const to = path.join(dir, 'claimtag.sqlite');
  fs.copyFileSync(file, to);
  return to;
}

export async function run() {
  const f = new Figures('backfill');
  const tmp = makeTempDir('claimtag-bench-backfill-');
  const details: Record<string, unknown> = {};
  try {
    const built = buildLibraries(tmp.dir, SIZES);
    for (const size of [...SIZES].sort((a, b) => a - b)) {
      // every document fingerprinted in the background, no call made
      {
        const dir = path.join(tmp.dir, `fill-${size}`);
        let done = 0;
        const t0 = performance.now();
        const worker = startLibraryWorker({ databasePath: copyOf(built.files.get(size)!, dir), dataDir: dir, resourcesDir: RESOURCES, backupEveryMs: 0, onFingerprintBatch: (n) => void (done += n) });
        await until(() => done >= size);
        f.add(`fill${size}`, `${size} articles: the writer lane fingerprints every document after opening (no call)`, [performance.now() - t0], { role: 'diagnostic' });
        await worker.close();
      }
      // an import asked for while it runs
      {
        const dir = path.join(tmp.dir, `import-${size}`);
        let done = 0;
        let jobAt = 0;
        const worker = startLibraryWorker({
          databasePath: copyOf(built.files.get(size)!, dir),
          dataDir: dir,
          resourcesDir: RESOURCES,
          backupEveryMs: 0,
          onFingerprintBatch: (n) => void (done += n),
          onJobEvent: () => void (jobAt ||= performance.now()),
        });
        await until(() => done > 0);
        await new Promise((r) => setTimeout(r, 1_000));
        const listAt = performance.now();
        await worker.dispatch('listDocuments', {});
        f.add(`listDuringFill${size}`, `${size} articles: list the documents while the background fingerprinting runs`, [performance.now() - listAt], { role: 'diagnostic' });
        const askedAt = performance.now();
        const doneWhenAsked = done;
        const result = await worker.dispatch('importFileData', { name: 'colleague.json', dataBase64: Buffer.from(colleagueFileJson(50)).toString('base64') });
        if (!result.ok) throw new Error(`the import failed: ${result.error.message}`);
        f.add(`importStart${size}`, `${size} articles: an import asked for during the background fingerprinting starts its job`, [jobAt - askedAt], { role: 'diagnostic' });
        f.add(`importWhole${size}`, `${size} articles: that import, whole (its own check fingerprints what is left)`, [performance.now() - askedAt], { role: 'diagnostic' });
        details[`fingerprintedWhenAsked${size}`] = doneWhenAsked;
        await worker.close();
      }
      fs.rmSync(built.files.get(size)!, { force: true });
    }
    return { figures: f.list, details };
  } finally {
    tmp.cleanup();
  }
}
