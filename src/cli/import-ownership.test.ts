// `claimtag import` follows the app's rules: nothing joins the library analyst's own layer
// without --as (her own name only), and a similar text is shown and kept apart until mapped.

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumpFile } from '../../test/support/db-helpers';
import { Library } from '../core/store/library';
import { CURRENT_ANNOTATOR_SETTING } from '../core/ownership/ownership';
import { makeTempDir } from '../../test/support/temp-library';
import { cli } from '../../test/cli/harness';

const TEXT = [
  'The minister said the border will reopen on Monday after three weeks of closure and talks in the capital.',
  'Traders in the market towns along the road have waited for news since the crossing shut in early spring.',
  'Critics allege fraud in the talks.',
  'Officials from both sides met twice last week and agreed on a schedule for customs staff and trucks.',
  'It is a bad idea, one editor wrote.',
].join(' ');

let tmp: ReturnType<typeof makeTempDir>;
let db: string;
let documentId: string;

beforeEach(() => {
  tmp = makeTempDir();
  db = path.join(tmp.dir, 'claimtag.sqlite');
  const library = Library.open(db);
  documentId = library.documents.add({ title: 'Border', source: '', text: TEXT, blocks: [{ kind: 'paragraph', start: 0, end: TEXT.length }] }).document.id;
  const ayesha = library.annotators.add('Ayesha');
  library.settings.set(CURRENT_ANNOTATOR_SETTING, ayesha.id);
  library.close();
});
afterEach(() => tmp.cleanup());

/** A claimtag JSON file with one claim on `text` by `annotator` (a name: no id). */
function file(name: string, annotator: string, text = TEXT, quote = 'Critics allege fraud in the talks.'): string {
  const at = text.indexOf(quote);
  const target = path.join(tmp.dir, name);
  fs.writeFileSync(
    target,
    JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: 'theirs', title: 'Border (their copy)', text }], annotations: [{ document: 'theirs', annotator, label: 'allegation', start: at, end: at + quote.length }] }),
  );
  return target;
}

describe('claimtag import: ownership', () => {
  it('refuses work filed under the analyst unless she says --as with her own name', async () => {
    const mine = file('mine.json', 'Ayesha');
    const before = dumpFile(db);
    const refused = await cli(['import', '--db', db, mine]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('would add 1 annotation to your own work (Ayesha)');
    expect(refused.err).toContain('re-run with --as "Ayesha"');
    expect(dumpFile(db)).toEqual(before);

    const impostor = await cli(['import', '--db', db, '--as', 'Bilal', mine]);
    expect(impostor.code).toBe(1);
    expect(impostor.err).toContain('--as is only for your own identity: this library\'s analyst is "Ayesha", not "Bilal"');
    expect(dumpFile(db)).toEqual(before);

    const consented = await cli(['import', '--db', db, '--as', 'Ayesha', mine]);
    expect(consented.code).toBe(0);
    expect(consented.out).toContain('1 annotations added');
  });

  it("files a colleague's work in his own layer", async () => {
    const result = await cli(['import', '--db', db, file('bilal.json', 'Bilal')]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('annotator added: Bilal');
  });
});

describe('claimtag import: a similar text is a different document unless mapped', () => {
  const theirs = TEXT.replace('Monday', 'Tuesday').replace(', one editor wrote', ', an editor wrote');

  it('shows the difference and changes nothing without a choice', async () => {
    const before = dumpFile(db);
    const result = await cli(['import', '--db', db, file('bilal.json', 'Bilal', theirs)]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('resembles "Border" in your library but its text is not the same');
    expect(result.err).toContain('[ours: "Monday" | theirs: "Tuesday"]');
    expect(result.err).toContain(`--map theirs=${documentId}`);
    expect(dumpFile(db)).toEqual(before);
  });

  it('--keep-apart adds it as a second document', async () => {
    const result = await cli(['import', '--db', db, '--keep-apart', file('bilal.json', 'Bilal', theirs)]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('document added: Border (their copy)');
  });

  it('--map places each span only where its quote occurs once near its place, listing the rest', async () => {
    const placed = await cli(['import', '--db', db, '--map', `theirs=${documentId}`, file('bilal.json', 'Bilal', theirs)]);
    expect(placed.code).toBe(0);
    expect(placed.out).toContain('document mapped onto ours');
    expect(placed.out).toContain('1 annotations added');
    // a span whose words changed in their copy is listed, not guessed
    const changed = await cli(['import', '--db', db, '--map', `theirs=${documentId}`, file('bilal2.json', 'Bilal', theirs, 'It is a bad idea, an editor wrote.')]);
    expect(changed.out).toContain('0 annotations added');
    expect(changed.out).toMatch(/left out annotations\[0\]: not placed: “It is a bad idea, an editor wrote\.” with the text around it is not in this copy/);
  });
});
