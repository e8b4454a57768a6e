// Disk full, simulated with PRAGMA max_page_count on a real library file: SQLite then fails
// writes with SQLITE_FULL exactly as it does when the disk has no room left.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import type { Annotation, DocumentRecord } from '../../shared/types';
import { createDispatch, type Dispatch } from '../api/dispatch';
import { createServices } from '../api/services';
import { mergeImport } from '../library-io/merge-import';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { dumpDatabase } from '../../../test/support/db-helpers';

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
let internalErrors: unknown[];
let doc: DocumentRecord;

const TEXT = 'The minister said the bridge was finished on time, which the auditors dispute. '.repeat(30);

beforeEach(async () => {
  tmp = makeTempDir('claimtag-diskfull-');
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  internalErrors = [];
  dispatch = createDispatch(
    createServices({ library, dataDir: tmp.dir, loadSample: () => ({ title: 'S', source: 's', text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }) }),
    (err) => internalErrors.push(err),
  );
  const state = (await dispatch('getStartupState', {})) as Result<{ initialDocumentId: string }>;
  if (!state.ok) throw new Error(state.error.message);
  await dispatch('setAnnotatorName', { name: 'Ayesha' });
  doc = library.documents.get(state.value.initialDocumentId);
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

const pageCount = () => library.db.pragma('page_count', { simple: true }) as number;
const count = (table: string) => (library.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const spanPayload = (i: number) => {
  const start = (i * 7) % (TEXT.length - 40);
  return { documentId: doc.id, labelId: ['fact', 'opinion', 'allegation'][i % 3], start, end: start + 10 + (i % 25) };
};

describe('a full disk', () => {
  it('returns the typed disk-full error, keeps earlier work intact, and the same create succeeds after space is freed', async () => {
    library.db.pragma(`max_page_count = ${pageCount() + 3}`);
    let failed: { payload: ReturnType<typeof spanPayload>; result: Result<unknown> } | undefined;
    let before: Record<string, unknown[]> = {};
    let created = 0;
    for (let i = 0; i < 10_000 && !failed; i++) {
      const payload = spanPayload(i);
      before = dumpDatabase(library.db);
      const result = await dispatch('createAnnotation', payload);
      if (result.ok) created++;
      else failed = { payload, result };
    }
    expect(failed, 'the library never filled up').toBeDefined();
    expect(created).toBeGreaterThan(10);
    expect(failed!.result).toEqual({
      ok: false,
      error: { code: 'disk-full', message: 'The disk is full, so the change could not be saved. Free some space and try again.' },
    });
    expect(internalErrors).toEqual([]);

    // Nothing of the failed call was written, everything before it is there.
    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(dumpDatabase(library.db)).toEqual(before);
    expect(count('annotations')).toBe(created);

    // Reads still work while the disk is full.
    const listed = (await dispatch('listAnnotations', { documentId: doc.id })) as Result<Annotation[]>;
    expect(listed.ok && listed.value.length).toBe(created);

    // Space is freed: the very same request now succeeds.
    library.db.pragma('max_page_count = 1073741823');
    const retry = (await dispatch('createAnnotation', failed!.payload)) as Result<Annotation>;
    expect(retry.ok).toBe(true);
    expect(count('annotations')).toBe(created + 1);
    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('rolls back a multi-row merge whole when the disk fills midway', async () => {
    library.db.pragma(`max_page_count = ${pageCount() + 1}`);
    const before = dumpDatabase(library.db);
    const annotations = Array.from({ length: 400 }, (_, i) => {
      const { start, end } = spanPayload(i);
      return { documentRef: 'd', annotator: 'Bilal', annotatorId: 'bilal-1', label: 'fact', start, end, quote: '', note: `merged note ${i} `.repeat(20), attribution: '', confidence: null };
    });
    expect(() =>
      mergeImport(library, {
        format: 'json',
        documents: [{ ref: 'd', title: 'D', source: 's', text: TEXT }],
        annotators: [{ id: 'bilal-1', name: 'Bilal' }],
        labels: [],
        rejected: [],
        annotations,
      }),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    expect(dumpDatabase(library.db)).toEqual(before);
    expect(library.db.inTransaction).toBe(false);

    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
