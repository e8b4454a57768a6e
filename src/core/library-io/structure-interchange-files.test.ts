// Claims with structure (#20) through real libraries and real files: one library's claims, links
// and attribute values written as brat, W3C, Label Studio and doccano by exportBundle, read into a
// fresh library by File › Import (importPaths), and loaded back; a file with a dangling link is
// refused with nothing saved (before/after dump of the database file).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { structureBundle } from '../../../test/interchange/structure-bundle';
import { relationView, structuredClaims } from '../../../test/interchange/structure-views';
import { dumpFile } from '../../../test/support/db-helpers';
import { makeTempDir } from '../../../test/support/temp-library';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { Library } from '../store/library';
import { exportBundle } from './export-bundle';
import { importPaths } from './import-paths';
import { loadBundle } from './load-bundle';

let tmp: ReturnType<typeof makeTempDir>;
const opened: Library[] = [];
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => {
  for (const l of opened.splice(0)) l.close();
  tmp.cleanup();
});

function open(name: string): { library: Library; file: string } {
  const file = path.join(tmp.dir, `${name}.sqlite`);
  const library = Library.open(file);
  opened.push(library);
  return { library, file };
}

/** A library holding the structure fixture, read in from claimtag JSON the way the app imports it. */
async function sourceLibrary(): Promise<Library> {
  const { library } = open('source');
  const json = path.join(tmp.dir, 'structure.json');
  fs.writeFileSync(json, exportClaimtagJson(structureBundle()));
  const [outcome] = await importPaths(library, [json]);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return library;
}

const annotationFiles = (written: string[], format: string) => written.filter((f) => (format === 'brat' ? f.endsWith('.ann') : !f.endsWith('.txt') && !f.endsWith('.xml')));

describe('claims with structure through files and libraries', () => {
  it('the source library holds the fixture: links and values as built', async () => {
    const library = await sourceLibrary();
    const bundle = loadBundle(library, { documents: 'all' });
    expect(relationView(bundle)).toEqual(relationView(structureBundle()));
    expect(structuredClaims(bundle)).toEqual(structuredClaims(structureBundle()));
  });

  for (const [format, out, carriesValues] of [
    ['brat', 'brat', true],
    ['w3c', 'claims.jsonld', true],
    ['labelstudio', 'claims.json', true],
    ['doccano', 'claims.jsonl', false],
  ] as const) {
    it(`${format}: export → File › Import into a fresh library → links${carriesValues ? ' and attribute values' : ''} as they were`, async () => {
      const source = await sourceLibrary();
      const expected = loadBundle(source, { documents: 'all' });
      const written = await exportBundle(expected, format, path.join(tmp.dir, out));
      const { library } = open(`into-${format}`);
      // W3C files point at the documents by id: the library already has the article.
      const doc = expected.documents[0];
      if (format === 'w3c') library.documents.add({ title: doc.title, source: doc.source, text: doc.text, blocks: doc.blocks }, { id: doc.id });
      const outcomes = await importPaths(library, annotationFiles(written, format), { annotator: 'Whoever' });
      for (const o of outcomes) expect(o.ok ? null : o.error).toBeNull();
      const back = loadBundle(library, { documents: 'all' });
      expect(relationView(back)).toEqual(relationView(expected));
      if (carriesValues) expect(structuredClaims(back)).toEqual(structuredClaims(expected));
      const roles = Object.fromEntries(library.labels.list().map((l) => [l.id, l.role ?? 'claim']));
      expect([roles.source, roles.cue]).toEqual(['source', 'cue']);
    });
  }

  it('a brat file whose relation names a span that is not there is refused, naming file and line, and nothing is saved', async () => {
    const source = await sourceLibrary();
    const written = await exportBundle(loadBundle(source, { documents: 'all' }), 'brat', path.join(tmp.dir, 'brat'));
    const ann = written.find((f) => f.endsWith('.ann') && f.includes('Ann_Lee')) as string;
    const lines = fs.readFileSync(ann, 'utf8').trimEnd().split('\n');
    fs.writeFileSync(ann, `${[...lines, 'R99\tSource Arg1:T3 Arg2:T404'].join('\n')}\n`);
    const { library, file } = open('target');
    const before = dumpFile(file);
    const [outcome] = await importPaths(library, [ann], { annotator: 'A' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('invalid-input');
    expect(outcome.error.message).toBe(`${path.basename(ann)}: The file has 1 problem; nothing was imported.`);
    expect(outcome.error.details).toEqual([`line ${lines.length + 1} (R99): the source link names "T404", which is not a claim in this file (a dangling link)`]);
    library.close();
    opened.splice(opened.indexOf(library), 1);
    expect(dumpFile(file)).toEqual(before);
  });

  it('a doccano line whose relation names a missing entity is refused and nothing is saved', async () => {
    const { library, file } = open('target');
    const jsonl = path.join(tmp.dir, 'bad.jsonl');
    const line = { text: 'وزیر نے کہا 😀 قیمتیں بڑھ گئیں', entities: [{ id: 1, start_offset: 0, end_offset: 4, label: 'source' }, { id: 2, start_offset: 14, end_offset: 29, label: 'fact' }], relations: [{ id: 1, from_id: 2, to_id: 3, type: 'source' }] };
    fs.writeFileSync(jsonl, `${JSON.stringify(line)}\n`);
    const before = dumpFile(file);
    const [outcome] = await importPaths(library, [jsonl], { annotator: 'A' });
    expect(outcome.ok ? null : outcome.error.details).toEqual(['line 1.relations[0]: the source relation names entity 3, which is not on this line (a dangling link)']);
    library.close();
    opened.splice(opened.indexOf(library), 1);
    expect(dumpFile(file)).toEqual(before);
  });
});
