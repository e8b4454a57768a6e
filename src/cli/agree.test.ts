// `claimtag agree`: two analysts' claimtag JSON files for the sample article, built through the
// library and `claimtag export`, compared from files and from the library (--db).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { cli, SAMPLE, spawnCli } from '../../test/cli/harness';

const KEYS = ['annotators', 'document', 'notes', 'sentences', 'spans', 'structure'];
const SENTENCE_KEYS = ['cohenKappa', 'count', 'fleissKappa', 'krippendorffAlpha', 'percentAgreement'];
const SPAN_KEYS = ['alphaU', 'alphaUByLabel', 'f1'];

interface Report {
  document: string;
  annotators: string[];
  sentences: { count: number; percentAgreement: number | null; cohenKappa: Array<{ a: string; b: string; value: number | null }>; fleissKappa: number | null; krippendorffAlpha: number | null };
  spans: { alphaU: number | null; alphaUByLabel: Record<string, number | null>; f1: Array<{ a: string; b: string; exact: number | null; overlap: number | null }> };
  notes: string[];
}

let temp: ReturnType<typeof makeTempDir>;
let db: string;
let documentId: string;
let sha256: string;
let text: string;
const file = (name: string) => path.join(temp.dir, name);

beforeAll(async () => {
  temp = makeTempDir('claimtag-agree-');
  db = file('team.sqlite');
  expect((await cli(['import', '--db', db, SAMPLE])).code).toBe(0);
  const library = Library.open(db);
  try {
    const [doc] = library.documents.list();
    documentId = doc.id;
    sha256 = doc.sha256;
    text = library.documents.textOf(doc.id);
    const sentences = [...text.matchAll(/[A-Z][^.!?\n]*[.!?]/g)].slice(0, 12);
    expect(sentences.length).toBe(12);
    // Ayesha and Chen tag identically; Bilal differs on a few sentences and trims one span
    const plan: Record<string, string[]> = {
      Ayesha: ['fact', 'fact', 'opinion', 'allegation', 'fact', 'opinion', '', 'fact', 'allegation', 'opinion', 'fact', ''],
      Bilal: ['fact', 'opinion', 'opinion', 'allegation', 'fact', 'fact', 'fact', 'fact', 'allegation', '', 'fact', ''],
      Chen: ['fact', 'fact', 'opinion', 'allegation', 'fact', 'opinion', '', 'fact', 'allegation', 'opinion', 'fact', ''],
    };
    for (const [name, labels] of Object.entries(plan)) {
      const annotator = library.annotators.add(name);
      labels.forEach((label, i) => {
        if (!label) return;
        const s = sentences[i];
        const trim = name === 'Bilal' && i === 4 ? 3 : 0;
        library.annotations.add({ documentId: doc.id, annotatorId: annotator.id, labelId: label, start: s.index! + trim, end: s.index! + s[0].length }, text);
      });
    }
  } finally {
    library.close();
  }
  for (const [name, out] of [['Ayesha', 'ayesha.json'], ['Bilal', 'bilal.json'], ['Chen', 'chen.json']]) {
    const result = await cli(['export', '--db', db, '--format', 'json', '--annotator', name, '--out', file(out)]);
    expect(result.code).toBe(0);
  }
});
afterAll(() => temp.cleanup());

