import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import type { Annotation, DocumentRecord, Label } from '../../shared/types';
import { Library } from '../store/library';
import { loadBundledSample } from '../store/bundled-sample';
import { makeTempDir } from '../../../test/support/temp-library';
import { dumpLibrary } from '../../../test/support/dump-library';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';

const RESOURCES = path.resolve(__dirname, '../../../resources');

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
const dialogs = { exportPath: null as string | null, openFile: null as string | null };

const openLibrary = (file: string) => {
  library = Library.open(file);
  dispatch = createDispatch(
    createServices({
      library,
      dataDir: tmp.dir,
      loadSample: () => loadBundledSample(RESOURCES),
      ports: {
        chooseFilesToImport: async () => null,
        chooseExportPath: async () => dialogs.exportPath,
        chooseFileToOpen: async () => dialogs.openFile,
      },
    }),
    (err) => {
      throw err;
    },
  );
};

async function call<T>(method: string, payload: unknown = {}): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}

async function refuse(method: string, payload: unknown = {}) {
  const result = await dispatch(method, payload);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

beforeEach(async () => {
  dialogs.exportPath = null;
  dialogs.openFile = null;
  tmp = makeTempDir();
  openLibrary(path.join(tmp.dir, 'claimtag.sqlite'));
  await call('setAnnotatorName', { name: 'Ayesha' });
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

const TEXT = 'Officials said 40 people died. This was a disgrace. Rates will rise next year.';
const addDocument = (text = TEXT): DocumentRecord =>
  library.documents.add({ title: 'T', source: 's', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] }).document;
const tagWith = (doc: DocumentRecord, labelId: string, phrase: string) => {
  const start = doc.text.indexOf(phrase);
  return call<Annotation>('createAnnotation', { documentId: doc.id, labelId, start, end: start + phrase.length });
};
const base = (over: Partial<Label> = {}) => {
  const l = { ...library.labels.find('fact')!, ...over };
  return { id: l.id, name: l.name, color: l.color, shortcut: l.shortcut, definition: l.definition, examples: l.examples };
};
const snapshot = () => JSON.stringify({ labels: library.labels.list(), annotations: library.db.prepare('SELECT * FROM annotations ORDER BY id').all() });

describe('editing labels', () => {
  it('renames a label, keeping its id, colour, key and annotations', async () => {
    const doc = addDocument();
    await tagWith(doc, 'fact', 'Officials said 40 people died.');
    const labels = await call<Label[]>('saveLabel', base({ name: 'Verifiable fact' }));
    expect(labels.find((l) => l.id === 'fact')).toMatchObject({ name: 'Verifiable fact', shortcut: '1', color: '#2f7d4f', archived: false });
    expect(library.annotations.listForDocument(doc.id)[0].labelId).toBe('fact');
  });

  it('changes the colour: a light highlighter colour is kept (its badge takes dark letters); a malformed one is refused', async () => {
    const err = await refuse('saveLabel', base({ color: 'yellow' }));
    expect(err.details?.[0]).toMatch(/^color: /);
    expect(library.labels.find('fact')!.color).toBe('#2f7d4f');
    const labels = await call<Label[]>('saveLabel', base({ color: '#FFD966' }));
    expect(labels.find((l) => l.id === 'fact')!.color).toBe('#ffd966');
  });

  it('changes the shortcut; a key another label uses is refused with that label named', async () => {
    const err = await refuse('saveLabel', base({ shortcut: '2' }));
    expect(err).toMatchObject({ code: 'conflict', message: '2 is already the shortcut for Opinion.', details: ['shortcut: 2 is already the shortcut for Opinion.'] });
    expect(library.labels.find('fact')!.shortcut).toBe('1');
    await call('saveLabel', base({ shortcut: '7' }));
    expect(library.labels.find('fact')!.shortcut).toBe('7');
    await call('saveLabel', base({ shortcut: '' }));
    expect(library.labels.find('fact')!.shortcut).toBe('');
  });

  it('writes a definition and positive and negative examples', async () => {
    await call('saveLabel', base({ definition: '  Checkable.  ', examples: { positive: ['A', '  ', 'B'], negative: ['C'] } }));
    expect(library.labels.find('fact')).toMatchObject({ definition: 'Checkable.', examples: { positive: ['A', 'B'], negative: ['C'] } });
    // examples left out keep what was there
    const { examples: _e, ...withoutExamples } = base({ name: 'Fact!' });
    await call('saveLabel', withoutExamples);
    expect(library.labels.find('fact')!.examples).toEqual({ positive: ['A', 'B'], negative: ['C'] });
  });

  it('adds new labels with a free key or none, after the others, and tags with them', async () => {
    const doc = addDocument();
    await call('saveLabel', { id: 'statistic', name: 'Statistic', color: '#7a5c99', shortcut: '4', definition: 'A number.', examples: { positive: ['40 people'], negative: [] } });
    const labels = await call<Label[]>('saveLabel', { id: 'prediction', name: 'Prediction', color: '#3f7f7f', shortcut: '', definition: '' });
    expect(labels.map((l) => [l.id, l.shortcut])).toEqual([
      ['fact', '1'],
      ['opinion', '2'],
      ['allegation', '3'],
      ['source', '8'],
      ['cue', '9'],
      ['statistic', '4'],
      ['prediction', ''],
    ]);
    expect(labels.find((l) => l.id === 'statistic')!.examples).toEqual({ positive: ['40 people'], negative: [] });
    await tagWith(doc, 'prediction', 'Rates will rise next year.');
    expect((await refuse('saveLabel', { id: 'stat-2', name: 'statistic', color: '#7a5c99', shortcut: '', definition: '' })).message).toBe('Another label is already called “Statistic”.');
    expect((await refuse('saveLabel', { id: 'p', name: 'P', color: '#7a5c99', shortcut: '4', definition: '' })).message).toBe('4 is already the shortcut for Statistic.');
  });
});

describe('delete, merge, archive', () => {
  it('refuses to delete a label in use, saying how many annotations use it and offering merge or archive', async () => {
    const doc = addDocument();
    await tagWith(doc, 'opinion', 'This was a disgrace.');
    await tagWith(doc, 'opinion', 'Officials said');
    const err = await refuse('deleteLabel', { id: 'opinion' });
    expect(err.code).toBe('conflict');
    expect(err.message).toBe(
      '“Opinion” is used by 2 annotations, so it cannot be deleted. Merge it into another label to relabel them, or archive it to stop using it while keeping them.',
    );
    expect(library.labels.find('opinion')).not.toBeNull();
  });

  it('deletes an unused label (and any deleted annotations of it)', async () => {
    const doc = addDocument();
    const a = await tagWith(doc, 'allegation', 'This was a disgrace.');
    await call('deleteAnnotation', { id: a.id });
    const labels = await call<Label[]>('deleteLabel', { id: 'allegation' });
    expect(labels.map((l) => l.id)).toEqual(['fact', 'opinion', 'source', 'cue']);
    expect(library.annotations.exists(a.id)).toBe(false);
    expect((await refuse('deleteLabel', { id: 'allegation' })).code).toBe('not-found');
  });

  it('merges one label into another in one transaction, moving deleted annotations too so undo stays consistent', async () => {
    const doc = addDocument();
    const live = await tagWith(doc, 'allegation', 'This was a disgrace.');
    const gone = await tagWith(doc, 'allegation', 'Officials said');
    await tagWith(doc, 'fact', 'Rates will rise');
    await call('deleteAnnotation', { id: gone.id });
    const { labels, moved } = await call<{ labels: Label[]; moved: number }>('mergeLabel', { from: 'allegation', into: 'opinion' });
    expect(moved).toBe(1);
    expect(labels.map((l) => l.id)).toEqual(['fact', 'opinion', 'source', 'cue']);
    expect(library.annotations.get(live.id).labelId).toBe('opinion');
    expect(library.annotations.get(gone.id).labelId).toBe('opinion');
    // undo of the earlier deletion brings it back under the merged label
    expect((await call<Annotation>('restoreAnnotation', { id: gone.id })).labelId).toBe('opinion');
    expect((await refuse('mergeLabel', { from: 'fact', into: 'fact' })).message).toBe('Choose another label to merge into.');
    expect((await refuse('mergeLabel', { from: 'nope', into: 'fact' })).code).toBe('not-found');
  });

  it('rolls the whole merge back when any part fails', async () => {
    const doc = addDocument();
    await tagWith(doc, 'allegation', 'This was a disgrace.');
    const before = snapshot();
    library.db.exec("CREATE TEMP TRIGGER fail_label_delete BEFORE DELETE ON labels BEGIN SELECT RAISE(ABORT, 'boom'); END;");
    const result = await createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES) }))('mergeLabel', { from: 'allegation', into: 'fact' });
    expect(result.ok).toBe(false);
    library.db.exec('DROP TRIGGER fail_label_delete');
    expect(snapshot()).toBe(before);
  });

  it('archives a label: no new tags with it, existing ones stay and export; unarchive brings it back', async () => {
    const doc = addDocument();
    const a = await tagWith(doc, 'allegation', 'This was a disgrace.');
    const labels = await call<Label[]>('archiveLabel', { id: 'allegation', archived: true });
    expect(labels.find((l) => l.id === 'allegation')).toMatchObject({ archived: true, shortcut: '3' });
    expect(library.annotations.listForDocument(doc.id).map((x) => x.id)).toEqual([a.id]);
    expect((await refuse('createAnnotation', { documentId: doc.id, labelId: 'allegation', start: 0, end: 9 })).message).toMatch(/archived/);

    dialogs.exportPath = path.join(tmp.dir, 'doc.json');
    await call('exportDocuments', { format: 'json', documentIds: [doc.id] });
    const exported = fs.readFileSync(dialogs.exportPath, 'utf8');
    expect(exported).toContain('"allegation"');
    expect(exported).toContain('This was a disgrace.');

    // an archived label's key is free; taking it clears the archived label's key so unarchiving never clashes
    await call('saveLabel', { id: 'statistic', name: 'Statistic', color: '#7a5c99', shortcut: '3', definition: '' });
    const back = await call<Label[]>('archiveLabel', { id: 'allegation', archived: false });
    expect(back.find((l) => l.id === 'allegation')).toMatchObject({ archived: false, shortcut: '' });
    await tagWith(doc, 'allegation', 'Officials');
  });
});

