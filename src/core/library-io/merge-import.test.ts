// mergeImport on real SQLite files: clash check, renames, idempotence, all-or-nothing, labels, W3C.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../shared/result';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { importClaimtagJson } from '../interchange/claimtag-json-import';
import { exportW3c } from '../interchange/w3c';
import type { ImportedAnnotation, ParsedImport } from '../interchange/types';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { importPaths } from './import-paths';
import { loadBundle } from './load-bundle';
import { blocksOfLines, mergeImport } from './merge-import';

const TEXT = 'The minister said the border will reopen. Critics allege fraud in the talks. It is a bad idea.';

let temp: ReturnType<typeof makeTempDir>;
const opened: Library[] = [];
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  for (const l of opened.splice(0)) l.close();
  temp.cleanup();
});

function open(name: string): Library {
  const library = Library.open(path.join(temp.dir, `${name}.sqlite`));
  opened.push(library);
  return library;
}

function counts(library: Library): Record<string, number> {
  const n = (table: string) => (library.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { documents: n('documents'), annotators: n('annotators'), labels: n('labels'), annotations: n('annotations') };
}

function parse(file: unknown): ParsedImport {
  const parsed = importClaimtagJson(JSON.stringify(file));
  if (!parsed.ok) throw new Error(`${parsed.error.message} ${JSON.stringify(parsed.error.details)}`);
  return parsed.value;
}

/** A library with the text and Ayesha's fact on "The minister". */
function libraryWithAyesha(name = 'local'): Library {
  const library = open(name);
  const { document } = library.documents.add({ title: 'Local', source: '', text: TEXT, blocks: blocksOfLines(TEXT) });
  const ayesha = library.annotators.add('Ayesha');
  library.annotations.add({ documentId: document.id, annotatorId: ayesha.id, labelId: 'fact', start: 0, end: 12 }, TEXT);
  return library;
}

/** A file from another library: Ayesha with id "other-ayesha" marks an allegation. */
const foreignFile = {
  format: 'claimtag',
  version: 1,
  documents: [{ id: 'remote-doc', title: 'Remote', text: TEXT }],
  annotators: [{ id: 'other-ayesha', name: 'Ayesha' }],
  annotations: [{ document: 'remote-doc', annotator: 'other-ayesha', label: 'allegation', start: 42, end: 62 }],
};

function expectFailure(fn: () => unknown, code: string): AppFailure {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppFailure);
    expect((err as AppFailure).error.code).toBe(code);
    return err as AppFailure;
  }
  throw new Error('expected a failure');
}

describe('mergeImport: annotators with the same name', () => {
  it('refuses a same-name annotator with a different id and writes nothing', () => {
    const library = libraryWithAyesha();
    const before = counts(library);
    const labels = library.labels.list();
    const failure = expectFailure(() => mergeImport(library, parse({ ...foreignFile, annotations: [...foreignFile.annotations, { document: 'remote-doc', annotator: 'other-ayesha', label: 'rumour', start: 0, end: 3 }] })), 'conflict');
    expect(failure.error.message).toMatch(/already has "Ayesha"/);
    expect(failure.error.details).toEqual(['Ayesha']);
    expect(counts(library)).toEqual(before);
    expect(library.labels.list()).toEqual(labels);
  });

  it('files the work under another name with renameAnnotators', () => {
    const library = libraryWithAyesha();
    const report = mergeImport(library, parse(foreignFile), { renameAnnotators: { Ayesha: 'Ayesha (Lahore desk)' } });
    expect(report.annotators).toEqual([{ name: 'Ayesha (Lahore desk)', id: 'other-ayesha', status: 'new' }]);
    expect(report.documents[0].existed).toBe(true);
    expect(report.annotationsAdded).toBe(1);
    expect(library.annotators.list().map((a) => a.name)).toEqual(['Ayesha', 'Ayesha (Lahore desk)']);
    const [doc] = library.documents.list();
    expect(library.annotations.listForDocument(doc.id).map((a) => [a.annotatorName, a.labelId])).toEqual([
      ['Ayesha', 'fact'],
      ['Ayesha (Lahore desk)', 'allegation'],
    ]);
  });

  it('treats them as one person with mergeSameNames', () => {
    const library = libraryWithAyesha();
    const local = library.annotators.findByName('Ayesha')[0];
    const report = mergeImport(library, parse(foreignFile), { mergeSameNames: true });
    expect(report.annotators).toEqual([{ name: 'Ayesha', id: local.id, status: 'known' }]);
    expect(library.annotators.list()).toEqual([local]);
    expect(counts(library).annotations).toBe(2);
  });

  it('matches an annotator without an id (hand-written file) by name, and re-importing it changes nothing', () => {
    const library = libraryWithAyesha();
    const local = library.annotators.findByName('Ayesha')[0];
    const handWritten = { format: 'claimtag', version: 1, documents: [{ id: 'd1', title: 'T', text: TEXT }], annotations: [{ document: 'd1', annotator: 'Ayesha', label: 'opinion', start: 77, end: 94 }] };
    const first = mergeImport(library, parse(handWritten));
    expect(first.annotators).toEqual([{ name: 'Ayesha', id: local.id, status: 'known' }]);
    expect(first.annotationsAdded).toBe(1);
    const second = mergeImport(library, parse(handWritten));
    expect(second).toMatchObject({ annotationsAdded: 0, annotationsUnchanged: 1, labelsAdded: [] });
    expect(library.annotators.list()).toEqual([local]);
  });
});

