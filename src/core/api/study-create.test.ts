// Creating, assigning and exporting a study from the app: the calls the dashboard's form makes,
// through the real dispatch (zod contract, services, library file, atomic file write).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError, Result } from '../../shared/result';
import type { StudyProgress, StudySummary } from '../../shared/study';
import { parseAnalystList, studyFormProblems } from '../../shared/study-form';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { dumpLibrary } from '../../../test/support/dump-library';
import { makeTempDir } from '../../../test/support/temp-library';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const TEXT = 'Alpha said the rain fell. Beta thinks it was cold. Gamma claims a crime.';

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
let exportTo: string | null;
let docIds: string[];

async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}
/** Expects a refusal and proves the library file's content did not change. */
async function refused(method: string, payload: unknown): Promise<AppError> {
  const before = dumpLibrary(library);
  const result = (await dispatch(method, payload)) as Result<unknown>;
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  expect(dumpLibrary(library)).toEqual(before);
  return result.error;
}

beforeEach(() => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  exportTo = null;
  const ports = { chooseFilesToImport: async () => null, chooseFileToOpen: async () => null, chooseExportPath: async () => exportTo };
  dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES), ports } as Parameters<typeof createServices>[0]), (err) => {
    throw err;
  });
  docIds = [1, 2, 3, 4].map((i) => library.documents.add({ title: `A${i}`, source: 's', text: `${TEXT} ${i}`, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document.id);
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

describe('the new-study form rules', () => {
  it('names each problem by a typed reason, in field order', () => {
    expect(studyFormProblems({ name: ' ', documentIds: [], analysts: [' '], doubleShare: 2 })).toEqual(['name-missing', 'no-documents', 'no-analysts', 'share-out-of-range']);
    expect(studyFormProblems({ name: 'x'.repeat(121), documentIds: ['d'], analysts: ['Ana'], doubleShare: 0.5 })).toEqual(['name-too-long', 'share-needs-two-analysts']);
    expect(studyFormProblems({ name: 'Pilot', documentIds: ['d'], analysts: ['Ana', 'Ana '], doubleShare: 0.2 })).toEqual(['share-needs-two-analysts']);
    expect(studyFormProblems({ name: 'Pilot', documentIds: ['d'], analysts: ['Ana'], doubleShare: 0 })).toEqual([]);
    expect(parseAnalystList(' Ana, Ben\nAna ,, Chen ')).toEqual(['Ana', 'Ben', 'Chen']);
  });
});

describe('createStudy, assignStudy, exportStudyDiagnosis', () => {
  it('creates a study of the chosen documents, records the tag set, and assigns with the double share', async () => {
    const created = await call<StudySummary>('createStudy', { name: 'Pilot', documentIds: docIds.slice(0, 3), analysts: ['Ana', 'Ben'], guidelineVersion: 'v2', doubleShare: 1 / 3 });
    expect(created).toEqual({ name: 'Pilot', documents: 3, analysts: ['Ana', 'Ben'], guidelineVersion: 'v2', doubleShare: 1 / 3 });
    const study = library.studies.getByName('Pilot');
    expect(study.tagSet.map((l) => l.id)).toEqual(library.labels.list().filter((l) => !l.archived).map((l) => l.id));
    // 3 documents, one of them to both: 4 assignments
    expect(library.studies.progress(study.id).reduce((n, p) => n + p.assigned, 0)).toBe(4);

    const progress = await call<StudyProgress[]>('assignStudy', { name: 'Pilot', doubleShare: 1 });
    expect(progress.map((p) => [p.name, p.assigned])).toEqual([
      ['Ana', 3],
      ['Ben', 3],
    ]);
    // without a version the tag set's own version is recorded
    const other = await call<StudySummary>('createStudy', { name: 'Second', documentIds: [docIds[3]], analysts: ['Ana'] });
    expect(other.guidelineVersion).toBe(library.studies.getByName('Second').guidelineVersion);
    expect(other.guidelineVersion).not.toBe('');
  });

  it('refuses bad input by typed code and reason, changing nothing', async () => {
    await call('createStudy', { name: 'Pilot', documentIds: docIds, analysts: ['Ana', 'Ben'] });
    expect((await refused('createStudy', { name: 'Pilot', documentIds: docIds, analysts: ['Ana'] })).code).toBe('conflict');
    const lonely = await refused('createStudy', { name: 'Solo', documentIds: docIds, analysts: ['Ana'], doubleShare: 0.5 });
    expect(lonely).toMatchObject({ code: 'invalid-input', details: ['share-needs-two-analysts'] });
    expect((await refused('createStudy', { name: 'Gone', documentIds: ['no-such-document'], analysts: ['Ana'] })).code).toBe('not-found');
    expect((await refused('createStudy', { name: 'Empty', documentIds: [], analysts: ['Ana'] })).code).toBe('invalid-input');
    expect((await refused('createStudy', { name: '  ', documentIds: docIds, analysts: ['Ana'] })).code).toBe('invalid-input');
    expect((await refused('assignStudy', { name: 'Pilot', doubleShare: 1.5 })).code).toBe('invalid-input');
    expect((await refused('assignStudy', { name: 'Nope', doubleShare: 0.5 })).code).toBe('not-found');
  });

  it('writes the diagnosis table as CSV where the analyst chose, or nothing when she cancels', async () => {
    await call('createStudy', { name: 'Border talks', documentIds: docIds.slice(0, 2), analysts: ['Ana', 'Ben'], doubleShare: 1 });
    const [ana, ben] = ['Ana', 'Ben'].map((n) => library.annotators.findByName(n)[0].id);
    library.annotations.add({ documentId: docIds[0], annotatorId: ana, labelId: 'fact', start: 0, end: 24 }, library.documents.textOf(docIds[0]));
    library.annotations.add({ documentId: docIds[0], annotatorId: ben, labelId: 'opinion', start: 0, end: 24 }, library.documents.textOf(docIds[0]));

    expect(await call('exportStudyDiagnosis', { name: 'Border talks' })).toEqual({ cancelled: true });
    expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.csv'))).toEqual([]);

    exportTo = path.join(tmp.dir, 'diagnosis.csv');
    expect(await call('exportStudyDiagnosis', { name: 'Border talks' })).toEqual({ written: exportTo, rows: 2 });
    const lines = fs.readFileSync(exportTo, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toContain('Ana');
    expect(lines[0]).toContain('Ben');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1)).toEqual(['"A1","0","24","fact","Alpha said the rain fell","x","opinion"', '"A1","0","24","opinion","Alpha said the rain fell","fact","x"']);
    expect((await refused('exportStudyDiagnosis', { name: 'Nope' })).code).toBe('not-found');
  });
});
