import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../shared/compare';
import type { AppError, Result } from '../../shared/result';
import type { DocumentRecord } from '../../shared/types';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';

const RESOURCES = path.resolve(__dirname, '../../../resources');
const TEXT = 'Alpha said the rain fell. Beta thinks it was cold. Gamma claims a crime. Delta is quiet.';

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dispatch: Dispatch;
let doc: DocumentRecord;
const ids: Record<string, string> = {};

async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message} ${result.error.details?.join('; ') ?? ''}`);
  return result.value;
}
async function failure(method: string, payload: unknown): Promise<AppError> {
  const result = (await dispatch(method, payload)) as Result<unknown>;
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

const at = (needle: string) => {
  const start = TEXT.indexOf(needle);
  if (start < 0) throw new Error(needle);
  return { start, end: start + needle.length };
};
const tag = (who: string, labelId: string, needle: string, extra: { note?: string; attribution?: string } = {}) =>
  library.annotations.add({ documentId: doc.id, annotatorId: ids[who], labelId, ...at(needle), ...extra }, TEXT);

beforeEach(async () => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'claimtag.sqlite'));
  dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES) }), (err) => {
    throw err;
  });
  doc = library.documents.add({ title: 'T', source: 's', text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document;
  await call('setAnnotatorName', { name: 'Lead' });
  for (const name of ['Ana', 'Ben', 'Cy']) ids[name] = library.annotators.add(name).id;
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

function seed() {
  for (const who of ['Ana', 'Ben', 'Cy']) tag(who, 'fact', 'Alpha said the rain fell.'); // agreement
  tag('Ana', 'opinion', 'Beta thinks it was cold.', { note: 'hedged', attribution: 'Beta' });
  tag('Ben', 'fact', 'Beta thinks it was cold.');
  tag('Cy', 'opinion', 'Beta thinks it was cold.'); // label conflict
  tag('Ana', 'allegation', 'Gamma claims a crime.');
  tag('Ben', 'allegation', 'claims a crime.'); // missed by Cy + boundary
}

describe('compareDocument', () => {
  it('lists differences, confusion and the agreement report for everyone who tagged', async () => {
    seed();
    const r = await call<CompareResult>('compareDocument', { documentId: doc.id });
    expect(r.annotators.map((a) => [a.name, a.count])).toEqual([
      ['Ana', 3],
      ['Ben', 3],
      ['Cy', 2],
    ]);
    expect(r.differences.map((d) => d.kind)).toEqual(['agreement', 'label-conflict', 'missed']);
    expect(r.report.annotators).toEqual(['Ana', 'Ben', 'Cy']);
    expect(r.report.spans.f1).toHaveLength(3);
    expect(r.confusion.pairs).toHaveLength(3);
    expect(r.referenceAnnotatorId).toBeNull();
    expect(r.differences[1].spans.map((s) => [s.annotatorName, s.labelId])).toEqual([
      ['Ana', 'opinion'],
      ['Ben', 'fact'],
      ['Cy', 'opinion'],
    ]);
  });

  it('gives a defined result with notes for one annotator or none', async () => {
    const none = await call<CompareResult>('compareDocument', { documentId: doc.id });
    expect(none.differences).toEqual([]);
    expect(none.report.spans.alphaU).toBeNull();
    expect(none.report.notes.join(' ')).toMatch(/at least 2 annotators/);
    tag('Ana', 'fact', 'Delta is quiet.');
    const one = await call<CompareResult>('compareDocument', { documentId: doc.id });
    expect(one.annotators.map((a) => a.name)).toEqual(['Ana']);
    expect(one.report.notes.join(' ')).toMatch(/Only Ana has tagged/);
  });

  it('answers unknown ids with typed errors', async () => {
    expect((await failure('compareDocument', { documentId: 'nope' })).code).toBe('not-found');
    expect((await failure('compareDocument', { documentId: doc.id, annotatorIds: [ids.Ana, 'ghost'] })).code).toBe('not-found');
    expect((await failure('compareDocument', { documentId: doc.id, annotatorIds: [ids.Ana] })).code).toBe('invalid-input');
    seed();
    const e = await failure('adjudicate', { documentId: doc.id, differenceId: '1-2-missed', decision: { kind: 'reject' } });
    expect(e.code).toBe('not-found');
  });

  it('copes with hundreds of annotators', async () => {
    const many = Array.from({ length: 120 }, (_, k) => library.annotators.add(`N${k}`));
    library.transaction(() => {
      for (const [k, a] of many.entries()) {
        library.annotations.add({ documentId: doc.id, annotatorId: a.id, labelId: k % 3 ? 'fact' : 'opinion', ...at('Delta is quiet.') }, TEXT);
      }
    });
    const r = await call<CompareResult>('compareDocument', { documentId: doc.id });
    expect(r.annotators).toHaveLength(120);
    expect(r.differences).toHaveLength(1);
    expect(r.confusion.pairs).toEqual([]);
    expect(r.report.spans.f1).toEqual([]);
    expect(r.report.notes.join(' ')).toMatch(/not listed for more than 50/);
  });
});

describe('adjudication', () => {
  it('accept copies span, label, note and attribution into the reference, with who decided and why', async () => {
    seed();
    const before = await call<CompareResult>('compareDocument', { documentId: doc.id });
    const conflict = before.differences.find((d) => d.kind === 'label-conflict')!;
    const ana = conflict.spans.find((s) => s.annotatorName === 'Ana')!;
    const r = await call<CompareResult>('adjudicate', {
      documentId: doc.id,
      differenceId: conflict.id,
      decision: { kind: 'accept', annotationId: ana.annotationId },
      reason: 'Beta states a view',
    });
    expect(r.referenceAnnotatorId).not.toBeNull();
    expect(r.annotators.map((a) => a.name)).toEqual(['Ana', 'Ben', 'Cy']); // reference not compared
    expect(r.differences.find((d) => d.id === conflict.id)!.settled).toBe(true);
    expect(r.differences.filter((d) => d.settled)).toHaveLength(1);
    const reference = library.annotations.listForDocument(doc.id).filter((a) => a.annotatorId === r.referenceAnnotatorId);
    expect(reference).toHaveLength(1);
    expect(reference[0]).toMatchObject({ labelId: 'opinion', ...at('Beta thinks it was cold.'), attribution: 'Beta', annotatorName: 'reference' });
    expect(reference[0].note).toBe('hedged\nAdjudicated by Lead: Beta states a view');
    expect(r.decisions).toMatchObject([{ kind: 'accept', by: 'Lead', reason: 'Beta states a view', labelId: 'opinion', source: 'Ana', span: at('Beta thinks it was cold.') }]);
    expect(Date.parse(r.decisions[0].at)).not.toBeNaN();

    // accepting another side replaces the reference span in that place
    const ben = conflict.spans.find((s) => s.annotatorName === 'Ben')!;
    await call('adjudicate', { documentId: doc.id, differenceId: conflict.id, decision: { kind: 'accept', annotationId: ben.annotationId } });
    const after = library.annotations.listForDocument(doc.id).filter((a) => a.annotatorId === r.referenceAnnotatorId);
    expect(after.map((a) => [a.labelId, a.note])).toEqual([['fact', 'Adjudicated by Lead']]);
    // one reference annotator per library
    expect(library.annotators.findByName('reference')).toHaveLength(1);
  });

  it('reject removes reference spans there and settles the place; new writes a fresh span', async () => {
    seed();
    const before = await call<CompareResult>('compareDocument', { documentId: doc.id });
    const missed = before.differences.find((d) => d.kind === 'missed')!;
    await call('adjudicate', { documentId: doc.id, differenceId: missed.id, decision: { kind: 'accept', annotationId: missed.spans[0].annotationId } });
    const r = await call<CompareResult>('adjudicate', { documentId: doc.id, differenceId: missed.id, decision: { kind: 'reject' }, reason: 'not a claim' });
    expect(r.reference).toEqual([]);
    expect(r.differences.find((d) => d.id === missed.id)!.settled).toBe(true);
    expect(r.decisions.map((d) => d.kind)).toEqual(['accept', 'reject']);

    const agreement = r.differences.find((d) => d.kind === 'agreement')!;
    const fresh = await call<CompareResult>('adjudicate', {
      documentId: doc.id,
      differenceId: agreement.id,
      decision: { kind: 'new', labelId: 'opinion', ...at('Alpha said') },
    });
    expect(fresh.reference.map((s) => [s.labelId, s.quote])).toEqual([['opinion', 'Alpha said']]);
    // the log says what was decided: the rejection has no span, the new span its label and boundary
    expect(fresh.decisions[1]).not.toHaveProperty('span');
    expect(fresh.decisions[2]).toMatchObject({ kind: 'new', labelId: 'opinion', span: at('Alpha said') });
    const bad = await failure('adjudicate', { documentId: doc.id, differenceId: agreement.id, decision: { kind: 'new', labelId: 'opinion', ...at('Delta') } });
    expect(bad.code).toBe('invalid-input');
    const noLabel = await failure('adjudicate', { documentId: doc.id, differenceId: agreement.id, decision: { kind: 'new', labelId: 'zzz', ...at('Alpha') } });
    expect(noLabel.code).toBe('not-found');
    const notHere = await failure('adjudicate', {
      documentId: doc.id,
      differenceId: agreement.id,
      decision: { kind: 'accept', annotationId: missed.spans[0].annotationId },
    });
    expect(notHere.code).toBe('not-found');
  });

  it('a failed write leaves nothing half done', async () => {
    seed();
    const before = await call<CompareResult>('compareDocument', { documentId: doc.id });
    const agreement = before.differences.find((d) => d.kind === 'agreement')!;
    await call('adjudicate', { documentId: doc.id, differenceId: agreement.id, decision: { kind: 'accept', annotationId: agreement.spans[0].annotationId } });
    // whitespace-only span: rejected by the store after the old reference span was deleted in the same transaction
    const space = TEXT.indexOf(' ');
    const e = await failure('adjudicate', { documentId: doc.id, differenceId: agreement.id, decision: { kind: 'new', labelId: 'fact', start: space, end: space + 1 } });
    expect(e.code).toBe('invalid-input');
    const r = await call<CompareResult>('compareDocument', { documentId: doc.id });
    expect(r.reference).toHaveLength(1);
    expect(r.decisions).toHaveLength(1);
  });

  it('autoMerge copies spans at least N annotators agree on, skipping settled places and existing reference spans', async () => {
    seed();
    tag('Ana', 'fact', 'Delta is quiet.');
    tag('Ben', 'fact', 'Delta is quiet.');
    const three = await call<{ result: CompareResult; merged: number }>('autoMerge', { documentId: doc.id, minAgreeing: 3 });
    expect(three.merged).toBe(1);
    expect(three.result.reference.map((s) => s.quote)).toEqual(['Alpha said the rain fell.']);
    expect(three.result.reference[0].annotatorName).toBe('reference');
    const note = library.annotations.get(three.result.reference[0].annotationId).note;
    expect(note).toBe('Adjudicated by Lead: auto-merge, 3 of 3 annotators agreed exactly');

    const two = await call<{ result: CompareResult; merged: number }>('autoMerge', { documentId: doc.id, minAgreeing: 2 });
    // Beta (Ana+Cy opinion) and Delta (Ana+Ben); Alpha is already in the reference
    expect(two.merged).toBe(2);
    expect(two.result.reference.map((s) => [s.quote, s.labelId])).toEqual([
      ['Alpha said the rain fell.', 'fact'],
      ['Beta thinks it was cold.', 'opinion'],
      ['Delta is quiet.', 'fact'],
    ]);
    const again = await call<{ merged: number }>('autoMerge', { documentId: doc.id, minAgreeing: 2 });
    expect(again.merged).toBe(0);
  });

  it('needs a named annotator to decide', async () => {
    seed();
    library.settings.set('current-annotator', 'gone');
    const r = await call<CompareResult>('compareDocument', { documentId: doc.id });
    const e = await failure('adjudicate', { documentId: doc.id, differenceId: r.differences[0].id, decision: { kind: 'reject' } });
    expect(e.code).toBe('conflict');
  });
});
