// Long jobs through the library worker, under plain Node exactly as main runs them (#14):
// progress events arrive in order and end with done / cancelled / failed; a cancel leaves the
// database as it was (before/after dump); a tag saved meanwhile waits, is announced as waiting,
// and is kept; the rolling backup runs as a job on the writer lane; a restore hands the restored
// file over to the library thread.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp-library';
import { colleagueFileJson } from '../../../test/support/colleague-file';
import { Library } from '../store/library';
import { createBackup, listBackups } from '../reliability/backups';
import { corruptMiddlePages, dumpFile } from '../../../test/support/db-helpers';
import type { Imported } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { JobEvent } from '../../shared/jobs';
import type { Annotation } from '../../shared/types';
import { startLibraryWorker, type LibraryWorker } from './library-worker-client';
import { callOk } from '../../../test/support/worker-call';

const RESOURCES = path.resolve(__dirname, '../../../resources');

let tmp: ReturnType<typeof makeTempDir>;
let worker: LibraryWorker | null = null;
let events: JobEvent[];
const dbFile = () => path.join(tmp.dir, 'claimtag.sqlite');

function start(backupEveryMs = 0): LibraryWorker {
  events = [];
  worker = startLibraryWorker({ databasePath: dbFile(), dataDir: tmp.dir, resourcesDir: RESOURCES, backupEveryMs, onJobEvent: (e) => events.push(e) });
  return worker;
}

beforeEach(() => {
  tmp = makeTempDir('claimtag-jobs-');
});
afterEach(async () => {
  await worker?.close();
  worker = null;
  tmp.cleanup();
});

const call = <T>(method: string, payload: unknown): Promise<T> => callOk<T>(worker!, method, payload);

/** Each job's events, in arrival order. */
function byJob(list: JobEvent[]): Map<string, Array<Exclude<JobEvent, { type: 'waiting' }>>> {
  const jobs = new Map<string, Array<Exclude<JobEvent, { type: 'waiting' }>>>();
  for (const e of list) if (e.type !== 'waiting') jobs.set(e.jobId, [...(jobs.get(e.jobId) ?? []), e]);
  return jobs;
}

function expectWellFormed(list: Array<Exclude<JobEvent, { type: 'waiting' }>>): void {
  expect(list.map((e) => e.seq)).toEqual(list.map((_, i) => i));
  expect(list[0]).toMatchObject({ type: 'progress', seq: 0 });
  expect(list.filter((e) => e.type === 'end')).toHaveLength(1);
  expect(list.at(-1)!.type).toBe('end');
  const done = list.flatMap((e) => (e.type === 'progress' ? [e.done] : []));
  expect(done).toEqual([...done].sort((a, b) => a - b));
}