function expectWellFormed(r: Report) {
  expect(Object.keys(r).sort()).toEqual(KEYS);
  expect(Object.keys(r.sentences).sort()).toEqual(SENTENCE_KEYS);
  expect(Object.keys(r.spans).sort()).toEqual(SPAN_KEYS);
  const inRange = (x: number | null, lo: number, hi: number) => {
    if (x !== null) {
      expect(x).toBeGreaterThanOrEqual(lo);
      expect(x).toBeLessThanOrEqual(hi + 1e-12);
    }
  };
  inRange(r.sentences.percentAgreement, 0, 1);
  for (const k of r.sentences.cohenKappa) inRange(k.value, -1, 1);
  inRange(r.sentences.fleissKappa, -1, 1);
  inRange(r.sentences.krippendorffAlpha, -1, 1);
  inRange(r.spans.alphaU, -Infinity, 1);
  for (const v of Object.values(r.spans.alphaUByLabel)) inRange(v, -Infinity, 1);
  for (const f of r.spans.f1) {
    inRange(f.exact, 0, 1);
    inRange(f.overlap, 0, 1);
    if (f.exact !== null && f.overlap !== null) expect(f.overlap).toBeGreaterThanOrEqual(f.exact);
  }
  expect(Array.isArray(r.notes)).toBe(true);
}

async function agreeJson(args: string[]): Promise<Report> {
  const result = await cli(['agree', ...args, '--format', 'json']);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as Report;
}

