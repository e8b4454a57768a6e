// Errors a person can act on are told apart by typed reasons and field maps set where the
// error is born (src/shared/result.ts), never by their wording: these tests assert codes,
// reasons and fields only, and the services' answers (offer to replace bad bytes, ask about a
// name clash) follow the reason whatever the message says.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../shared/contract';
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

beforeEach(async () => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  dispatch = createDispatch(
    createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES), ports: { chooseFilesToImport: async () => null, chooseExportPath: async () => null, chooseFileToOpen: async () => null } }),
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
const imported = async (payload: unknown): Promise<ImportResult> => {
  const r = (await dispatch('importFileData', payload)) as Result<ImportResult>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('typed reasons', () => {
  it('invalid UTF-8 is born with its reason, and only it offers replacing the bad bytes', async () => {
    const bad = Uint8Array.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' au lait\n')]);
    expect(decodeText(bad, 'latin1.txt')).toMatchObject({ ok: false, error: { code: 'invalid-input', reason: 'invalid-text-encoding' } });

    const before = dumpLibrary(library);
    const result = await imported({ name: 'latin1.txt', dataBase64: base64(bad) });
    expect(result).toMatchObject({ ok: false, canReplaceInvalid: true });
    expect(dumpLibrary(library)).toEqual(before);

    // Other invalid-input refusals do not offer it: a whitespace-only file, a binary.
    expect(await imported({ name: 'blank.txt', dataBase64: base64('   \n') })).toMatchObject({ ok: false, canReplaceInvalid: false });
    expect(await imported({ name: 'nul.txt', dataBase64: base64(Uint8Array.from([0x61, 0, 0x62])) })).toMatchObject({ ok: false, canReplaceInvalid: false });
    expect(await imported({ name: 'latin1.txt', dataBase64: base64(bad), replaceInvalid: true })).toMatchObject({ ok: true, kind: 'article' });
  });

  it("an arriving annotator with a local analyst's name is a 'name-clash' and the names come back to choose from", async () => {
    const file = (id: string, text: string) => ({
      format: 'claimtag',
      version: 1,
      documents: [{ id: 'd', title: 'T', text }],
      annotators: [{ id, name: 'Bilal' }],
      annotations: [{ document: 'd', annotator: id, label: 'fact', start: 0, end: 4 }],
    });
    expect(await imported({ name: 'one.json', dataBase64: base64(JSON.stringify(file('bilal-in-lahore', 'Alpha beta.'))) })).toMatchObject({ ok: true });
    const before = dumpLibrary(library);
    const clash = await imported({ name: 'two.json', dataBase64: base64(JSON.stringify(file('bilal-in-karachi', 'Gamma delta.'))) });
    expect(clash).toMatchObject({ ok: false, reason: 'name-clash', nameClashes: ['Bilal'], canReplaceInvalid: false });
    expect(dumpLibrary(library)).toEqual(before);
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