const until = async (what: () => boolean, ms = 60_000) => {
  const t0 = Date.now();
  while (!what()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('long jobs through the library worker', () => {
  it('an import reports progress in order and ends with done; a tag sent meanwhile waits (announced) and is kept', async () => {
    start();
    const state = await call<{ initialDocumentId: string }>('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    const imported = call<Imported>('importFileData', { name: 'colleague.json', dataBase64: Buffer.from(colleagueFileJson(20_000)).toString('base64') });
    // once the import writes rows, a tag waits for its write lock
    await until(() => events.some((e) => e.type === 'progress' && e.done > 0), 150_000);
    const tag = call<Annotation>('createAnnotation', { documentId: state.initialDocumentId, labelId: 'opinion', start: 3, end: 23 });
    const [result, saved] = await Promise.all([imported, tag]);
    expect(result).toMatchObject({ kind: 'annotations', added: 20_000 });
    const jobs = byJob(events);
    expect(jobs.size).toBe(1);
    const [list] = jobs.values();
    expectWellFormed(list);
    expect(list[0]).toMatchObject({ kind: 'import', what: 'colleague.json' });
    expect(list.at(-1)).toMatchObject({ type: 'end', outcome: 'done' });
    expect(list.some((e) => e.type === 'progress' && e.total === 20_000 && e.done > 0 && e.done < 20_000)).toBe(true);
    // the page was told that the tag waited, then that it no longer does
    const waits = events.filter((e) => e.type === 'waiting');
    expect(waits).toEqual([
      { type: 'waiting', on: true, method: 'createAnnotation' },
      { type: 'waiting', on: false, method: 'createAnnotation' },
    ]);
    expect(worker!.runningJobs.size).toBe(0);
    const db = new Database(dbFile(), { readonly: true });
    expect(db.prepare('SELECT label_id FROM annotations WHERE id = ?').get(saved.id)).toEqual({ label_id: 'opinion' });
    expect(db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 20_001 });
    db.close();
  }, 240_000);

  it('a cancelled import answers "cancelled" at once, ends its events with cancelled, and leaves the database as it was', async () => {
    start();
    await call('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    await worker!.close();
    const before = dumpFile(dbFile());
    start();
    await call('getStartupState', {});
    const imported = worker!.dispatch('importFileData', { name: 'colleague.json', dataBase64: Buffer.from(colleagueFileJson(30_000)).toString('base64') }) as Promise<Result<unknown>>;
    await until(() => events.some((e) => e.type === 'progress' && e.done > 0), 150_000);
    const [jobId] = byJob(events).keys();
    // answered by the requesting side while the writer lane is busy in its transaction
    expect(await call('cancelJob', { jobId })).toEqual({ cancelled: true });
    const result = await imported;
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    const list = byJob(events).get(jobId)!;
    expectWellFormed(list);
    expect(list.at(-1)).toMatchObject({ type: 'end', outcome: 'cancelled' });
    // a second cancel of the ended job does nothing; a made-up id neither
    expect(await call('cancelJob', { jobId })).toEqual({ cancelled: false });
    expect(await call('cancelJob', { jobId: 'w999' })).toEqual({ cancelled: false });
    expect(await worker!.dispatch('cancelJob', { jobId: '' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    await worker!.close();
    worker = null;
    expect(dumpFile(dbFile())).toEqual(before);
  }, 240_000);

  it('a failed import ends its events with failed and says why', async () => {
    start();
    await call('getStartupState', {});
    const r = (await worker!.dispatch('importFileData', { name: 'broken.json', dataBase64: Buffer.from('{"format":"claimtag","documents":[').toString('base64') })) as Result<unknown>;
    if (r.ok) throw new Error('a broken file was imported');
    expect(r.error.code).toBe('invalid-input');
    const [list] = byJob(events).values();
    expectWellFormed(list);
    expect(list.at(-1)).toMatchObject({ type: 'end', outcome: 'failed', message: r.error.message });
  });

  it('runs the rolling backup as a job on the writer lane (progress in pages) while reads are answered', async () => {
    start(1);
    await call('getStartupState', {});
    await until(() => events.some((e) => e.type === 'end' && e.kind === 'backup'), 60_000);
    const list = [...byJob(events).values()].find((l) => l[0].kind === 'backup')!;
    expectWellFormed(list);
    expect(list[0].jobId.startsWith('w')).toBe(true);
    expect(list.at(-1)).toMatchObject({ outcome: 'done' });
    expect(listBackups(tmp.dir)).toHaveLength(1);
    expect(await call<unknown[]>('listDocuments', {})).toHaveLength(1);
  }, 120_000);

  it('a restore runs on the writer lane, then the other lanes open the restored file before the call is answered', async () => {
    // a library with one article and a verified backup of it, then damaged
    const library = Library.open(dbFile());
    library.documents.add({ title: 'Kept in the backup', source: '', text: 'The river rose.', blocks: [{ kind: 'paragraph', start: 0, end: 15 }] });
    const { backup } = await createBackup(library.db, tmp.dir);
    library.close();
    corruptMiddlePages(dbFile(), 4);
    start();
    expect(await worker!.dispatch('listDocuments', {})).toMatchObject({ ok: false, error: { code: 'storage' } });
    const options = await call<{ problem: string | null; backups: Array<{ name: string }> }>('getRecoveryOptions', {});
    expect(options.problem).not.toBeNull();
    const recovered = await call<{ restoredFrom: string | null }>('recoverLibrary', { restore: backup.name });
    expect(recovered.restoredFrom).toBe(backup.name);
    // the library thread answers from the restored file at once
    expect((await call<Array<{ title: string }>>('listDocuments', {})).map((d) => d.title)).toEqual(['Kept in the backup']);
    // and so does the reader lane (an export reads the library before it asks where to write)
    expect(await call('exportDocuments', { format: 'json' })).toEqual({ cancelled: true });
    await call('setAnnotatorName', { name: 'Ayesha' });
    const [list] = [...byJob(events).values()].filter((l) => l[0].kind === 'restore');
    expectWellFormed(list);
    expect(list.at(-1)).toMatchObject({ outcome: 'done', what: backup.name });
    await worker!.close();
    worker = null;
    expect(fs.readdirSync(tmp.dir).some((n) => n.includes('before-restore'))).toBe(true);
  }, 120_000);
});