describe('claimtag agree', () => {
  it('compares two analysts\' files through the installed entry point: documented keys, values in range', async () => {
    const result = await spawnCli(['agree', file('ayesha.json'), file('bilal.json'), '--format', 'json']);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const r = JSON.parse(result.out) as Report;
    expectWellFormed(r);
    expect(r.document).toBe(documentId);
    expect(r.annotators).toEqual(['Ayesha', 'Bilal']);
    expect(r.sentences.count).toBeGreaterThan(12);
    expect(r.sentences.cohenKappa).toEqual([{ a: 'Ayesha', b: 'Bilal', value: expect.any(Number) }]);
    expect(r.sentences.cohenKappa[0].value!).toBeLessThan(1);
    expect(r.sentences.percentAgreement!).toBeGreaterThan(0.5);
    expect(r.sentences.percentAgreement!).toBeLessThan(1);
    expect(r.spans.alphaU!).toBeGreaterThan(0);
    expect(r.spans.alphaU!).toBeLessThan(1);
    expect(Object.keys(r.spans.alphaUByLabel).sort()).toEqual(['allegation', 'fact', 'opinion']);
    expect(r.spans.alphaUByLabel.allegation).toBe(1);
    expect(r.spans.f1).toEqual([{ a: 'Ayesha', b: 'Bilal', exact: expect.any(Number), overlap: expect.any(Number) }]);
    expect(r.spans.f1[0].exact!).toBeLessThan(r.spans.f1[0].overlap!);
  });

  it('gives 1 for identical annotators', async () => {
    const r = await agreeJson([file('ayesha.json'), file('chen.json')]);
    expectWellFormed(r);
    expect(r.sentences.percentAgreement).toBe(1);
    expect(r.sentences.cohenKappa[0].value).toBeCloseTo(1, 12);
    expect(r.sentences.fleissKappa).toBeCloseTo(1, 12);
    expect(r.sentences.krippendorffAlpha).toBeCloseTo(1, 12);
    expect(r.spans.alphaU).toBeCloseTo(1, 12);
    for (const v of Object.values(r.spans.alphaUByLabel)) expect(v).toBeCloseTo(1, 12);
    expect(r.spans.f1).toEqual([{ a: 'Ayesha', b: 'Chen', exact: 1, overlap: 1 }]);
  });

  it('--db compares everyone in the library and gives the same numbers as the files', async () => {
    const fromDb = await agreeJson(['--db', db]);
    expectWellFormed(fromDb);
    expect(fromDb.annotators).toEqual(['Ayesha', 'Bilal', 'Chen']);
    expect(fromDb.sentences.cohenKappa.map((k) => `${k.a}-${k.b}`)).toEqual(['Ayesha-Bilal', 'Ayesha-Chen', 'Bilal-Chen']);
    const fromFiles = await agreeJson([file('ayesha.json'), file('bilal.json'), file('chen.json')]);
    expect(fromFiles).toEqual(fromDb);
  });

  it('--annotators filters and orders; an unknown name is an error, not an empty annotator', async () => {
    const r = await agreeJson(['--db', db, '--annotators', 'Chen, Ayesha']);
    expect(r.annotators).toEqual(['Chen', 'Ayesha']);
    expect(r.spans.f1).toEqual([{ a: 'Chen', b: 'Ayesha', exact: 1, overlap: 1 }]);
    const typo = await cli(['agree', '--db', db, '--annotators', 'Ayesha,Bilall']);
    expect(typo.code).toBe(1);
    expect(typo.err).toContain('No annotator named "Bilall" in the input. Annotators found: Ayesha, Bilal, Chen.');
  });

  it('--document selects by id or SHA-256 prefix; an unknown one fails', async () => {
    expect((await agreeJson(['--db', db, '--document', sha256.slice(0, 10)])).document).toBe(documentId);
    expect((await agreeJson([file('ayesha.json'), file('bilal.json'), '--document', documentId])).annotators).toEqual(['Ayesha', 'Bilal']);
    const none = await cli(['agree', '--db', db, '--document', 'nope']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('No document "nope"');
  });

  it('matches the same text under different ids, and refuses the same id with different texts', async () => {
    const bilal = JSON.parse(fs.readFileSync(file('bilal.json'), 'utf8'));
    const renamed = { ...bilal, documents: bilal.documents.map((d: object) => ({ ...d, id: 'other-library-id' })), annotations: bilal.annotations.map((a: object) => ({ ...a, document: 'other-library-id' })) };
    fs.writeFileSync(file('bilal-other-id.json'), JSON.stringify(renamed));
    const r = await agreeJson([file('ayesha.json'), file('bilal-other-id.json')]);
    expect(r.annotators).toEqual(['Ayesha', 'Bilal']);

    const edited = { ...bilal, documents: bilal.documents.map((d: { text: string }) => ({ ...d, sha256: undefined, text: `${d.text}\nA paragraph added later.` })) };
    fs.writeFileSync(file('bilal-edited.json'), JSON.stringify(edited));
    const result = await cli(['agree', file('ayesha.json'), file('bilal-edited.json')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`Document "${documentId}" has a different text in ${file('ayesha.json')} and ${file('bilal-edited.json')}`);
    expect(result.out).toBe('');
  });

  it('with one annotator gives nulls with a note and exit 0', async () => {
    const r = await agreeJson([file('ayesha.json')]);
    expectWellFormed(r);
    expect(r.annotators).toEqual(['Ayesha']);
    expect(r.sentences).toMatchObject({ percentAgreement: null, cohenKappa: [], fleissKappa: null, krippendorffAlpha: null });
    expect(r.spans).toMatchObject({ alphaU: null, f1: [] });
    expect(r.notes.join('\n')).toContain('Agreement needs at least 2 annotators; found 1 (Ayesha).');
  });

  it('reports a bad input file with its name and exit 1', async () => {
    fs.writeFileSync(file('broken.json'), '{"format": "claimtag"');
    const broken = await cli(['agree', file('ayesha.json'), file('broken.json')]);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`${file('broken.json')}: The file is not valid JSON.`);
    const missing = await cli(['agree', file('ayesha.json'), file('missing.json')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('missing.json" could not be read');
  });

  it('--format table (the default) prints readable text', async () => {
    const result = await cli(['agree', file('ayesha.json'), file('bilal.json')]);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe(`Agreement for document ${documentId}`);
    expect(lines[1]).toBe('Annotators: Ayesha, Bilal');
    for (const heading of ['Sentence level (', "Cohen's kappa by pair", 'Span level (Krippendorff α_u, code points)', 'Span F1 by pair']) {
      expect(result.out).toContain(heading);
    }
    expect(result.out).toMatch(/^Ayesha +Bilal +-?\d\.\d{3}$/m);
    expect(result.out).toMatch(/^\(all labels\) +-?\d\.\d{3}$/m);
    expect(result.out).not.toMatch(/NaN|undefined|null|\{/);
  });
});