describe('tag-set files', () => {
  it('exports a versioned file and imports it into a fresh library: same labels, examples and archived state', async () => {
    await call('saveLabel', { id: 'statistic', name: 'Statistic', color: '#7a5c99', shortcut: '4', definition: 'A number.', examples: { positive: ['40 people'], negative: ['many people'] } });
    await call('saveLabel', base({ name: 'Checked fact', shortcut: '5' }));
    await call('archiveLabel', { id: 'allegation', archived: true });
    dialogs.exportPath = path.join(tmp.dir, 'scheme.json');
    expect(await call('exportTagSet')).toEqual({ written: dialogs.exportPath });
    const file = JSON.parse(fs.readFileSync(dialogs.exportPath, 'utf8'));
    expect(file).toMatchObject({ format: 'claimtag-tagset', version: 2 });
    expect(Object.keys(file.labels[0]).sort()).toEqual(['archived', 'attributes', 'color', 'definition', 'examples', 'id', 'name', 'role', 'shortcut']);
    const exportedLabels = library.labels.list();
    library.close();

    openLibrary(path.join(tmp.dir, 'fresh.sqlite'));
    dialogs.openFile = dialogs.exportPath;
    const result = await call<{ labels: Label[]; added: string[]; updated: string[] }>('importTagSet');
    expect(result.added).toEqual(['Statistic']);
    expect(result.updated).toEqual(['Checked fact', 'Allegation']);
    expect(result.labels).toEqual(exportedLabels);
    // importing the same file again changes nothing
    expect(await call('importTagSet')).toMatchObject({ added: [], updated: [] });
  });

  it('imports a version 2 file’s roles and attributes; refuses one that would strand saved values, changing nothing', async () => {
    const verdict = { key: 'verdict', name: 'Verdict', type: 'scale', options: [{ key: 'true', name: 'True' }, { key: 'false', name: 'False' }] };
    const scheme = (attributes: unknown[]) => ({
      format: 'claimtag-tagset',
      version: 2,
      labels: [{ ...base(), archived: false, role: 'claim', attributes }, { id: 'speaker', name: 'Speaker', color: '#7a4fa0', shortcut: '', definition: '', examples: { positive: [], negative: [] }, archived: false, role: 'source', attributes: [] }],
    });
    dialogs.openFile = path.join(tmp.dir, 'v2.json');
    fs.writeFileSync(dialogs.openFile, JSON.stringify(scheme([verdict])));
    expect(await call('importTagSet')).toMatchObject({ added: ['Speaker'], updated: ['Fact'] });
    expect(library.labels.find('fact')!.attributes).toEqual([verdict]);
    expect(library.labels.find('speaker')!.role).toBe('source');
    const doc = addDocument();
    const claim = await tagWith(doc, 'fact', 'Officials said 40 people died.');
    await call('setAnnotationAttributes', { id: claim.id, values: { verdict: 'false' } });
    fs.writeFileSync(dialogs.openFile, JSON.stringify(scheme([])));
    const before = dumpLibrary(library);
    const err = await refuse('importTagSet');
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^Fact: 1 annotation of “Fact” has values for “Verdict” .* Nothing was changed\.$/) });
    expect(dumpLibrary(library)).toEqual(before);
  });

  it('cancelled dialogs change nothing', async () => {
    expect(await call('exportTagSet')).toEqual({ cancelled: true });
    expect(await call('importTagSet')).toEqual({ cancelled: true });
  });

  const hostile: Array<[string, string, RegExp]> = [
    ['newer version', JSON.stringify({ format: 'claimtag-tagset', version: 3, labels: [] }), /newer claimtag \(file version 3\)/],
    ['malformed JSON', '{"format":"claimtag-tagset","version":1,"labels":[', /not valid JSON/],
    ['wrong types', JSON.stringify({ format: 'claimtag-tagset', version: 1, labels: [{ id: 'fact', name: 7 }] }), /malformed/],
    ['__proto__ key', '{"format":"claimtag-tagset","version":1,"labels":[{"id":"fact","__proto__":{"isAdmin":true}}]}', /forbidden key/],
    ['prototype key', '{"format":"claimtag-tagset","version":1,"labels":[],"x":{"prototype":1}}', /forbidden key/],
    ['not UTF-8', '\u0000', /malformed|not valid JSON|not a claimtag/],
    [
      'shortcut clash with a label outside the file',
      JSON.stringify({ format: 'claimtag-tagset', version: 1, labels: [{ id: 'fact', name: 'Fact', color: '#2f7d4f', shortcut: '2', definition: '', examples: { positive: [], negative: [] }, archived: false }] }),
      /2 is already the shortcut for Opinion, which the file does not include/,
    ],
  ];
  it.each(hostile)('rejects a file with %s and changes nothing', async (_what, text, reason) => {
    const doc = addDocument();
    await tagWith(doc, 'fact', 'Officials said');
    const before = snapshot();
    dialogs.openFile = path.join(tmp.dir, 'bad.json');
    fs.writeFileSync(dialogs.openFile, text);
    const err = await refuse('importTagSet');
    expect([err.message, ...(err.details ?? [])].join(' ')).toMatch(reason);
    expect(snapshot()).toBe(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rejects files that are too large or not UTF-8 before parsing', async () => {
    const before = snapshot();
    dialogs.openFile = path.join(tmp.dir, 'big.json');
    fs.writeFileSync(dialogs.openFile, Buffer.alloc(3 * 1024 * 1024, 0x20));
    expect((await refuse('importTagSet')).code).toBe('too-large');
    fs.writeFileSync(dialogs.openFile, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect((await refuse('importTagSet')).message).toMatch(/not UTF-8/);
    expect(snapshot()).toBe(before);
  });
});
