// The background fingerprinting of an upgraded library (#14), through the library worker on real
// threads and real SQLite files, as main runs it: an upgraded library is fully fingerprinted
// without any call and without a job; an import asked for meanwhile starts after at most the
// batch under way (counted in batches, not timed); closing stops it between batches and the next
// opening goes on from there; nothing saved changes but the fingerprint tables.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp-library';
import { colleagueFileJson } from '../../../test/support/colleague-file';
import { corruptMiddlePages, dumpFile } from '../../../test/support/db-helpers';
import { createBackup } from '../reliability/backups';
import { writeUpgradedLibrary } from '../../../test/support/upgraded-library';
import { articleText, vocabulary } from '../../../test/similarity/edited-texts';
import { Library } from '../store/library';
import { BANDS, fingerprintOf, signatureBytes } from '../similarity/text-fingerprint';
import { FINGERPRINT_BATCH } from '../library-io/similar-documents';
import type { JobEvent } from '../../shared/jobs';
import type { Result } from '../../shared/result';
import { startLibraryWorker, type LibraryWorker } from './library-worker-client';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const vocab = vocabulary();

let tmp: ReturnType<typeof makeTempDir>;
let worker: LibraryWorker | null = null;
/** What arrived from the worker, in order: job events and the background batches. */
let arrivals: Array<{ batch: number } | { job: JobEvent }>;
const dbFile = () => path.join(tmp.dir, 'claimtag.sqlite');

function start(): LibraryWorker {
  arrivals = [];
  worker = startLibraryWorker({
    databasePath: dbFile(),
    dataDir: tmp.dir,
    resourcesDir: RESOURCES,
    backupEveryMs: 0,
    onJobEvent: (job) => arrivals.push({ job }),
    onFingerprintBatch: (batch) => arrivals.push({ batch }),
  });
  return worker;
}
const fingerprinted = () => arrivals.reduce((n, a) => n + ('batch' in a ? a.batch : 0), 0);
const jobEvents = () => arrivals.flatMap((a) => ('job' in a ? [a.job] : []));

beforeEach(() => {
  tmp = makeTempDir('claimtag-backfill-');
});
afterEach(async () => {
  await worker?.close();
  worker = null;
  tmp.cleanup();
});

const until = async (what: () => boolean, ms = 15_000) => {
  const t0 = Date.now();
  while (!what()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 2));
  }
};

/** An upgraded library of `n` short articles, migrated to the current schema (no fingerprint yet). */
function upgradedLibrary(n: number, words = 60): void {
  writeUpgradedLibrary(dbFile(), Array.from({ length: n }, (_, i) => articleText(900 + i, words, vocab)));
  Library.open(dbFile()).close(); // migrated as the app opens it: fingerprints come later
}

