// AnnotationsRepo.importer writes several rows per statement; it must write exactly what
// addImported writes row by row: same rows, same order, same kept or replaced ids, same failures.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { makeTempDir } from '../../../test/support/temp-library';
import { Library } from './library';
import type { NewAnnotation } from './annotations-repo';

const TEXT = 'The minister said the border will reopen. Critics allege fraud in the talks. 😀 It is a bad idea.';
const WORDS = [...TEXT.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length] as const);
const REFS = ['a', 'b', 'c', 'taken', 'gone'];

let temp: ReturnType<typeof makeTempDir>;
const opened: Library[] = [];
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  for (const l of opened.splice(0)) l.close();
  temp.cleanup();
});

/** A library with one document, two annotators and the annotations "taken" and (deleted) "gone". */
function baseFile(): { file: string; documentId: string } {
  const library = Library.open(path.join(temp.dir, 'base.sqlite'));
  const { document } = library.documents.add({ title: 'T', source: '', text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }, { id: 'doc' });
  library.annotators.add('Ayesha', 'u1');
  library.annotators.add('Bilal', 'u2');
  library.annotations.add({ id: 'taken', documentId: document.id, annotatorId: 'u1', labelId: 'fact', start: 0, end: 3, createdAt: '2025-01-01T00:00:00.000Z' }, TEXT);
  library.annotations.add({ id: 'gone', documentId: document.id, annotatorId: 'u2', labelId: 'fact', start: 4, end: 12, createdAt: '2025-01-01T00:00:00.000Z' }, TEXT);
  library.annotations.softDelete('gone');
  library.db.pragma('wal_checkpoint(TRUNCATE)');
  library.close();
  return { file: library.path, documentId: document.id };
}

function copyOf(base: string, name: string): Library {
  const file = path.join(temp.dir, `${name}.sqlite`);
  fs.copyFileSync(base, file);
  const library = Library.open(file);
  opened.push(library);
  return library;
}

/** Rows in insertion order; ids made on the spot (random) shown as "*". */
const rows = (library: Library) =>
  (library.db.prepare('SELECT * FROM annotations ORDER BY rowid').all() as Array<Record<string, unknown>>).map((r) => ({
    ...r,
    id: REFS.includes(r.id as string) || (r.id as string).startsWith('f-') ? r.id : '*',
  }));

const row = fc
  .record({
    word: fc.nat(WORDS.length - 1),
    length: fc.integer({ min: 1, max: 3 }),
    who: fc.constantFrom('u1', 'u2'),
    label: fc.constantFrom('fact', 'opinion'),
    // mostly distinct ids (full batches go through), sometimes one already taken or repeated
    id: fc.option(fc.oneof({ arbitrary: fc.nat(1_000_000).map((n) => `f-${n}`), weight: 30 }, fc.constantFrom(...REFS, '')), { nil: undefined, freq: 4 }),
    note: fc.constantFrom('', 'checked'),
    createdAt: fc.constantFrom('2025-06-02T10:00:00.000Z', '2025-06-03T10:00:00.000Z'),
  })
  .map(({ word, length, who, label, id, note, createdAt }): Omit<NewAnnotation, 'documentId'> => ({
    ...(id !== undefined ? { id } : {}),
    annotatorId: who,
    labelId: label,
    start: WORDS[word][0],
    end: WORDS[Math.min(WORDS.length - 1, word + length - 1)][1],
    note,
    createdAt,
    updatedAt: createdAt,
  }));

describe('AnnotationsRepo.importer', () => {
  it('writes what addImported writes row by row, across batches and taken ids', () => {
    const { file, documentId } = baseFile();
    let run = 0;
    let longRuns = 0;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 140, size: 'max' }), (list) => {
        const batched = copyOf(file, `batched-${run}`);
        const single = copyOf(file, `single-${run++}`);
        batched.transaction(() => {
          const writer = batched.annotations.importer();
          for (const a of list) writer.add({ ...a, documentId }, TEXT);
          writer.finish();
        });
        single.transaction(() => {
          for (const a of list) single.annotations.addImported({ ...a, documentId }, TEXT);
        });
        expect(rows(batched)).toEqual(rows(single));
        if (list.length >= 64) longRuns++;
        for (const l of opened.splice(0)) l.close();
      }),
      { numRuns: 60, seed: 20261127 },
    );
    expect(longRuns).toBeGreaterThan(10);
  });

  it('keeps file ids in full batches when they are free', () => {
    const { file, documentId } = baseFile();
    const library = copyOf(file, 'ids');
    const list = Array.from({ length: 70 }, (_, i) => ({ id: `f${i}`, documentId, annotatorId: 'u1', labelId: 'fact', start: WORDS[i % WORDS.length][0], end: WORDS[i % WORDS.length][1] }));
    library.transaction(() => {
      const writer = library.annotations.importer();
      for (const a of list) writer.add(a, TEXT);
      writer.finish();
    });
    const ids = (library.db.prepare("SELECT id FROM annotations WHERE id LIKE 'f%' ORDER BY rowid").all() as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toEqual(list.map((a) => a.id));
  });

  it('refuses a bad span at once, and the transaction leaves nothing', () => {
    const { file, documentId } = baseFile();
    const library = copyOf(file, 'bad');
    const before = rows(library);
    expect(() =>
      library.transaction(() => {
        const writer = library.annotations.importer();
        for (let i = 0; i < 40; i++) writer.add({ documentId, annotatorId: 'u1', labelId: 'fact', start: 0, end: 3 }, TEXT);
        writer.add({ documentId, annotatorId: 'u1', labelId: 'fact', start: 3, end: 4 }, TEXT); // a single space
        writer.finish();
      }),
    ).toThrow(AppFailure);
    expect(rows(library)).toEqual(before);
  });
});
