// A byte flipped inside a stored article text (on disk, where quick_check does not look) must
// not be shown, listed or exported as sound: each text's SHA-256 is checked when it is read.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../../test/cli/harness';
import { createDispatch } from '../core/api/dispatch';
import { createServices } from '../core/api/services';
import { Library } from '../core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { dumpFile } from '../../test/support/db-helpers';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
let rottenId: string;
let soundId: string;
const ROTTEN = 'The Quetzalcoatl bridge was finished on time, the ministry said on Monday.';
const SOUND = 'Officials said forty bridges were inspected in March.';

beforeEach(() => {
  tmp = makeTempDir('claimtag-rot-');
  file = path.join(tmp.dir, 'data', 'claimtag.sqlite');
  const library = Library.open(file);
  const add = (title: string, text: string) => library.documents.add({ title, source: 't', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] }).document.id;
  rottenId = add('Bridge report', ROTTEN);
  soundId = add('Inspections', SOUND);
  const a = library.annotators.add('Ayesha');
  library.annotations.add({ documentId: rottenId, annotatorId: a.id, labelId: 'fact', start: 4, end: 16 }, ROTTEN);
  library.close(); // checkpointed: the text is in the main file now
  // One byte flipped on disk, inside the stored text ("Quetzalcoatl" → "Quetzalcoatm").
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf('Quetzalcoatl bridge');
  expect(at).toBeGreaterThan(0);
  bytes[at + 11] ^= 0x01;
  fs.writeFileSync(file, bytes);
});
afterEach(() => tmp.cleanup());

describe('a rotten article text', () => {
  it('is refused when opened in the app, with a typed storage error that points to the backups; the sound one opens', async () => {
    const library = Library.open(file);
    try {
      const dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => ({ title: 'S', source: 's', text: SOUND, blocks: [] }) }));
      const opened = await dispatch('getDocument', { id: rottenId });
      expect(opened).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/no longer matches its fingerprint.*Restore a backup/) } });
      expect(await dispatch('getDocument', { id: soundId })).toMatchObject({ ok: true, value: { text: SOUND } });
    } finally {
      library.close();
    }
  });

  it('is marked DAMAGED by claimtag list (exit 1), and claimtag export refuses it; the library is unchanged', async () => {
    const env = { CLAIMTAG_DATA_DIR: path.join(tmp.dir, 'data') };
    const before = dumpFile(file);
    const listed = await cli(['list'], env);
    expect(listed.code).toBe(1);
    expect(listed.out).toContain(`${rottenId}  Bridge report  DAMAGED`);
    expect(listed.out).not.toContain(`${soundId}  Inspections  DAMAGED`);
    expect(listed.err).toMatch(/one document’s stored text no longer matches its SHA-256.*claimtag restore/);
    const json = await cli(['list', '--format', 'json'], env);
    expect(JSON.parse(json.out).map((d: { id: string; textIntact: boolean }) => [d.id, d.textIntact]).sort()).toEqual([[rottenId, false], [soundId, true]].sort());
    const out = path.join(tmp.dir, 'out.json');
    const exported = await cli(['export', '--format', 'json', '--out', out], env);
    expect(exported.code).toBe(1);
    expect(exported.err).toMatch(/"Bridge report" no longer matches its fingerprint/);
    expect(fs.existsSync(out)).toBe(false);
    expect(dumpFile(file)).toEqual(before);
  });
});