const countOf = (table: string): number => {
  const db = new Database(dbFile(), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Every table but the fingerprints: what the analyst saved. */
const savedRows = () => {
  const { document_fingerprints: _f, document_fingerprint_bands: _b, ...rest } = dumpFile(dbFile());
  return rest;
};

describe('the background fingerprinting of an upgraded library', () => {
  it('fingerprints every document without any call and without a job; nothing saved changes', async () => {
    const n = 4 * FINGERPRINT_BATCH + 7;
    upgradedLibrary(n);
    const before = savedRows();
    expect(countOf('document_fingerprints')).toBe(0);
    start();
    await until(() => fingerprinted() === n);
    await worker!.close();
    worker = null;
    // in batches of FINGERPRINT_BATCH, the last one the rest
    expect(arrivals).toEqual([...Array.from({ length: 4 }, () => ({ batch: FINGERPRINT_BATCH })), { batch: 7 }]);
    expect(jobEvents()).toEqual([]);
    expect(savedRows()).toEqual(before);
    expect(countOf('document_fingerprint_bands')).toBe(n * BANDS);
    const db = new Database(dbFile(), { readonly: true });
    try {
      const rows = db.prepare('SELECT d.text, f.signature FROM documents d JOIN document_fingerprints f ON f.document_id = d.id').all() as Array<{ text: string; signature: Buffer }>;
      expect(rows).toHaveLength(n);
      for (const row of rows) expect(row.signature.equals(signatureBytes(fingerprintOf(row.text).signature))).toBe(true);
    } finally {
      db.close();
    }
  }, 20_000);

  it('starts nothing for a library with every fingerprint (a fresh one, with the sample)', async () => {
    start();
    await worker!.dispatch('getStartupState', {});
    await worker!.close();
    worker = null;
    expect(countOf('documents')).toBe(1);
    expect(countOf('document_fingerprints')).toBe(1); // fingerprinted as it was added
    start(); // opened again: every document has its fingerprint
    expect(await worker!.dispatch('listDocuments', {})).toMatchObject({ ok: true });
    expect(await worker!.dispatch('takeLibraryNotices', {})).toEqual({ ok: true, value: [] }); // the writer lane has opened and answered
    await worker!.close();
    worker = null;
    expect(arrivals).toEqual([]);
  }, 20_000);

  it('an import asked for meanwhile starts after at most the batch under way, not after the whole backfill', async () => {
    const n = 40 * FINGERPRINT_BATCH;
    upgradedLibrary(n);
    start();
    await until(() => fingerprinted() >= FINGERPRINT_BATCH);
    // reads and tags are answered meanwhile (by the library lane), while batches still come
    expect(await worker!.dispatch('setAnnotatorName', { name: 'Ayesha' })).toMatchObject({ ok: true });
    expect(await worker!.dispatch('createAnnotation', { documentId: 'doc-3', labelId: 'opinion', start: 0, end: 5 })).toMatchObject({ ok: true });
    expect(await worker!.dispatch('listDocuments', {})).toMatchObject({ ok: true, value: { length: n } });
    expect(fingerprinted()).toBeLessThan(n);
    const whenAsked = fingerprinted();
    const imported = worker!.dispatch('importFileData', { name: 'colleague.json', dataBase64: Buffer.from(colleagueFileJson(5)).toString('base64') }) as Promise<Result<unknown>>;
    expect(await imported).toMatchObject({ ok: true });
    const firstJobEvent = arrivals.findIndex((a) => 'job' in a && a.job.type !== 'waiting'); // a tag may have waited for a batch's save
    const atImportStart = arrivals.slice(0, firstJobEvent).reduce((sum, a) => sum + ('batch' in a ? a.batch : 0), 0);
    expect(arrivals.slice(firstJobEvent).some((a) => 'batch' in a)).toBe(false); // none while it ran, nor after (none left)
    // the batches the backfill saved before the import's job started (its lane sends both in order):
    // the one under way when asked (and one whose report was on its way) at most, never the whole backfill
    expect(atImportStart).toBeLessThanOrEqual(whenAsked + 2 * FINGERPRINT_BATCH);
    expect(atImportStart).toBeLessThan(n);
    // the import's own check fingerprinted the rest, the backfill none while it ran; one job only: the import
    const jobs = new Set(jobEvents().flatMap((e) => (e.type === 'waiting' ? [] : [e.jobId])));
    expect(jobs.size).toBe(1);
    expect(jobEvents().at(-1)).toMatchObject({ type: 'end', kind: 'import', outcome: 'done' });
    await worker!.close();
    worker = null;
    expect(countOf('document_fingerprints')).toBe(n + 1);
    expect(countOf('annotations')).toBe(1 + 5);
  }, 20_000);

  it('after a restore, the restored library is fingerprinted once the restore has ended', async () => {
    const n = 3 * FINGERPRINT_BATCH;
    upgradedLibrary(n);
    const library = Library.open(dbFile());
    const { backup } = await createBackup(library.db, tmp.dir);
    library.close();
    corruptMiddlePages(dbFile(), 4);
    start();
    const recovered = (await worker!.dispatch('recoverLibrary', { restore: backup.name })) as Result<{ restoredFrom: string | null }>;
    expect(recovered).toMatchObject({ ok: true, value: { restoredFrom: backup.name } });
    await until(() => fingerprinted() === n);
    await worker!.close();
    worker = null;
    // the restore's events, then the batches: none while the restore ran
    const restoreEnd = arrivals.findIndex((a) => 'job' in a && a.job.type === 'end');
    expect(arrivals.slice(0, restoreEnd).some((a) => 'batch' in a)).toBe(false);
    expect(jobEvents().every((e) => e.type !== 'waiting' && e.kind === 'restore')).toBe(true);
    expect(countOf('document_fingerprints')).toBe(n);
  }, 20_000);

  it('stops between batches when the app closes; the next opening goes on from the batches kept', async () => {
    const n = 40 * FINGERPRINT_BATCH;
    upgradedLibrary(n);
    const before = savedRows();
    start();
    await until(() => fingerprinted() >= FINGERPRINT_BATCH);
    await worker!.close();
    worker = null;
    const kept = countOf('document_fingerprints');
    expect(kept).toBe(fingerprinted()); // every batch reported was saved, and nothing else
    expect(kept % FINGERPRINT_BATCH).toBe(0); // whole batches only
    expect(kept).toBeLessThan(n);
    start();
    await until(() => fingerprinted() === n - kept);
    await worker!.close();
    worker = null;
    expect(countOf('document_fingerprints')).toBe(n);
    expect(jobEvents()).toEqual([]);
    expect(savedRows()).toEqual(before);
  }, 20_000);
});
