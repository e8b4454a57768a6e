import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { importPaths } from './import-paths';
import { loadBundle } from './load-bundle';
import { dumpLibrary } from '../../../test/support/dump-library';

const RESOURCES = path.resolve(__dirname, '../../../resources');
let tmp: ReturnType<typeof makeTempDir>;
let ours: Library;

/** A colleague's library on their machine, with their work on their copy of the sample. */
function colleagueLibrary(file: string, edit: (text: string) => string): Library {
  const theirs = Library.open(file);
  const sample = loadBundledSample(RESOURCES);
  const text = edit(sample.text);
  const { document } = theirs.documents.add({ ...sample, text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] });
  const bilal = theirs.annotators.add('Bilal');
  const tag = (quote: string, label: string) => {
    const at = text.indexOf(quote);
    theirs.annotations.add({ documentId: document.id, annotatorId: bilal.id, labelId: label, start: at, end: at + quote.length }, text);
  };
  tag('agreed to upgrade their diplomatic relations', 'fact');
  tag(text.includes('most significant') ? 'most significant' : 'highly significant', 'opinion');
  return theirs;
}

beforeEach(() => {
  tmp = makeTempDir();
  ours = Library.open(path.join(tmp.dir, 'ours.sqlite'));
  ours.documents.add(loadBundledSample(RESOURCES));
});
afterEach(() => {
  ours.close();
  tmp.cleanup();
});

describe("importing a colleague's work", () => {
  it('reads their whole library file (with its WAL) without changing it, keeping their identity', async () => {
    const file = path.join(tmp.dir, 'bilal.sqlite');
    const theirs = colleagueLibrary(file, (t) => t); // left open: the WAL is live beside it
    const before = [fs.readFileSync(file), fs.readFileSync(`${file}-wal`)];
    const [outcome] = await importPaths(ours, [file]);
    const after = [fs.readFileSync(file), fs.readFileSync(`${file}-wal`)];
    theirs.close();
    expect(outcome).toMatchObject({ ok: true, kind: 'annotations', report: { annotationsAdded: 2 } });
    expect(after[0].equals(before[0]) && after[1].equals(before[1])).toBe(true);
    expect(ours.documents.list()).toHaveLength(1); // matched by content hash
    expect(ours.annotators.list().map((a) => a.name)).toEqual(['Bilal']);
  });

  /** A JSON export of Bilal's work on a copy with a heading line and "most" where ours says "highly", inside one of his claims. */
  function differentCopy(): string {
    const file = path.join(tmp.dir, 'bilal-copy.sqlite');
    const theirs = colleagueLibrary(file, (t) => `Editorial. ${t.replace('highly significant', 'most significant')}`);
    const json = path.join(tmp.dir, 'bilal.json');
    fs.writeFileSync(json, exportClaimtagJson(loadBundle(theirs, { documents: 'all' })));
    theirs.close();
    return json;
  }

  it('keeps a similar but different text apart: refuses, shows the difference, and changes nothing until the analyst says', async () => {
    const json = differentCopy();
    const before = dumpLibrary(ours);
    const [outcome] = await importPaths(ours, [json]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'similar-document' } });
    if (outcome.ok || outcome.error.reason !== 'similar-document') throw new Error('refused above');
    expect(outcome.error.similar).toHaveLength(1);
    expect(outcome.error.similar[0].similarity).toBeGreaterThan(0.8);
    expect(outcome.error.similar[0].changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ ours: '', theirs: 'Editorial. ' }), expect.objectContaining({ ours: 'highly', theirs: 'most' })]),
    );
    expect(dumpLibrary(ours)).toEqual(before);

    // kept apart: a second document with all of Bilal's work on his own text
    const [separate] = await importPaths(ours, [json], { similar: 'separate' });
    expect(separate).toMatchObject({ ok: true, report: { annotationsAdded: 2, documents: [{ existed: false }] } });
    expect(ours.documents.list()).toHaveLength(2);
  });

  it('maps onto our copy only when asked, placing each span where its quote and context occur once and listing the rest', async () => {
    const json = differentCopy();
    const ourId = ours.documents.list()[0].id;
    const [outcome] = await importPaths(ours, [json], { mapOnto: { [JSON.parse(fs.readFileSync(json, 'utf8')).documents[0].id]: ourId } });
    if (!outcome.ok || outcome.kind !== 'annotations') throw new Error(JSON.stringify(outcome));
    const r = outcome.report;
    expect(r.documents).toMatchObject([{ id: ourId, existed: true, reanchored: true }]);
    expect(r.annotationsAdded).toBe(1);
    expect(r.unanchored).toBe(1);
    expect(r.rejected.map((x) => x.reason).join()).toMatch(/not placed: “most significant” with the text around it is not in this copy/);
    const [placed] = ours.annotations.listForDocument(ourId);
    expect(placed.quote).toBe('agreed to upgrade their diplomatic relations');
    expect(ours.documents.list()).toHaveLength(1);
  });

  it('refuses a file that is not a claimtag library, changing nothing', async () => {
    const file = path.join(tmp.dir, 'notes.sqlite');
    fs.writeFileSync(file, 'plain text, not a database');
    const [outcome] = await importPaths(ours, [file]);
    expect(outcome).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a claimtag library/) } });
    expect(ours.annotators.list()).toEqual([]);
  });
});
