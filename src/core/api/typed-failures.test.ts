// Errors a person can act on are told apart by typed reasons and field maps set where the
// error is born (src/shared/result.ts), never by their wording: these tests assert codes,
// reasons, what a reason carries and fields only. An import that fails answers like every other
// call, with the Result's AppError; the services' answers (keep a chosen file for the analyst's
// answer) follow the reason whatever the message says.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Imported } from '../../shared/contract';
import { asksAnalyst } from '../../shared/import-questions';
import { fieldMap, type AppError, type Result } from '../../shared/result';
import { Library } from '../store/library';
import { loadBundledSample } from '../store/bundled-sample';
import { decodeText } from '../import/read-file-safely';
import { makeTempDir } from '../../../test/support/temp-library';
import { dumpLibrary } from '../../../test/support/dump-library';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
/** What the native file dialog answers next. */
let chooses: string[] | null = null;

beforeEach(async () => {
  chooses = null;
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  dispatch = createDispatch(
    createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES), ports: { chooseFilesToImport: async () => chooses, chooseExportPath: async () => null, chooseFileToOpen: async () => null } }),
  );
  expect((await dispatch('setAnnotatorName', { name: 'Ayesha' })).ok).toBe(true);
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

const refusal = async (method: string, payload: unknown): Promise<AppError> => {
  const r = (await dispatch(method, payload)) as Result<unknown>;
  if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
  return r.error;
};
const imported = async (payload: unknown): Promise<Imported> => {
  const r = (await dispatch('importFileData', payload)) as Result<Imported>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('typed reasons', () => {
  it('invalid UTF-8 is born with its reason, which alone asks about replacing the bad bytes', async () => {
    const bad = Uint8Array.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' au lait\n')]);
    expect(decodeText(bad, 'latin1.txt')).toMatchObject({ ok: false, error: { code: 'invalid-input', reason: 'invalid-text-encoding' } });

    const before = dumpLibrary(library);
    const error = await refusal('importFileData', { name: 'latin1.txt', dataBase64: base64(bad) });
    expect(error).toMatchObject({ code: 'invalid-input', reason: 'invalid-text-encoding' });
    expect(asksAnalyst(error)).toBe(true);
    expect(dumpLibrary(library)).toEqual(before);

    // Other invalid-input refusals carry no reason, so nothing is asked: a whitespace-only file, a binary.
    for (const [name, bytes, code] of [
      ['blank.txt', base64('   \n'), 'invalid-input'],
      ['nul.txt', base64(Uint8Array.from([0x61, 0, 0x62])), 'unsupported'],
    ] as const) {
      const other = await refusal('importFileData', { name, dataBase64: bytes });
      expect(other.code, name).toBe(code);
      expect(other.reason, name).toBeUndefined();
      expect(asksAnalyst(other), name).toBe(false);
    }
    expect(await imported({ name: 'latin1.txt', dataBase64: base64(bad), replaceInvalid: true })).toMatchObject({ kind: 'article' });
  });

  it("an arriving annotator with a local analyst's name is a 'name-clash' carrying the names to choose from", async () => {
    const file = (id: string, text: string) => ({
      format: 'claimtag',
      version: 1,
      documents: [{ id: 'd', title: 'T', text }],
      annotators: [{ id, name: 'Bilal' }],
      annotations: [{ document: 'd', annotator: id, label: 'fact', start: 0, end: 4 }],
    });
    expect(await imported({ name: 'one.json', dataBase64: base64(JSON.stringify(file('bilal-in-lahore', 'Alpha beta.'))) })).toMatchObject({ kind: 'annotations' });
    const before = dumpLibrary(library);
    const clash = await refusal('importFileData', { name: 'two.json', dataBase64: base64(JSON.stringify(file('bilal-in-karachi', 'Gamma delta.'))) });
    expect(clash).toMatchObject({ code: 'conflict', reason: 'name-clash', names: ['Bilal'] });
    expect(asksAnalyst(clash)).toBe(true);
    expect(dumpLibrary(library)).toEqual(before);
    // answered (the same person), the same file imports
    expect(await imported({ name: 'two.json', dataBase64: base64(JSON.stringify(file('bilal-in-karachi', 'Gamma delta.'))), arriving: { samePerson: true } })).toMatchObject({ kind: 'annotations', added: 1 });
  });

  it("a similar document is a 'similar-document' carrying the documents and where they differ", async () => {
    const text = [
      'The minister said the talks failed on Monday after two days of meetings in the capital.',
      'Critics called the plan unfair and costly, and the opposition asked for a public hearing.',
      'The ministry answered that the figures would be published next month with an independent audit.',
      'Farmers in three provinces said they had not been consulted before the plan was announced.',
    ].join(' ');
    const file = (body: string) => ({
      format: 'claimtag',
      version: 1,
      documents: [{ id: 'd', title: 'Talks', text: body }],
      annotators: [{ id: 'bilal-1', name: 'Bilal' }],
      annotations: [{ document: 'd', annotator: 'bilal-1', label: 'fact', start: 0, end: 12 }],
    });
    const ours = await imported({ name: 'ours.json', dataBase64: base64(JSON.stringify(file(text))) });
    if (ours.kind !== 'annotations') throw new Error('annotations expected');
    const before = dumpLibrary(library);
    const error = await refusal('importFileData', { name: 'theirs.json', dataBase64: base64(JSON.stringify(file(text.replace('Monday', 'Tuesday')))) });
    if (error.reason !== 'similar-document') throw new Error(`similar-document expected, got ${error.reason}`);
    expect(error.code).toBe('forbidden');
    expect(error.similar).toEqual([expect.objectContaining({ ref: 'd', documentId: ours.documentIds[0], changes: [expect.objectContaining({ ours: 'Monday', theirs: 'Tuesday' })] })]);
    expect(asksAnalyst(error)).toBe(true);
    expect(dumpLibrary(library)).toEqual(before);
  });

  it("work filed under the analyst's own name is an 'own-layer' question; a refusal she cannot answer is not one", async () => {
    const mine = { format: 'claimtag', version: 1, documents: [{ id: 'd', title: 'T', text: 'Alpha beta.' }], annotations: [{ document: 'd', annotator: 'Ayesha', label: 'fact', start: 0, end: 5 }] };
    const own = await refusal('importFileData', { name: 'mine.json', dataBase64: base64(JSON.stringify(mine)) });
    expect(own).toMatchObject({ code: 'forbidden', reason: 'own-layer' });
    expect(asksAnalyst(own)).toBe(true);
    const me = (await dispatch('getStartupState', {})) as Result<{ annotator: { id: string } }>;
    if (!me.ok) throw new Error('no startup state');
    const forged = { ...mine, annotators: [{ id: me.value.annotator.id, name: 'Bilal' }], annotations: [{ ...mine.annotations[0], annotator: me.value.annotator.id }] };
    const refused = await refusal('importFileData', { name: 'forged.json', dataBase64: base64(JSON.stringify(forged)) });
    expect(refused).toMatchObject({ code: 'forbidden', reason: 'forged-identity' });
    expect(asksAnalyst(refused)).toBe(false);
  });

  it('a chosen file is kept for an import again while its question is open, and let go after any other failure', async () => {
    const latin1 = path.join(tmp.dir, 'latin1.txt');
    const binary = path.join(tmp.dir, 'binary.txt');
    fs.writeFileSync(latin1, Uint8Array.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' au lait\n')]));
    fs.writeFileSync(binary, Uint8Array.from([0x61, 0, 0x62]));
    chooses = [latin1, binary];
    const picked = (await dispatch('chooseImportFiles', {})) as Result<{ files: Array<{ token: string }> }>;
    if (!picked.ok) throw new Error(picked.error.message);
    const [question, other] = picked.value.files.map((f) => f.token);
    expect(await refusal('importChosenFile', { token: question })).toMatchObject({ reason: 'invalid-text-encoding' });
    expect(await refusal('importChosenFile', { token: other })).toMatchObject({ code: 'unsupported' });
    // answered: the same token imports; the other one is gone
    expect(await dispatch('importChosenFile', { token: question, replaceInvalid: true })).toMatchObject({ ok: true, value: { kind: 'article' } });
    expect(await refusal('importChosenFile', { token: other })).toMatchObject({ code: 'not-found' });
    expect(await refusal('importChosenFile', { token: question })).toMatchObject({ code: 'not-found' });
  });

  it('a lone brat .ann and an empty clipboard fail with their codes and ask nothing', async () => {
    const ann = await refusal('importFileData', { name: 'x.ann', dataBase64: base64('T1\tfact 0 4\tAlph\n') });
    expect(ann).toMatchObject({ code: 'unsupported' });
    expect(ann.reason).toBeUndefined();
    const clip = await refusal('importClipboard', { text: '   ' });
    expect(clip.code).toBe('invalid-input');
    expect(asksAnalyst(clip)).toBe(false);
  });
});

describe('field maps', () => {
  it('a label refused for its name and shortcut names both fields', async () => {
    const error = await refusal('saveLabel', { id: 'fact-2', name: ' FACT ', color: '#2f7d4f', shortcut: '2', definition: '' });
    expect(error.code).toBe('conflict');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['name', 'shortcut']);
  });

  it('nested problems map to their top-level field, first message kept', () => {
    expect(fieldMap([
      { field: 'attributes.1.key', message: 'first' },
      { field: 'attributes.0.options', message: 'second' },
      { field: 'name', message: 'named' },
      { field: '', message: 'whole request' },
    ])).toEqual({ attributes: 'first', name: 'named', '(request)': 'whole request' });
  });

  it('a request the contract refuses maps each top-level field', async () => {
    const error = await refusal('saveLabel', { id: 'x', name: 'X', color: 'red', shortcut: 'ab', definition: 5 });
    expect(error.code).toBe('invalid-input');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['color', 'definition', 'shortcut']);
  });
});
