// The similar-document check from stored fingerprints (#14), on real SQLite files: the same
// answer as comparing with every text (the old check, kept as an oracle in test/), on texts
// edited to many degrees; an upgraded library fingerprinted before its first check; deleted
// documents never offered; and only the candidates' texts read.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '../../../test/support/temp-library';
import { dumpDatabase } from '../../../test/support/db-helpers';
import { mostSimilarAllPairs } from '../../../test/similarity/all-pairs-oracle';
import { writeUpgradedLibrary } from '../../../test/support/upgraded-library';
import { articleText, editedCopy, vocabulary } from '../../../test/similarity/edited-texts';
import type { ParsedImport } from '../interchange/types';
import { fingerprintOf, signatureBytes, BANDS } from '../similarity/text-fingerprint';
import { shingles, shingleSimilarity, SIMILAR_TEXT, textSimilarity } from '../similarity/text-similarity';
import { sha256Of } from '../store/documents-repo';
import { Library } from '../store/library';
import { blocksOfLines, mergeImport, SimilarDocumentsFailure } from './merge-import';
import { arriving, FINGERPRINT_BATCH, fingerprintBatch, mostSimilarDocument } from './similar-documents';

const vocab = vocabulary();
let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
beforeEach(() => {
  tmp = makeTempDir('claimtag-similar-');
  library = Library.open(path.join(tmp.dir, 'library.sqlite'));
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

const add = (lib: Library, title: string, text: string) => lib.documents.add({ title, source: 'test', text, blocks: blocksOfLines(text) }).document.id;

/** One arriving article with one annotation, as a parsed import. */
const oneArticle = (text: string, ref = 'arriving'): ParsedImport => {
  const end = Math.max(1, text.search(/\s/) > 0 ? text.search(/\s/) : text.length);
  return {
    format: 'json',
    documents: [{ ref, title: `Arriving ${ref}`, source: 'file', text }],
    annotators: [{ name: 'Colleague' }],
    labels: [],
    annotations: [{ documentRef: ref, annotator: 'Colleague', label: 'fact', start: 0, end, quote: text.slice(0, end), note: '', attribution: '', confidence: null }],
    rejected: [],
  };
};

/** What the import says: the similar document and its score, or null when it was added. */
function importAnswer(lib: Library, text: string): { id: string; similarity: number } | null {
  try {
    const tx = lib.db.transaction(() => {
      mergeImport(lib, oneArticle(text));
      throw new Error('roll back');
    });
    tx();
  } catch (err) {
    if (err instanceof SimilarDocumentsFailure) return { id: err.error.similar[0].documentId, similarity: err.error.similar[0].similarity };
    if (err instanceof Error && err.message === 'roll back') return null;
    throw err;
  }
  throw new Error('unreachable');
}

const round = (x: number) => Math.round(x * 1000) / 1000;

describe('the fingerprinted check gives the all-pairs answer', () => {
  it('on a few hundred texts edited to many degrees (replaced, deleted and inserted words; case; short texts)', () => {
    const bases = Array.from({ length: 60 }, (_, i) => articleText(100 + i, 80 + ((i * 37) % 200), vocab));
    library.transaction(() => {
      bases.forEach((t, i) => add(library, `Base ${i}`, t));
      // Near copies already in the library, so several documents resemble one arriving text (the best and the first in list order win).
      for (let i = 0; i < 40; i++) add(library, `Copy ${i}`, editedCopy(bases[i], [0.01, 0.03, 0.05, 0.08][i % 4], 500 + i, vocab));
      // The same words in other case and spacing: the same shingles (score 1) under another hash, a tie with its base.
      for (let i = 40; i < 50; i++) add(library, `Shouted ${i}`, bases[i].toUpperCase().replace(/ /g, '  '));
      // Texts of fewer than three words: similar only when equal once trimmed.
      for (const t of ['Breaking news', 'Ceasefire', 'Two words.', '  Ceasefire  agreed ']) add(library, `Short ${t.trim()}`, t);
    });
    expect(library.documents.list().length).toBeGreaterThan(100); // a lightly edited copy of a short text may come out unchanged (the same document)

    const arrivals: string[] = [];
    const rates = [0, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.05, 0.06, 0.08, 0.12, 0.25, 0.6];
    bases.forEach((t, i) => {
      for (let k = 0; k < 4; k++) arrivals.push(editedCopy(t, rates[(i + k * 4) % rates.length], 900 + i * 4 + k, vocab));
    });
    for (let i = 0; i < 30; i++) arrivals.push(articleText(5_000 + i, 200, vocab)); // unrelated
    for (let i = 0; i < 10; i++) arrivals.push(bases[i] + ' ' + bases[i + 10]); // lengths too far apart
    for (let i = 0; i < 10; i++) arrivals.push(bases[40 + i].toLowerCase()); // same shingles as a base and its shouted copy: a tie, the first in list order wins
    arrivals.push('Breaking news ', 'breaking news', 'Ceasefire', '\tCeasefire\n', 'Ceasefire  agreed', 'Nothing', '', 'One two three');
    expect(arrivals.length).toBeGreaterThanOrEqual(250);

    let similarAnswers = 0;
    let nearThreshold = 0;
    let justBelow = 0;
    const ours = library.documents.list().map((d) => library.documents.textOf(d.id));
    const oursShingles = ours.map((t) => shingles(t));
    const expectedAnswers = arrivals.map((text) => {
      const expected = mostSimilarAllPairs(library, text);
      const found = mostSimilarDocument(library, arriving(text), new Set());
      expect(found && { id: found.id, title: found.title, score: found.score }, JSON.stringify(text.slice(0, 60))).toEqual(expected);
      if (expected) similarAnswers++;
      if (expected && expected.score < 0.85) nearThreshold++;
      const own = shingles(text);
      const best = Math.max(0, ...ours.map((t, i) => shingleSimilarity(oursShingles[i], own, t, text)));
      if (best >= 0.7 && best < SIMILAR_TEXT) justBelow++;
      return expected;
    });
    // The texts exercise both sides of the threshold, close to it.
    expect(similarAnswers).toBeGreaterThan(60);
    expect(arrivals.length - similarAnswers).toBeGreaterThan(60);
    expect(nearThreshold).toBeGreaterThan(5);
    expect(justBelow).toBeGreaterThan(5);

    // The import itself names the same document with the same (rounded) score.
    arrivals.slice(0, 90).forEach((text, i) => {
      const expected = expectedAnswers[i];
      const sameText = library.documents.findBySha256(sha256Of(text)) !== null;
      expect(importAnswer(library, text)).toEqual(expected && !sameText ? { id: expected.id, similarity: round(expected.score) } : null);
    });
  });

  it('documents added by the same import are not compared with the rest of that import (as before)', () => {
    const base = articleText(7, 300, vocab);
    add(library, 'Unrelated', articleText(8, 300, vocab));
    const file = oneArticle(base, 'first');
    file.documents.push({ ref: 'second', title: 'Second', source: 'file', text: editedCopy(base, 0.01, 3, vocab) });
    const report = mergeImport(library, file);
    expect(report.documents.map((d) => d.existed)).toEqual([false, false]);
    expect(library.documents.list()).toHaveLength(3);
  });
});

/** A library file at schema 10 (before fingerprints) with documents written as that release wrote them. */
function upgradedLibraryFile(texts: readonly string[]): string {
  const file = path.join(tmp.dir, 'v10.sqlite');
  writeUpgradedLibrary(file, texts);
  return file;
}

const count = (lib: Library, table: string) => (lib.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
/** Every table but the fingerprints: what the analyst saved. */
const savedRows = (lib: Library) => {
  const { document_fingerprints: _f, document_fingerprint_bands: _b, ...rest } = dumpDatabase(lib.db);
  return rest;
};

describe('an upgraded library', () => {
  it('is fingerprinted before its first check, which then gives the all-pairs answer; nothing saved changes', () => {
    const bases = Array.from({ length: 120 }, (_, i) => articleText(300 + i, 250, vocab));
    const texts = [...bases, ...bases.slice(0, 20).map((t, i) => editedCopy(t, 0.04, 40 + i, vocab))];
    const file = upgradedLibraryFile(texts);
    const upgraded = Library.open(file);
    try {
      expect(upgraded.db.pragma('user_version', { simple: true })).toBe(11);
      expect(count(upgraded, 'document_fingerprints')).toBe(0); // the migration does not hash every text
      const arrivingText = editedCopy(bases[7], 0.02, 77, vocab);
      const expected = mostSimilarAllPairs(upgraded, arrivingText);
      expect(expected?.id).toBe('doc-7');
      const before = savedRows(upgraded);

      const progress: Array<[number, number | null]> = [];
      const job = { check: () => {}, progress: (done: number, total: number | null) => void progress.push([done, total]) };
      let refusal: unknown;
      try {
        mergeImport(upgraded, oneArticle(arrivingText), { job });
      } catch (err) {
        refusal = err;
      }
      expect(refusal).toBeInstanceOf(SimilarDocumentsFailure);
      expect((refusal as SimilarDocumentsFailure).error.similar[0]).toMatchObject({ documentId: expected!.id, similarity: round(expected!.score) });
      expect(savedRows(upgraded)).toEqual(before);
      // Every document fingerprinted, in batches, and kept although the import was refused.
      expect(count(upgraded, 'document_fingerprints')).toBe(texts.length);
      expect(count(upgraded, 'document_fingerprint_bands')).toBe(texts.length * BANDS);
      expect(progress).toEqual([[0, null], [0, null], [0, null]]); // busy, once per batch of FINGERPRINT_BATCH (the refusal comes before any annotation)
      expect(texts.length).toBeGreaterThan(2 * FINGERPRINT_BATCH);
      const stored = upgraded.db.prepare('SELECT document_id, signature FROM document_fingerprints').all() as Array<{ document_id: string; signature: Buffer }>;
      for (const row of stored) expect(row.signature.equals(signatureBytes(fingerprintOf(upgraded.documents.textOf(row.document_id)).signature))).toBe(true);
    } finally {
      upgraded.close();
    }
  });

  it('a check cancelled while fingerprinting keeps the batches done; the next import finishes them', () => {
    const texts = Array.from({ length: 130 }, (_, i) => articleText(700 + i, 120, vocab));
    const upgraded = Library.open(upgradedLibraryFile(texts));
    try {
      let checks = 0;
      const cancelling = { progress: () => {}, check: () => { if (++checks === 2) throw new Error('cancelled'); } };
      expect(() => mergeImport(upgraded, oneArticle(articleText(1, 120, vocab)), { job: cancelling })).toThrow('cancelled');
      expect(count(upgraded, 'document_fingerprints')).toBe(FINGERPRINT_BATCH);
      expect(upgraded.documents.list()).toHaveLength(texts.length);
      const report = mergeImport(upgraded, oneArticle(editedCopy(texts[100], 0.9, 1, vocab)));
      expect(report.documents[0].existed).toBe(false);
      expect(count(upgraded, 'document_fingerprints')).toBe(texts.length + 1);
    } finally {
      upgraded.close();
    }
  });

  it('a batch saves only fingerprints of texts still as they were hashed (hashing runs outside the transaction)', () => {
    const texts = Array.from({ length: 3 }, (_, i) => articleText(800 + i, 60, vocab));
    const upgraded = Library.open(upgradedLibraryFile(texts));
    try {
      const repo = upgraded.documents.fingerprints;
      expect(repo.anyMissing()).toBe(true);
      expect(repo.stillWithout('doc-0', texts[0])).toBe(true);
      expect(repo.stillWithout('doc-0', texts[1])).toBe(false); // edited since it was read
      expect(repo.stillWithout('doc-9', texts[0])).toBe(false); // deleted since it was read
      expect(fingerprintBatch(upgraded, 2)).toEqual({ read: 2, saved: 2 });
      expect(repo.stillWithout('doc-0', texts[0])).toBe(false); // fingerprinted meanwhile
      expect(fingerprintBatch(upgraded, 2)).toEqual({ read: 1, saved: 1 });
      expect(repo.anyMissing()).toBe(false);
      expect(fingerprintBatch(upgraded, 2)).toEqual({ read: 0, saved: 0 });
    } finally {
      upgraded.close();
    }
  });
});

describe('the fingerprints follow the documents', () => {
  it('a deleted document is never offered, and its fingerprint goes with it (with or without foreign keys)', () => {
    const base = articleText(11, 300, vocab);
    const copy = editedCopy(base, 0.005, 5, vocab);
    const a = add(library, 'A', base);
    const b = add(library, 'B', editedCopy(base, 0.008, 6, vocab));
    add(library, 'Unrelated', articleText(12, 300, vocab));
    const first = importAnswer(library, copy);
    expect(first?.id).toBe(mostSimilarAllPairs(library, copy)!.id);

    library.documents.remove(first!.id);
    const rows = (id: string) => count(library, `document_fingerprints WHERE document_id = '${id}'`) + count(library, `document_fingerprint_bands WHERE document_id = '${id}'`);
    expect(rows(first!.id)).toBe(0);
    const other = first!.id === a ? b : a;
    expect(mostSimilarAllPairs(library, copy)?.id).toBe(other);
    expect(importAnswer(library, copy)?.id).toBe(other);

    library.db.pragma('foreign_keys = OFF'); // the triggers alone
    library.documents.remove(other);
    expect(rows(other)).toBe(0);
    library.db.pragma('foreign_keys = ON');
    expect(importAnswer(library, copy)).toBeNull();
    expect(mostSimilarAllPairs(library, copy)).toBeNull();
  });

  it('a text changed behind the repository is fingerprinted again before the next check', () => {
    const base = articleText(21, 300, vocab);
    const id = add(library, 'Was something else', articleText(22, 300, vocab));
    add(library, 'Unrelated', articleText(23, 300, vocab));
    const copy = editedCopy(base, 0.02, 9, vocab);
    expect(importAnswer(library, copy)).toBeNull();
    library.db.prepare('UPDATE documents SET text = ?, sha256 = ?, blocks = ? WHERE id = ?').run(base, sha256Of(base), JSON.stringify(blocksOfLines(base)), id);
    expect(count(library, 'document_fingerprints')).toBe(1);
    expect(importAnswer(library, copy)).toEqual({ id, similarity: round(textSimilarity(base, copy)) });
  });
});

describe('an import into a library of many documents', () => {
  it('reads the texts of the candidates only, not every text', () => {
    const bases = Array.from({ length: 400 }, (_, i) => articleText(2_000 + i, 300, vocab));
    const ids = library.transaction(() => bases.map((t, i) => add(library, `Article ${i}`, t)));
    const textOf = vi.spyOn(library.documents, 'textOf');
    const unfingerprinted = vi.spyOn(library.documents.fingerprints, 'textsWithout');

    const copy = editedCopy(bases[123], 0.02, 1, vocab);
    expect(importAnswer(library, copy)).toEqual({ id: ids[123], similarity: round(textSimilarity(bases[123], copy)) });
    const read = textOf.mock.calls.map(([id]) => id);
    expect(read).toContain(ids[123]);
    expect(read.length).toBeLessThanOrEqual(3);
    expect(unfingerprinted.mock.results.every((r) => (r.value as unknown[]).length === 0)).toBe(true);

    textOf.mockClear();
    expect(importAnswer(library, articleText(9_999, 300, vocab))).toBeNull();
    expect(textOf.mock.calls.length).toBeLessThanOrEqual(2);

    // The oracle, for scale: it reads every text.
    textOf.mockClear();
    mostSimilarAllPairs(library, copy);
    expect(textOf).toHaveBeenCalledTimes(400);
  });
});
