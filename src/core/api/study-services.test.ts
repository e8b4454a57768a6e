// The study dashboard's calls through the real dispatch (zod contract, services, library file).
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError, Result } from '../../shared/result';
import type { StudyReport, StudySummary } from '../../shared/study';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { assignStudy, createStudy } from '../study/study-service';
import { makeTempDir } from '../../../test/support/temp-library';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const TEXT = 'Alpha said the rain fell. Beta thinks it was cold. Gamma claims a crime.';

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;

async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}
async function failure(method: string, payload: unknown): Promise<AppError> {
  const result = (await dispatch(method, payload)) as Result<unknown>;
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

beforeEach(() => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES) }), (err) => {
    throw err;
  });
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

describe('study calls', () => {
  it('list studies, report on one, open my next document and the next unsettled one', async () => {
    expect(await call<StudySummary[]>('listStudies', {})).toEqual([]);
    await call('setAnnotatorName', { name: 'Ana' });
    const docs = [1, 2].map((i) => library.documents.add({ title: `A${i}`, source: 's', text: `${TEXT} ${i}`, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document);
    createStudy(library, { name: 'Pilot', analysts: ['Ana', 'Ben'], documentIds: docs.map((d) => d.id) });
    assignStudy(library, 'Pilot', 1);
    const [ana, ben] = ['Ana', 'Ben'].map((n) => library.annotators.findByName(n)[0].id);
    library.annotations.add({ documentId: docs[1].id, annotatorId: ana, labelId: 'fact', start: 0, end: 24 }, library.documents.textOf(docs[1].id));
    library.annotations.add({ documentId: docs[1].id, annotatorId: ben, labelId: 'opinion', start: 0, end: 24 }, library.documents.textOf(docs[1].id));

    expect(await call<StudySummary[]>('listStudies', {})).toEqual([{ name: 'Pilot', documents: 2, analysts: ['Ana', 'Ben'], guidelineVersion: expect.any(String), doubleShare: 1 }]);
    const report = await call<StudyReport>('getStudyReport', { name: 'Pilot', resamples: 50 });
    expect(report.progress.map((p) => [p.name, p.assigned])).toEqual([
      ['Ana', 2],
      ['Ben', 2],
    ]);
    expect(report.agreement?.bootstrap.resamples).toBe(50);
    expect(report.confusion.labels).toContain('Fact');

    expect(await call('nextStudyDocument', { name: 'Pilot' })).toEqual({ documentId: docs[0].id, title: 'A1' });
    await call('setDocumentDone', { documentId: docs[0].id, done: true });
    expect(await call('nextStudyDocument', { name: 'Pilot' })).toEqual({ documentId: docs[1].id, title: 'A2' });
    expect(await call('nextUnsettledInStudy', { name: 'Pilot' })).toEqual({ documentId: docs[1].id, differenceId: expect.any(String) });

    expect((await failure('getStudyReport', { name: 'Nope' })).code).toBe('not-found');
    expect((await failure('getStudyReport', { name: 'Pilot', resamples: 5 })).code).toBe('invalid-input');
    expect((await failure('nextStudyDocument', { name: '' })).code).toBe('invalid-input');
  });
});
