// Long jobs on lanes (#14), on real threads and a real SQLite file: a study report and an export
// (reader lane) started while a long import runs (writer lane) are answered before the import
// ends, from the library as it was when they began; a second import waits its turn, is told so
// (a 'queued' event naming the import ahead of it), and can be cancelled while it waits.
// The import is made long by its size (a colleague's file of 30,000 annotations), not by timing.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp-library';
import { colleagueFileJson } from '../../../test/support/colleague-file';
import type { Result } from '../../shared/result';
import type { JobEvent } from '../../shared/jobs';
import type { StudyReport } from '../../shared/study';
import { startLibraryWorker, type LibraryWorker } from './library-worker-client';
import { LANE_RULES } from './lanes';
import { callOk } from '../../../test/support/worker-call';

const RESOURCES = path.resolve(__dirname, '../../../resources');
type Job = Exclude<JobEvent, { type: 'waiting' }>;

let tmp: ReturnType<typeof makeTempDir>;
let worker: LibraryWorker | null = null;
let events: Job[];
let exportPath: string | null = null;
let chosenPaths: string[] | null = null;
const dbFile = () => path.join(tmp.dir, 'claimtag.sqlite');

beforeEach(() => {
  tmp = makeTempDir('claimtag-lanes-');
  events = [];
  worker = startLibraryWorker({
    databasePath: dbFile(),
    dataDir: tmp.dir,
    resourcesDir: RESOURCES,
    backupEveryMs: 0,
    ports: { chooseExportPath: async () => exportPath, chooseFilesToImport: async () => chosenPaths },
    onJobEvent: (e) => e.type !== 'waiting' && events.push(e),
  });
});
afterEach(async () => {
  await worker?.close();
  worker = null;
  tmp.cleanup();
});

const call = <T>(method: string, payload: unknown): Promise<T> => callOk<T>(worker!, method, payload);