describe('mergeImport: idempotence and identity', () => {
  it('re-importing a file is idempotent', () => {
    const library = open('target');
    const parsed = parse(foreignFile);
    const first = mergeImport(library, parsed);
    expect(first).toMatchObject({ annotationsAdded: 1, annotationsUnchanged: 0 });
    const before = counts(library);
    const second = mergeImport(library, parse(foreignFile));
    expect(second).toMatchObject({ annotationsAdded: 0, annotationsUnchanged: 1, labelsAdded: [] });
    expect(second.documents[0].existed).toBe(true);
    expect(second.annotators[0].status).toBe('known');
    expect(counts(library)).toEqual(before);
  });

  it('an exported library imported into a fresh one exports identically (document ids and dates kept)', () => {
    const source = libraryWithAyesha('source');
    const exported = exportClaimtagJson(loadBundle(source, { documents: 'all' }));
    const target = open('target');
    mergeImport(target, parse(JSON.parse(exported)));
    expect(exportClaimtagJson(loadBundle(target, { documents: 'all' }))).toBe(exported);
    // a second copy of the same text under another id still matches by hash
    const again = mergeImport(target, parse({ ...JSON.parse(exported), documents: JSON.parse(exported).documents.map((d: object) => ({ ...d, id: 'x' })), annotations: [] }));
    expect(again.documents[0]).toMatchObject({ existed: true, id: source.documents.list()[0].id });
  });
});

describe('mergeImport: all or nothing', () => {
  it('rolls back the whole file when an annotation fails midway', () => {
    const library = libraryWithAyesha();
    const before = counts(library);
    const base = parse({
      format: 'claimtag',
      version: 1,
      documents: [
        { id: 'n1', title: 'New one', text: 'A brand new article about trade.' },
        { id: 'n2', title: 'New two', text: 'Another new article about talks.' },
      ],
      annotators: [{ id: 'z', name: 'Zara' }],
      annotations: [
        { document: 'n1', annotator: 'z', label: 'rumour', start: 0, end: 7 },
        { document: 'n2', annotator: 'z', label: 'satire', start: 0, end: 7 },
      ],
    });
    // the second annotation is corrupted after parsing: it covers only a space, which the store refuses
    const bad: ImportedAnnotation = { ...base.annotations[1], start: 7, end: 8 };
    const parsed: ParsedImport = { ...base, annotations: [base.annotations[0], bad] };
    expectFailure(() => mergeImport(library, parsed), 'invalid-input');
    expect(counts(library)).toEqual(before);
    expect(library.labels.find('rumour')).toBeNull();
    expect(library.annotators.findByName('Zara')).toEqual([]);
    expect(library.documents.list().map((d) => d.title)).toEqual(['Local']);
  });
});

