import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import type { Annotation, Annotator, DocumentRecord } from '../../shared/types';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';
import { loadBundledSample } from '../store/bundled-sample';

const RESOURCES = path.resolve(__dirname, '../../../resources');

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
let file: string;

const open = () => {
  library = Library.open(file);
  dispatch = createDispatch(
    createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES) }),
    (err) => {
      throw err;
    },
  );
};

async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message} ${result.error.details?.join('; ') ?? ''}`);
  return result.value;
}

beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'claimtag.sqlite');
  open();
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

const addDocument = (text: string): DocumentRecord =>
  library.documents.add({ title: 'T', source: 's', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] }).document;

describe('first run', () => {
  it('opens the bundled sample and has no annotator until one is named', async () => {
    const state = await call<{ annotator: Annotator | null; initialDocumentId: string }>('getStartupState', {});
    expect(state.annotator).toBeNull();
    const doc = await call<DocumentRecord>('getDocument', { id: state.initialDocumentId });
    expect(doc.title).toMatch(/Pakistan/);
    expect(doc.text.startsWith('IN a dramatic development')).toBe(true);
    expect(doc.blocks.length).toBeGreaterThan(5);
    for (const b of doc.blocks) expect(doc.text.slice(b.start, b.end)).toBe(doc.text.slice(b.start, b.end).trim());
    // asking again does not import it twice
    await call('getStartupState', {});
    expect(library.documents.list()).toHaveLength(1);
  });

  it('does not bring the sample back once the analyst has deleted it', async () => {
    const state = await call<{ initialDocumentId: string }>('getStartupState', {});
    await call('setAnnotatorName', { name: 'Ayesha' });
    await call('deleteDocument', { id: state.initialDocumentId });
    expect((await call<{ initialDocumentId: string | null }>('getStartupState', {})).initialDocumentId).toBeNull();
    expect(library.documents.list()).toHaveLength(0);
  });

  it('refuses to tag before the analyst has a name', async () => {
    const doc = addDocument('Some claim here.');
    const result = await dispatch('createAnnotation', { documentId: doc.id, labelId: 'fact', start: 0, end: 4 });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('renames the annotator without changing their identity', async () => {
    const a = await call<Annotator>('setAnnotatorName', { name: '  Ayesha  ' });
    expect(a.name).toBe('Ayesha');
    const b = await call<Annotator>('setAnnotatorName', { name: 'Ayesha K.' });
    expect(b.id).toBe(a.id);
    expect(library.annotators.list()).toEqual([{ id: a.id, name: 'Ayesha K.' }]);
  });
});

describe('annotations', () => {
  beforeEach(async () => {
    await call('setAnnotatorName', { name: 'Ayesha' });
  });

  it('create, change label, delete, restore — and all of it survives reopening', async () => {
    const doc = addDocument('The minister said the talks failed. Critics call it a disgrace.');
    const a = await call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'fact', start: 4, end: 35 });
    expect(a.quote).toBe('minister said the talks failed.');
    expect(a.prefix).toBe('The ');
    expect(a.annotatorName).toBe('Ayesha');
    const inner = await call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'opinion', start: 18, end: 34 });
    const changed = await call<Annotation>('updateAnnotation', { id: inner.id, labelId: 'allegation' });
    expect(changed.labelId).toBe('allegation');
    await call('deleteAnnotation', { id: a.id });
    expect((await call<Annotation[]>('listAnnotations', { documentId: doc.id })).map((x) => x.id)).toEqual([inner.id]);
    await call('restoreAnnotation', { id: a.id });

    library.close();
    open();
    const after = await call<Annotation[]>('listAnnotations', { documentId: doc.id });
    expect(after.map((x) => [x.labelId, x.start, x.end])).toEqual([
      ['fact', 4, 35],
      ['allegation', 18, 34],
    ]);
  });

  it('keeps offsets exact with emoji, combining marks and Urdu', async () => {
    const text = 'Flag 🇵🇰 and café (cafe\u0301) — وزیر خارجہ نے کہا 👍🏽 done';
    const doc = addDocument(text);
    const spans: Array<[number, number]> = [
      [5, 9], // the flag: two astral characters
      [14, 24],
      [text.indexOf('وزیر'), text.indexOf('کہا') + 3],
      [text.indexOf('👍🏽'), text.indexOf('👍🏽') + 4],
    ];
    for (const [start, end] of spans) {
      const a = await call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'fact', start, end });
      expect(a.quote).toBe(text.slice(start, end));
    }
    library.close();
    open();
    const quotes = (await call<Annotation[]>('listAnnotations', { documentId: doc.id })).map((a) => a.quote);
    expect(quotes).toEqual(spans.map(([s, e]) => text.slice(s, e)));
  });

  it('lists the first annotations in reading order when asked for a limit (a document\'s first screen)', async () => {
    const text = 'one two three four five six seven';
    const doc = addDocument(text);
    for (const word of ['five', 'two', 'seven', 'one']) {
      const start = text.indexOf(word);
      await call<Annotation>('createAnnotation', { documentId: doc.id, labelId: 'fact', start, end: start + word.length });
    }
    const quotes = async (input: object) => (await call<Annotation[]>('listAnnotations', { documentId: doc.id, ...input })).map((a) => a.quote);
    expect(await quotes({})).toEqual(['one', 'two', 'five', 'seven']);
    expect(await quotes({ limit: 2 })).toEqual(['one', 'two']);
    expect(await quotes({ limit: 10 })).toEqual(['one', 'two', 'five', 'seven']);
    for (const limit of [0, -1, 1.5, '2', null, 2_000_000]) {
      const r = await dispatch('listAnnotations', { documentId: doc.id, limit });
      expect(r.ok ? 'accepted' : r.error.code).toBe('invalid-input');
    }
  });

  it('refuses spans outside the text, empty, whitespace-only or cutting a surrogate pair', async () => {
    const doc = addDocument('ab 😀 cd');
    const bad: Array<[number, number]> = [
      [0, 99],
      [3, 3],
      [5, 2],
      [2, 3],
      [4, 6], // starts inside the emoji
    ];
    for (const [start, end] of bad) {
      const r = await dispatch('createAnnotation', { documentId: doc.id, labelId: 'fact', start, end });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(library.db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 });
  });

  it('answers bad payloads with typed errors, never exceptions', async () => {
    const doc = addDocument('Some text to tag.');
    const payloads: Array<[string, unknown]> = [
      ['createAnnotation', { documentId: doc.id, labelId: 'fact', start: '0', end: 4 }],
      ['createAnnotation', { documentId: doc.id, labelId: 'fact', start: 0.5, end: 4 }],
      ['createAnnotation', { documentId: doc.id, labelId: 'nope', start: 0, end: 4 }],
      ['createAnnotation', { documentId: 'missing', labelId: 'fact', start: 0, end: 4 }],
      ['createAnnotation', { documentId: doc.id, labelId: 'fact', start: 0, end: 4, extra: 1 }],
      ['createAnnotation', JSON.parse('{"__proto__": {"polluted": true}}')],
      ['updateAnnotation', { id: 'x'.repeat(500) }],
      ['updateAnnotation', { id: 'missing', confidence: 'certain' }],
      ['deleteAnnotation', null],
      ['deleteAnnotation', 'id'],
      ['noSuchMethod', {}],
      ['__proto__', {}],
      ['setAnnotatorName', { name: '   ' }],
    ];
    for (const [method, payload] of payloads) {
      const r = await dispatch(method, payload);
      expect(r.ok, `${method} ${JSON.stringify(payload)}`).toBe(false);
      if (!r.ok) expect(['invalid-input', 'not-found', 'conflict']).toContain(r.error.code);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(library.db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 });
  });
});