const until = async (what: () => boolean, ms = 150_000) => {
  const t0 = Date.now();
  while (!what()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

const eventsOf = (jobId: string) => events.filter((e) => e.jobId === jobId);
const jobOf = (kind: Job['kind'], what: string) => events.find((e) => e.kind === kind && e.what === what)?.jobId;
const ended = (jobId: string | undefined) => jobId !== undefined && events.some((e) => e.jobId === jobId && e.type === 'end');

/** seq 0, 1, 2…; exactly one end, last; progress never goes back. */
function expectWellFormed(list: Job[]): void {
  expect(list.map((e) => e.seq)).toEqual(list.map((_, i) => i));
  expect(list.filter((e) => e.type === 'end')).toHaveLength(1);
  expect(list.at(-1)!.type).toBe('end');
  const done = list.flatMap((e) => (e.type === 'progress' ? [e.done] : []));
  expect(done).toEqual([...done].sort((a, b) => a - b));
}

/** Starts importing a colleague's file of `n` annotations; resolves once its rows are being written. */
async function startLongImport(name: string, n: number): Promise<{ result: Promise<Result<{ kind: string; added?: number }>>; jobId: string }> {
  const result = worker!.dispatch('importFileData', { name, dataBase64: Buffer.from(colleagueFileJson(n)).toString('base64') }) as Promise<Result<{ kind: string; added?: number }>>;
  await until(() => events.some((e) => e.type === 'progress' && e.kind === 'import' && e.what === name && e.done > 0));
  return { result, jobId: jobOf('import', name)! };
}

describe('long jobs on lanes', () => {
  it('a study report and an export started during a long import are answered before it ends, from the library as it was', async () => {
    const state = await call<{ initialDocumentId: string }>('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    await call('createAnnotation', { documentId: state.initialDocumentId, labelId: 'fact', start: 3, end: 23 });
    await call('createStudy', { name: 'Pilot', documentIds: [state.initialDocumentId], analysts: ['Ayesha', 'Ben'] });

    const importing = await startLongImport('colleague.json', 30_000);
    const report = await call<StudyReport>('getStudyReport', { name: 'Pilot' });
    // the import is still writing: the report did not wait for it
    expect(ended(importing.jobId)).toBe(false);
    expect(report.name).toBe('Pilot');
    exportPath = path.join(tmp.dir, 'during-import.json');
    expect(await call('exportDocuments', { format: 'json' })).toEqual({ written: [exportPath] });
    expect(ended(importing.jobId)).toBe(false);
    // the export holds the library as it was when it began: the colleague's article is not in it
    const exported = JSON.parse(fs.readFileSync(exportPath, 'utf8')) as { documents: Array<{ title: string }>; annotations: unknown[] };
    expect(exported.documents.map((d) => d.title)).not.toContain('Big');
    expect(exported.annotations).toHaveLength(1);

    expect(await importing.result).toMatchObject({ ok: true, value: { kind: 'annotations', added: 30_000 } });
    const agreement = jobOf('agreement', 'Pilot')!;
    const exportJob = jobOf('export', 'during-import.json')!;
    // the reader lane's jobs ended while the import ran; every job's events are whole
    const endAt = (id: string) => events.findIndex((e) => e.jobId === id && e.type === 'end');
    expect(endAt(agreement)).toBeLessThan(endAt(importing.jobId));
    expect(endAt(exportJob)).toBeLessThan(endAt(importing.jobId));
    expect(agreement.startsWith(LANE_RULES.reader.jobIdPrefix)).toBe(true);
    expect(importing.jobId.startsWith(LANE_RULES.writer.jobIdPrefix)).toBe(true);
    for (const id of [agreement, exportJob, importing.jobId]) {
      expectWellFormed(eventsOf(id));
      expect(eventsOf(id).at(-1)).toMatchObject({ outcome: 'done' });
    }
    expect(worker!.runningJobs.size).toBe(0);
  }, 60_000);

  it('a second import waits for the first (told as queued behind it), a third cancelled while queued leaves nothing behind', async () => {
    await call('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    const first = await startLongImport('colleague.json', 30_000);
    const small = (name: string, text: string) => worker!.dispatch('importFileData', { name, dataBase64: Buffer.from(text).toString('base64') }) as Promise<Result<{ kind: string }>>;
    const second = small('second.txt', 'The second article arrived while the first was imported.');
    const third = small('third.txt', 'The third article was never wanted.');
    await until(() => jobOf('import', 'third.txt') !== undefined);
    const [secondId, thirdId] = [jobOf('import', 'second.txt')!, jobOf('import', 'third.txt')!];
    // both were told whom they wait for, and neither started while the first ran
    for (const id of [secondId, thirdId]) expect(eventsOf(id)).toEqual([expect.objectContaining({ type: 'queued', seq: 0, behind: { kind: 'import', what: 'colleague.json' } })]);
    expect(await call('cancelJob', { jobId: thirdId })).toEqual({ cancelled: true });
    expect(await third).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(ended(first.jobId)).toBe(false);

    expect(await first.result).toMatchObject({ ok: true, value: { kind: 'annotations', added: 30_000 } });
    expect(await second).toMatchObject({ ok: true, value: { kind: 'article' } });
    // one after the other: the second's progress began only after the first ended
    const endOfFirst = events.findIndex((e) => e.jobId === first.jobId && e.type === 'end');
    const startOfSecond = events.findIndex((e) => e.jobId === secondId && e.type === 'progress');
    expect(startOfSecond).toBeGreaterThan(endOfFirst);
    for (const id of [first.jobId, secondId, thirdId]) expectWellFormed(eventsOf(id));
    expect(eventsOf(secondId).map((e) => e.type)).toEqual(['queued', ...eventsOf(secondId).slice(1, -1).map(() => 'progress'), 'end']);
    expect(eventsOf(thirdId).map((e) => [e.type, e.type === 'end' ? e.outcome : null])).toEqual([
      ['queued', null],
      ['end', 'cancelled'],
    ]);
    await worker!.close();
    worker = null;
    const db = new Database(dbFile(), { readonly: true });
    const titles = (db.prepare('SELECT title FROM documents').all() as Array<{ title: string }>).map((r) => r.title);
    db.close();
    // the sample, the colleague's article and the second; nothing of the third
    expect(titles).toHaveLength(3);
    expect(titles).toEqual(expect.arrayContaining(['Big', 'Second']));
  }, 60_000);

  it('an import started during a long study report is answered before the report ends', async () => {
    // a study over the colleague's 20,000 claims: its report takes the reader lane about a second
    await call('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    const big = (await worker!.dispatch('importFileData', { name: 'colleague.json', dataBase64: Buffer.from(colleagueFileJson(20_000)).toString('base64') })) as Result<{ documentIds: string[] }>;
    if (!big.ok) throw new Error(big.error.message);
    await call('createStudy', { name: 'Claims', documentIds: big.value.documentIds, analysts: ['Ayesha', 'Colleague'] });
    const report = call<StudyReport>('getStudyReport', { name: 'Claims' });
    // the report has begun (its first event is sent just before its figures are computed)
    await until(() => jobOf('agreement', 'Claims') !== undefined);
    const agreement = jobOf('agreement', 'Claims')!;
    const imported = await call<{ kind: string }>('importFileData', { name: 'note.txt', dataBase64: Buffer.from('A short note imported while the figures were computed.').toString('base64') });
    expect(imported.kind).toBe('article');
    expect(ended(agreement)).toBe(false);
    expect((await report).name).toBe('Claims');
    expectWellFormed(eventsOf(agreement));
    expectWellFormed(eventsOf(jobOf('import', 'note.txt')!));
  }, 60_000);

  it('the import dialog opens and answers during a long import; the file chosen then is queued behind it and imported after', async () => {
    await call('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    const note = path.join(tmp.dir, 'chosen-note.txt');
    fs.writeFileSync(note, 'A note chosen in the dialog while a long import ran.');
    const importing = await startLongImport('colleague.json', 30_000);
    chosenPaths = [note];
    const chosen = await call<{ files: Array<{ token: string; name: string }> }>('chooseImportFiles', {});
    // answered by the requesting side: the writer lane is still inside the import
    expect(ended(importing.jobId)).toBe(false);
    expect(chosen.files.map((f) => f.name)).toEqual(['chosen-note.txt']);
    expect(chosen.files[0].token).not.toContain(tmp.dir); // a token, never the path
    const imported = await call<{ kind: string; documentId: string }>('importChosenFile', { token: chosen.files[0].token });
    expect(imported.kind).toBe('article');
    const noteJob = jobOf('import', 'chosen-note.txt')!;
    expect(eventsOf(noteJob)[0]).toMatchObject({ type: 'queued', behind: { kind: 'import', what: 'colleague.json' } });
    expectWellFormed(eventsOf(noteJob));
    expect(await importing.result).toMatchObject({ ok: true });
    // an unknown token is refused with the service's own reason
    expect(await worker!.dispatch('importChosenFile', { token: 'not-a-token' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  }, 60_000);

  it('a file chosen in the dialog is kept while its question is open, and let go once imported or refused for good', async () => {
    await call('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    const latin1 = path.join(tmp.dir, 'latin1.txt');
    const binary = path.join(tmp.dir, 'binary.txt');
    fs.writeFileSync(latin1, Uint8Array.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' au lait\n')]));
    fs.writeFileSync(binary, Uint8Array.from([0x61, 0, 0x62]));
    chosenPaths = [latin1, binary];
    const [question, other] = (await call<{ files: Array<{ token: string }> }>('chooseImportFiles', {})).files.map((f) => f.token);
    expect(await worker!.dispatch('importChosenFile', { token: question })).toMatchObject({ ok: false, error: { reason: 'invalid-text-encoding' } });
    expect(await worker!.dispatch('importChosenFile', { token: other })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    // answered: the same token imports; the other was let go, and so is this one once imported
    expect(await call<{ kind: string }>('importChosenFile', { token: question, replaceInvalid: true })).toMatchObject({ kind: 'article' });
    for (const token of [other, question]) expect(await worker!.dispatch('importChosenFile', { token })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  }, 60_000);
});
