// `claimtag agree --db` reports attribute α and link F1 (#20): table and JSON, per document and
// over the corpus, on a real library file.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_WORTHINESS_PRESET } from '../shared/claim-structure';
import type { StructureAgreement } from '../shared/structure-agreement';
import { Library } from '../core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { cli } from '../../test/cli/harness';

const TEXT = 'Minister Dar said the talks failed. Officials claimed trade rose. The report denied any deal. Critics said prices doubled.';
const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length });

let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeAll(() => {
  tmp = makeTempDir();
  db = path.join(tmp.dir, 'claimtag.sqlite');
  const library = Library.open(db);
  const fact = library.labels.find('fact')!;
  library.labels.update({ ...fact, attributes: [CHECK_WORTHINESS_PRESET] });
  const doc = library.documents.add({ title: 'T', source: 's', text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document;
  const work: Record<string, Array<[string, string, string | null]>> = {
    Ana: [
      ['the talks failed', 'check-worthy', 'Minister Dar'],
      ['trade rose', 'not-factual', 'Officials'],
      ['prices doubled', 'check-worthy', null],
    ],
    Ben: [
      ['the talks failed', 'check-worthy', 'Dar'],
      ['trade rose', 'check-worthy', 'The report'],
      ['prices doubled', 'check-worthy', 'Critics'],
    ],
  };
  for (const [name, claims] of Object.entries(work)) {
    const annotator = library.annotators.add(name);
    for (const [claim, value, source] of claims) {
      const c = library.annotations.add({ documentId: doc.id, annotatorId: annotator.id, labelId: 'fact', ...at(claim), attributes: { 'check-worthiness': value } }, TEXT);
      if (!source) continue;
      const s = library.annotations.add({ documentId: doc.id, annotatorId: annotator.id, labelId: 'source', ...at(source) }, TEXT);
      library.relations.add({ documentId: doc.id, annotatorId: annotator.id, kind: 'source', claimId: c.id, targetId: s.id });
    }
  }
  library.close();
});
afterAll(() => tmp.cleanup());

describe('claimtag agree and claim structure', () => {
  it('prints attribute α and link F1 per document, as a table and as JSON', async () => {
    const json = await cli(['agree', '--db', db, '--format', 'json']);
    expect(json.code).toBe(0);
    const structure = (JSON.parse(json.out) as { structure: StructureAgreement }).structure;
    // values over three matched claims: (cw, cw), (nf, cw), (cw, cw)
    expect(structure.attributes).toEqual([expect.objectContaining({ label: 'fact', attribute: 'check-worthiness', units: 3, values: 6, missing: 0 })]);
    expect(structure.attributes[0].observedAgreement).toBeCloseTo(2 / 3, 12);
    expect(structure.links).toEqual([expect.objectContaining({ a: 'Ana', b: 'Ben', kind: 'source', linksA: 2, linksB: 3, overlap: expect.objectContaining({ agreed: 1 }) })]);
    expect(structure.links[0].overlap.f1).toBeCloseTo(2 / 5, 12);

    const table = await cli(['agree', '--db', db]);
    expect(table.out).toMatch(/fact\s+Check-worthiness\s+3\s+6\s+0\s+0\.667/);
    expect(table.out).toMatch(/Ana\s+Ben\s+source\s+2\s+3\s+1\s+0\.500\s+0\.333\s+0\.400\s+0\.000/);
  });

  it('reads the same structure from each analyst’s claimtag JSON export', async () => {
    const files: string[] = [];
    for (const name of ['Ana', 'Ben']) {
      const out = path.join(tmp.dir, `${name}.json`);
      expect((await cli(['export', '--db', db, '--format', 'json', '--annotator', name, '--out', out])).code).toBe(0);
      files.push(out);
    }
    const fromFiles = (JSON.parse((await cli(['agree', ...files, '--format', 'json'])).out) as { structure: StructureAgreement }).structure;
    const fromDb = (JSON.parse((await cli(['agree', '--db', db, '--format', 'json'])).out) as { structure: StructureAgreement }).structure;
    expect(fromFiles.attributes).toEqual(fromDb.attributes);
    expect(fromFiles.links).toEqual(fromDb.links);
    expect(fromFiles.links[0].overlap.agreed).toBe(1);
  });

  it('pools over the corpus with intervals, and names the empty states', async () => {
    const json = await cli(['agree', '--db', db, '--corpus', '--resamples', '50', '--format', 'json']);
    const corpus = (JSON.parse(json.out) as { corpus: { structure: StructureAgreement } }).corpus.structure;
    expect(corpus.links[0].overlap.f1).toBeCloseTo(2 / 5, 12);
    expect(corpus.method).toMatch(/resampling documents \(50 resamples/);
    const table = await cli(['agree', '--db', db, '--corpus', '--resamples', '50']);
    expect(table.out).toMatch(/F1 95 % interval/);
    const alone = await cli(['agree', '--db', db, '--annotators', 'Ana']);
    expect(alone.out).toMatch(/No attribute values to compare: that needs at least two analysts\./);
    expect(alone.out).toMatch(/No links to compare: that needs at least two analysts\./);
  });
});
