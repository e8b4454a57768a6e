// `claimtag agree --corpus`: synthetic documents written as claimtag JSON (one file per
// analyst), compared from the files and, after `claimtag import`, from the library.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCorpusAgreement } from '../core/agreement';
import { syntheticDocument } from '../../test/agreement/synthetic-document';
import { makeTempDir } from '../../test/support/temp-library';
import { OffsetConverter } from '../shared/offsets';
import { cli } from '../../test/cli/harness';

const CORPUS_KEYS = ['annotators', 'bootstrap', 'documents', 'notes', 'sentences', 'spans', 'structure'];

let temp: ReturnType<typeof makeTempDir>;
const file = (name: string) => path.join(temp.dir, name);
const docs = Array.from({ length: 6 }, (_, d) => ({ ...syntheticDocument({ seed: 300 + d, annotators: 3, annotationsPerAnnotator: 6, textLength: 500 }), documentId: `doc-${d}` }));
const files: string[] = [];

beforeAll(() => {
  temp = makeTempDir('claimtag-agree-corpus-');
  for (const who of ['annotator-001', 'annotator-002', 'annotator-003']) {
    const annotations = docs.flatMap((d) => {
      const offsets = new OffsetConverter(d.text);
      return d.annotations
        .filter((a) => a.annotator === who)
        .map((a) => ({ document: d.documentId, annotator: who, label: a.label, start: offsets.toCodePoint(a.start), end: offsets.toCodePoint(a.end) }));
    });
    const name = file(`${who}.json`);
    fs.writeFileSync(name, JSON.stringify({ format: 'claimtag', version: 1, documents: docs.map((d) => ({ id: d.documentId, title: d.documentId, text: d.text })), annotations }));
    files.push(name);
  }
});
afterAll(() => temp.cleanup());

async function corpusJson(args: string[]) {
  const result = await cli(['agree', '--corpus', ...args, '--format', 'json']);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as { corpus: ReturnType<typeof computeCorpusAgreement>; documents: Array<{ document: string }> };
}

describe('claimtag agree --corpus', () => {
  it('prints the corpus object of the issue beside the per-document reports', async () => {
    const r = await corpusJson([...files, '--resamples', '200', '--seed', '5']);
    expect(Object.keys(r).sort()).toEqual(['corpus', 'documents']);
    expect(r.documents.map((d) => d.document).sort()).toEqual(docs.map((d) => d.documentId));
    expect(Object.keys(r.corpus).sort()).toEqual(CORPUS_KEYS);
    expect(r.corpus.documents).toBe(6);
    expect(r.corpus.annotators).toEqual(['annotator-001', 'annotator-002', 'annotator-003']);
    for (const key of ['alphaU', 'alphaUByLabel', 'alphaUInterval', 'f1']) expect(r.corpus.spans).toHaveProperty(key);
    for (const key of ['count', 'percentAgreement', 'cohenKappa', 'fleissKappa', 'krippendorffAlpha', 'krippendorffAlphaInterval']) expect(r.corpus.sentences).toHaveProperty(key);
    expect(r.corpus.bootstrap).toMatchObject({ resamples: 200, seed: 5 });
    const ordered = r.documents.map((d) => docs.find((x) => x.documentId === d.document)!);
    const direct = computeCorpusAgreement(ordered, { resamples: 200, seed: 5 });
    expect(r.corpus.spans.alphaU).toBeCloseTo(direct.spans.alphaU as number, 12);
    expect(r.corpus.spans.alphaUInterval).toEqual(direct.spans.alphaUInterval);
    expect(r.corpus.sentences.krippendorffAlpha).toBeCloseTo(direct.sentences.krippendorffAlpha as number, 12);
  });

  it('gives the same figures from a library as from the files, and the same on a rerun', async () => {
    const db = file('team.sqlite');
    for (const f of files) expect((await cli(['import', '--db', db, f])).code).toBe(0);
    const fromDb = await corpusJson(['--db', db, '--resamples', '100']);
    const fromFiles = await corpusJson([...files, '--resamples', '100']);
    expect(fromDb.corpus.spans.alphaU).toBeCloseTo(fromFiles.corpus.spans.alphaU as number, 12);
    expect(fromDb.corpus.sentences.fleissKappa).toBeCloseTo(fromFiles.corpus.sentences.fleissKappa as number, 12);
    expect(fromDb.corpus.spans.alphaUInterval).toEqual(fromFiles.corpus.spans.alphaUInterval);
    expect((await corpusJson(['--db', db, '--resamples', '100'])).corpus).toEqual(fromDb.corpus);
  });

  it('prints a table with intervals, the resample count and the seed', async () => {
    const result = await cli(['agree', '--corpus', ...files, '--resamples', '50']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Agreement over 6 documents');
    expect(result.out).toContain('50 resamples, seed');
    expect(result.out).toMatch(/\(all labels\)\s+-?\d\.\d{3}\s+-?\d\.\d{3}–-?\d\.\d{3}/);
  });

  it('refuses bad bootstrap options as usage errors', async () => {
    for (const args of [['--resamples', '5'], ['--resamples', 'many'], ['--seed=-3']]) {
      const result = await cli(['agree', '--corpus', ...files, ...args]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/must be a whole number/);
    }
    const stray = await cli(['agree', ...files, '--resamples', '100']);
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('--resamples and --seed go with --corpus');
  });
});
