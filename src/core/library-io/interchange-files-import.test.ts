// A brat export written to disk comes back through File › Import: each .ann with its .txt,
// the manifest putting claims on the right document and annotator; a huge .txt is refused
// before it is read, and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../interchange/limits';
import { unicodeBundle } from '../../../test/interchange/test-bundle';
import { dumpFile } from '../../../test/support/db-helpers';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { exportBundle } from './export-bundle';
import { importPaths } from './import-paths';
import { loadBundle } from './load-bundle';

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;
let dbFile: string;

beforeEach(() => {
  tmp = makeTempDir();
  dbFile = path.join(tmp.dir, 'lib.sqlite');
  library = Library.open(dbFile);
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

describe('brat folder import', () => {
  it('brings back three annotators on the right documents, by the manifest, whoever is importing', async () => {
    const bundle = unicodeBundle();
    const out = path.join(tmp.dir, 'export');
    const written = await exportBundle(bundle, 'brat', out);
    const anns = written.filter((f) => f.endsWith('.ann'));
    expect(anns.map((f) => path.relative(out, f)).sort()).toEqual(['Ann_Lee/Second_tabs_and_slashes.ann', 'Ann_Lee/Ünïcode_دستاویز.ann', 'Zoë/Ünïcode_دستاویز.ann', 'عائشہ/Ünïcode_دستاویز.ann']);
    const outcomes = await importPaths(library, anns, { annotator: 'Whoever Imports' });
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const back = loadBundle(library, { documents: 'all' });
    expect(back.documents.map((d) => [d.id, d.title]).sort()).toEqual(bundle.documents.map((d) => [d.id, d.title]).sort());
    expect(back.annotators.map((a) => a.name).sort()).toEqual(['Ann Lee', 'Zoë ✓', 'عائشہ']);
    const key = (a: { documentId: string; annotatorName: string; labelId: string; quote: string; attribution: string; confidence: unknown }) => JSON.stringify([a.documentId, a.annotatorName, a.labelId, a.quote, a.attribution, a.confidence]);
    // brat cannot hold the line break that ends "page two.\r\n"; everything else comes back as it was.
    const expected = bundle.annotations.map((a) => ({ ...a, quote: a.quote.replace(/\r\n$/, '') }));
    expect(back.annotations.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('refuses a .txt larger than a document may be, by its size and without reading it; nothing is written', async () => {
    const ann = path.join(tmp.dir, 'big.ann');
    const txt = path.join(tmp.dir, 'big.txt');
    fs.writeFileSync(ann, 'T1\tfact 0 1\ta\n');
    // A sparse file: its size says it is too large; reading it whole would take 10 MB+.
    const handle = fs.openSync(txt, 'w');
    fs.ftruncateSync(handle, IMPORT_LIMITS.maxDocumentTextBytes + 1);
    fs.closeSync(handle);
    const before = dumpFile(dbFile);
    const [outcome] = await importPaths(library, [ann], { annotator: 'A' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('too-large');
    expect(outcome.error.message).toContain('big.ann: its text file "big.txt" is larger than 10 MB');
    expect(dumpFile(dbFile)).toEqual(before);
  });

  it('names the file and line of a refused brat line, and writes nothing', async () => {
    const ann = path.join(tmp.dir, 'doc.ann');
    fs.writeFileSync(path.join(tmp.dir, 'doc.txt'), 'Ayesha said so.');
    fs.writeFileSync(ann, 'T1\tfact 0 6\tAyesha\nT2\t__proto__ 7 11\tsaid\n');
    const before = dumpFile(dbFile);
    const [outcome] = await importPaths(library, [ann], { annotator: 'A' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toBe('doc.ann: The file has 1 problem; nothing was imported.');
    expect(outcome.error.details).toEqual(['line 2: type "__proto__" cannot be a label id']);
    expect(dumpFile(dbFile)).toEqual(before);
  });
});

describe('Label Studio files are recognised in any of their shapes', () => {
  it('a legacy single task with completions, and a JSON-MIN list', async () => {
    const text = 'Ayesha said the talks failed.';
    const region = { id: 'r1', type: 'labels', from_name: 'label', to_name: 'text', value: { start: 0, end: 6, text: 'Ayesha', labels: ['fact'] } };
    const legacy = path.join(tmp.dir, 'legacy.json');
    fs.writeFileSync(legacy, JSON.stringify({ id: 3, data: { text }, completions: [{ completed_by: { email: 'b@example.org' }, result: [region] }] }));
    const min = path.join(tmp.dir, 'min.json');
    fs.writeFileSync(min, JSON.stringify([{ id: 4, text, label: [{ start: 16, end: 21, text: 'talks', labels: ['opinion'] }], annotator: 'c@example.org', annotation_id: 9 }]));
    const outcomes = await importPaths(library, [legacy, min]);
    expect(outcomes.map((o) => o.ok && o.kind === 'annotations' && o.report.annotationsAdded)).toEqual([1, 1]);
    expect(library.annotators.list().map((a) => a.name).sort()).toEqual(['b@example.org', 'c@example.org']);
  });
});
