// The library in its own thread (issue #14), under plain Node exactly as main starts it: calls
// are forwarded and answered with the services' Results, host dialogs round-trip to the caller's
// thread, a long import leaves the caller's event loop free, and a tag sent during it is written.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { sha256Of } from '../store/documents-repo';
import { makeTempDir } from '../../../test/support/temp-library';
import type { Imported } from '../../shared/contract';
import type { Annotation, DocumentPage, Bundle } from '../../shared/types';
import { startLibraryWorker, type LibraryWorker } from './library-worker-client';
import { callOk } from '../../../test/support/worker-call';

const RESOURCES = path.resolve(__dirname, '../../../resources');

let tmp: ReturnType<typeof makeTempDir>;
let worker: LibraryWorker | null;
let exportPath: string | null = null;
beforeEach(() => {
  tmp = makeTempDir('claimtag-worker-');
  worker = startLibraryWorker({
    databasePath: path.join(tmp.dir, 'claimtag.sqlite'),
    dataDir: tmp.dir,
    resourcesDir: RESOURCES,
    backupEveryMs: 0,
    ports: { chooseExportPath: async () => exportPath },
  });
});
afterEach(async () => {
  await worker?.close();
  tmp.cleanup();
});

const call = <T>(method: string, payload: unknown): Promise<T> => callOk<T>(worker!, method, payload);

/** A claimtag JSON file of one long article with `n` annotations, as a colleague would send it. */
function bigFile(n: number): string {
  const text = Array.from({ length: n }, (_, i) => `Claim ${i} was made.`).join(' ');
  const createdAt = '2025-01-01T00:00:00.000Z';
  const annotations: Annotation[] = Array.from({ length: n }, (_, i) => {
    const start = text.indexOf(`Claim ${i} `);
    const end = start + `Claim ${i}`.length;
    return { id: `x${i}`, documentId: 'big', annotatorId: 'colleague', annotatorName: 'Colleague', labelId: 'fact', start, end, quote: text.slice(start, end), prefix: '', suffix: '', note: '', attribution: '', confidence: null, createdAt, updatedAt: createdAt, deletedAt: null };
  });
  const bundle: Bundle = { documents: [{ id: 'big', title: 'Big', source: '', text, sha256: sha256Of(text), blocks: [{ kind: 'paragraph', start: 0, end: text.length }], createdAt }], annotators: [{ id: 'colleague', name: 'Colleague' }], labels: [], annotations };
  return exportClaimtagJson(bundle, { generatedAt: createdAt });
}

describe('the library worker', () => {
  it('answers calls with the services’ Results and writes to the real file', async () => {
    const state = await call<{ initialDocumentId: string }>('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    const tag = await call<Annotation>('createAnnotation', { documentId: state.initialDocumentId, labelId: 'fact', start: 3, end: 23 });
    expect(tag.annotatorName).toBe('Ayesha');
    const page = await call<DocumentPage>('listDocumentPage', { offset: 0, limit: 10, sort: 'created', direction: 'desc', titleFilter: '' });
    expect(page.total).toBe(1);
    expect(page.documents[0].counts).toEqual({ fact: 1 });
    // validation still happens in the services' dispatch
    expect(await worker!.dispatch('createAnnotation', { documentId: 'x', labelId: 'fact', start: -1, end: 2 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await worker!.dispatch('noSuchMethod', {})).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    // the row is in the file, read by another connection
    const db = new Database(path.join(tmp.dir, 'claimtag.sqlite'), { readonly: true });
    expect(db.prepare('SELECT label_id FROM annotations WHERE id = ?').get(tag.id)).toEqual({ label_id: 'fact' });
    db.close();
  });

  it('asks the caller’s thread for the export path (a host dialog) and writes there', async () => {
    await call('getStartupState', {});
    exportPath = path.join(tmp.dir, 'out.json');
    expect(await call('exportDocuments', { format: 'json' })).toEqual({ written: [exportPath] });
    expect(JSON.parse(fs.readFileSync(exportPath, 'utf8'))).toMatchObject({ format: 'claimtag' });
    exportPath = null;
    expect(await call('exportDocuments', { format: 'json' })).toEqual({ cancelled: true });
  });

  it('keeps the caller’s event loop and reads going during a long import, and a tag sent meanwhile is written', async () => {
    const state = await call<{ initialDocumentId: string }>('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    const file = Buffer.from(bigFile(15_000)).toString('base64');
    let ticks = 0;
    let importing = true;
    const ticker = setInterval(() => importing && ticks++, 1);
    const order: string[] = [];
    const imported = call<Imported>('importFileData', { name: 'colleague.json', dataBase64: file }).then((r) => {
      order.push('import');
      return r;
    });
    const tag = call<Annotation>('createAnnotation', { documentId: state.initialDocumentId, labelId: 'opinion', start: 3, end: 23 });
    // a read sent after the import is answered before it ends, from the library as it was
    const listed = await call<Array<{ id: string }>>('listDocuments', {});
    order.push('read');
    expect(listed.map((d) => d.id)).toEqual([state.initialDocumentId]);
    const [result, saved] = await Promise.all([imported, tag]);
    expect(order).toEqual(['read', 'import']);
    importing = false;
    clearInterval(ticker);
    expect(result, JSON.stringify(result).slice(0, 500)).toMatchObject({ kind: 'annotations', added: 15_000 });
    // In-process, the synchronous import would have held this thread for its whole length.
    expect(ticks).toBeGreaterThan(0);
    const db = new Database(path.join(tmp.dir, 'claimtag.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 15_001 });
    expect(db.prepare('SELECT label_id FROM annotations WHERE id = ?').get(saved.id)).toEqual({ label_id: 'opinion' });
    db.close();
  }, 120_000);

  it('while another connection holds the write lock, a tag waits (never lost, never failed) and reads are answered', async () => {
    const state = await call<{ initialDocumentId: string }>('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    const blocker = new Database(path.join(tmp.dir, 'claimtag.sqlite'));
    blocker.exec('BEGIN IMMEDIATE');
    let written = false;
    const tag = call<Annotation>('createAnnotation', { documentId: state.initialDocumentId, labelId: 'fact', start: 3, end: 23 }).then((a) => {
      written = true;
      return a;
    });
    expect(await call<unknown[]>('listDocuments', {})).toHaveLength(1);
    expect(await call<Annotation[]>('listAnnotations', { documentId: state.initialDocumentId })).toEqual([]);
    expect(written).toBe(false);
    blocker.exec('COMMIT');
    blocker.close();
    const saved = await tag;
    expect(await call<Annotation[]>('listAnnotations', { documentId: state.initialDocumentId })).toEqual([saved]);
  });

  it('closes the library and ends the thread; later calls get a clear failure', async () => {
    await call('getStartupState', {});
    await worker!.close();
    expect(await worker!.dispatch('listDocuments', {})).toMatchObject({ ok: false, error: { code: 'internal', message: 'The library is closed.' } });
    // the connection is closed: the WAL was checkpointed away
    expect(fs.existsSync(path.join(tmp.dir, 'claimtag.sqlite-wal'))).toBe(false);
    worker = null;
  });
});