describe('mergeImport: labels', () => {
  it('adds missing labels with the free shortcuts, then none', () => {
    const library = open('labels');
    const names = ['rumour', 'satire', 'spin', 'leak', 'quote', 'denial', 'forecast'];
    const text = 'one two three four five six seven';
    const words = [...text.matchAll(/\w+/g)];
    const report = mergeImport(
      library,
      parse({
        format: 'claimtag',
        version: 1,
        documents: [{ id: 'd', text }],
        labels: ['fact', ...names.map((id) => (id === 'spin' ? { id, name: 'Spin doctoring', color: '#123456' } : id))],
        annotations: [{ document: 'd', annotator: 'A', label: 'fact', start: 0, end: 3 }, ...names.map((label, i) => ({ document: 'd', annotator: 'A', label, start: words[i].index, end: words[i].index + words[i][0].length }))],
      }),
    );
    expect(report.labelsAdded).toEqual(names);
    const byId = new Map(library.labels.list().map((l) => [l.id, l]));
    // 8 and 9 are the bundled Source and Cue labels' keys
    expect(names.map((id) => byId.get(id)!.shortcut)).toEqual(['4', '5', '6', '7', '', '', '']);
    expect(byId.get('fact')!.shortcut).toBe('1');
    expect(byId.get('spin')).toMatchObject({ name: 'Spin doctoring', color: '#123456' });
    expect(byId.get('rumour')).toMatchObject({ name: 'Rumour', archived: false });
    expect(byId.get('rumour')!.color).toMatch(/^#[0-9a-f]{6}$/);
    const orders = [...byId.values()].map((l) => l.sortOrder);
    expect(new Set(orders).size).toBe(orders.length);
  });
});

describe('mergeImport: one batch equals row by row', () => {
  const LONG = Array.from({ length: 8 }, (_, i) => `Paragraph ${i}: the minister said the border will reopen, critics allege fraud in talks number ${i}, and it is a bad idea.`).join('\n');
  // the same article with a doubled space early on (spans after it move; those whose recorded
  // context holds it cannot be placed) and one word changed in the last paragraph
  const VARIANT = `${LONG.replace('the minister said', 'the  minister said').slice(0, LONG.lastIndexOf('bad idea.') + 1)}poor idea.`;
  const NEW = 'A brand new article about trade, talks and a border that will reopen.';
  const texts: Record<string, string> = { copy: LONG, variant: VARIANT, fresh: NEW };
  const words = Object.fromEntries(Object.entries(texts).map(([ref, t]) => [ref, [...t.matchAll(/[\w,.]+/g)].map((m) => [m.index, m.index + m[0].length] as const)]));
  const REFS = ['r1', 'r2', 'taken', 'taken-deleted'];

  function baseLibraryFile(): string {
    const library = open('base');
    const { document } = library.documents.add({ title: 'Local', source: '', text: LONG, blocks: blocksOfLines(LONG) });
    const ayesha = library.annotators.add('Ayesha', 'local-ayesha');
    const zara = library.annotators.add('Zara', 'zid');
    const [w0, w1, w2] = words.copy;
    library.annotations.add({ id: 'taken', documentId: document.id, annotatorId: ayesha.id, labelId: 'fact', start: w0[0], end: w0[1], createdAt: '2025-01-01T00:00:00.000Z' }, LONG);
    library.annotations.add({ id: 'kept', documentId: document.id, annotatorId: zara.id, labelId: 'opinion', start: w1[0], end: w2[1], createdAt: '2025-01-01T00:00:00.000Z' }, LONG);
    library.annotations.add({ id: 'taken-deleted', documentId: document.id, annotatorId: ayesha.id, labelId: 'fact', start: w1[0], end: w1[1], createdAt: '2025-01-01T00:00:00.000Z' }, LONG);
    library.annotations.softDelete('taken-deleted');
    library.db.pragma('wal_checkpoint(TRUNCATE)');
    library.close();
    return library.path;
  }

  const annotation = fc
    .record({
      doc: fc.constantFrom('copy', 'variant', 'fresh'),
      word: fc.oneof(fc.nat(4), fc.integer({ min: 18, max: 21 })),
      length: fc.integer({ min: 1, max: 2 }),
      label: fc.constantFrom('fact', 'opinion', 'rumour'),
      who: fc.constantFrom<[string, string | undefined]>(['Ayesha', undefined], ['Ayesha', 'local-ayesha'], ['Zara', 'zid'], ['Bilal', 'bid']),
      ref: fc.option(fc.constantFrom(...REFS), { nil: undefined }),
    })
    .map(({ doc, word, length, label, who, ref }): ImportedAnnotation => {
      const spans = words[doc];
      const first = spans[word % spans.length];
      const last = spans[Math.min(spans.length - 1, (word % spans.length) + length - 1)];
      const text = texts[doc];
      return {
        ...(ref ? { ref } : {}),
        documentRef: doc,
        annotator: who[0],
        ...(who[1] ? { annotatorId: who[1] } : {}),
        label,
        start: first[0],
        end: last[1],
        quote: text.slice(first[0], last[1]),
        prefix: text.slice(Math.max(0, first[0] - 32), first[0]),
        suffix: text.slice(last[1], last[1] + 32),
        note: '',
        attribution: '',
        confidence: null,
        createdAt: '2025-06-02T10:00:00.000Z',
        updatedAt: '2025-06-02T10:00:00.000Z',
      };
    });

  /** Every table's rows in insertion order; ids made here (random) shown as "*". */
  function state(library: Library): unknown {
    const known = new Set([...REFS, 'kept']);
    const rows = library.db.prepare('SELECT * FROM annotations ORDER BY rowid').all() as Array<Record<string, unknown>>;
    return {
      annotations: rows.map((r) => ({ ...r, id: known.has(r.id as string) ? r.id : '*' })),
      annotators: library.db.prepare('SELECT id, name FROM annotators ORDER BY rowid').all(),
      labels: library.db.prepare('SELECT * FROM labels ORDER BY rowid').all(),
      documents: library.db.prepare('SELECT id, sha256 FROM documents ORDER BY rowid').all(),
    };
  }

  it('tells spans that share a start apart, in the library and within the file', () => {
    const library = libraryWithAyesha(); // Ayesha's fact on 0–12 "The minister"
    const file = (spans: Array<[number, number]>) =>
      parse({ format: 'claimtag', version: 1, documents: [{ id: 'd', text: TEXT }], annotations: spans.map(([start, end]) => ({ document: 'd', annotator: 'Ayesha', label: 'fact', start, end })) });
    const first = mergeImport(library, file([[0, 3], [0, 12], [0, 17], [0, 3], [0, 17], [4, 12], [0, 12]]));
    expect([first.annotationsAdded, first.annotationsUnchanged]).toEqual([3, 4]);
    const again = mergeImport(library, file([[0, 17], [0, 3], [4, 12], [0, 12], [0, 21]]));
    expect([again.annotationsAdded, again.annotationsUnchanged]).toEqual([1, 4]);
    expect(counts(library).annotations).toBe(5);
  });

  it('writes the same rows and counts as importing each annotation on its own', () => {
    const base = baseLibraryFile();
    let run = 0;
    const seen = { unchanged: 0, reanchored: 0, unanchored: 0, added: 0 };
    fc.assert(
      fc.property(fc.array(annotation, { minLength: 1, maxLength: 45, size: 'max' }), (annotations) => {
        const parsed: ParsedImport = {
          format: 'json',
          documents: Object.entries(texts).map(([ref, text]) => ({ ref, title: ref, source: '', text })),
          annotators: [],
          labels: [],
          annotations,
          rejected: [],
        };
        const copy = (name: string) => {
          fs.copyFileSync(base, path.join(temp.dir, `${name}.sqlite`));
          return open(name);
        };
        const batch = copy(`batch-${run}`);
        const rowByRow = copy(`rows-${run++}`);
        // the variant is a different text: mapped onto ours at the analyst's word
        const local = batch.documents.list().find((d) => d.title === 'Local')!.id;
        const options = { mapOnto: { variant: local } };
        const whole = mergeImport(batch, parsed, options);
        const parts = annotations.map((a) => mergeImport(rowByRow, { ...parsed, annotations: [a] }, options));
        const sum = (k: 'annotationsAdded' | 'annotationsUnchanged' | 'reanchored' | 'unanchored') => parts.reduce((n, p) => n + p[k], 0);
        expect([whole.annotationsAdded, whole.annotationsUnchanged, whole.reanchored, whole.unanchored]).toEqual([
          sum('annotationsAdded'),
          sum('annotationsUnchanged'),
          sum('reanchored'),
          sum('unanchored'),
        ]);
        expect(whole.labelsAdded).toEqual(parts.flatMap((p) => p.labelsAdded));
        seen.unchanged += whole.annotationsUnchanged;
        seen.reanchored += whole.reanchored;
        seen.unanchored += whole.unanchored;
        seen.added += whole.annotationsAdded;
        expect(state(batch)).toEqual(state(rowByRow));
        // what was added is what findSame finds
        for (const row of batch.db.prepare('SELECT * FROM annotations WHERE deleted_at IS NULL').all() as Array<Record<string, string & number>>) {
          expect(batch.annotations.findSame(row.document_id, row.annotator_id, row.label_id, row.start_offset, row.end_offset)).not.toBeNull();
        }
        for (const l of opened.splice(0)) l.close();
      }),
      { numRuns: 40, seed: 20261127 },
    );
    // the cases that matter were met: duplicates, moved spans and spans that could not be placed
    expect(seen).toEqual({ unchanged: expect.any(Number), reanchored: expect.any(Number), unanchored: expect.any(Number), added: expect.any(Number) });
    expect(Object.values(seen).every((n) => n > 0), JSON.stringify(seen)).toBe(true);
  });
});

describe('importPaths: W3C', () => {
  it('resolves W3C annotations against documents already in the library', async () => {
    // the colleague's library received the article as claimtag JSON (which keeps the document id),
    // then sends back W3C annotations, which name the document by that id
    const source = libraryWithAyesha('source');
    const target = open('target');
    const bare = loadBundle(source, { documents: 'all' });
    mergeImport(target, parse(JSON.parse(exportClaimtagJson({ ...bare, annotations: [] }))));
    const document = target.documents.get(source.documents.list()[0].id);
    const file = path.join(temp.dir, 'work.jsonld');
    fs.writeFileSync(file, exportW3c(bare));
    const [outcome] = await importPaths(target, [file]);
    if (!outcome.ok || outcome.kind !== 'annotations') throw new Error(JSON.stringify(outcome));
    expect(outcome.report.documents).toEqual([expect.objectContaining({ id: document.id, existed: true })]);
    expect(outcome.report.annotationsAdded).toBe(1);
    expect(target.annotations.listForDocument(document.id).map((a) => [a.annotatorName, a.labelId, a.quote])).toEqual([['Ayesha', 'fact', 'The minister']]);
    expect(counts(target).documents).toBe(1);
  });

  it('reads only the documents the file names (by claimtag URN, id or source), not every text of the library', async () => {
    const target = open('target');
    const ids = target.transaction(() =>
      Array.from({ length: 60 }, (_, i) => {
        const text = `${TEXT} Dispatch ${i}.`;
        return target.documents.add({ title: `Dispatch ${i}`, source: i === 7 ? 'https://news.example/seven' : '', text, blocks: blocksOfLines(text) }).document.id;
      }),
    );
    const annotation = (source: string, id: string) => ({
      type: 'Annotation',
      id,
      creator: { type: 'Person', name: 'Ayesha' },
      body: [{ type: 'TextualBody', value: 'fact', purpose: 'tagging' }],
      target: { source, selector: [{ type: 'TextPositionSelector', start: 0, end: 12 }, { type: 'TextQuoteSelector', exact: 'The minister' }] },
    });
    const file = path.join(temp.dir, 'three.jsonld');
    fs.writeFileSync(file, JSON.stringify([annotation(`urn:claimtag:document:${encodeURIComponent(ids[3])}`, 'a1'), annotation(ids[5], 'a2'), annotation('https://news.example/seven', 'a3')]));
    const textOf = vi.spyOn(target.documents, 'textOf');
    const [outcome] = await importPaths(target, [file]);
    if (!outcome.ok || outcome.kind !== 'annotations') throw new Error(JSON.stringify(outcome));
    expect(outcome.report.annotationsAdded).toBe(3);
    expect(outcome.report.documents.map((d) => d.id).sort()).toEqual([ids[3], ids[5], ids[7]].sort());
    expect(textOf.mock.calls.map(([id]) => id).sort()).toEqual([ids[3], ids[5], ids[7]].sort());
    for (const i of [3, 5, 7]) expect(target.annotations.listForDocument(ids[i]).map((a) => a.quote)).toEqual(['The minister']);
  });

  it('fails clearly, writing nothing, when the W3C file points at a document the library lacks', async () => {
    // W3C files name documents only by their library id: the same text imported separately is not found
    const source = libraryWithAyesha('source');
    const file = path.join(temp.dir, 'work.jsonld');
    fs.writeFileSync(file, exportW3c(loadBundle(source, { documents: 'all' })));
    const target = open('target');
    target.documents.add({ title: 'Same text, own id', source: '', text: TEXT, blocks: blocksOfLines(TEXT) });
    const before = counts(target);
    const [outcome] = await importPaths(target, [file]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.message).toMatch(/^work\.jsonld: .*nothing was imported/);
      expect(outcome.error.details?.[0]).toMatch(/is not one of the chosen documents/);
    }
    expect(counts(target)).toEqual(before);
  });
});
