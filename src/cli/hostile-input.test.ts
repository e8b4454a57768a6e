// The CLI given hostile data: titles and names that carry terminal escape sequences, annotators
// and labels named like Object.prototype's members, and special files where a file is expected.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../core/api/services';
import { createDispatch } from '../core/api/dispatch';
import { Library } from '../core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { cli } from '../../test/cli/harness';
import { oneLine, terminalSafe } from './terminal-text';

let tmp: ReturnType<typeof makeTempDir>;
let env: Record<string, string>;
beforeEach(() => {
  tmp = makeTempDir('claimtag-cli-hostile-');
  env = { CLAIMTAG_DATA_DIR: path.join(tmp.dir, 'data') };
});
afterEach(() => tmp.cleanup());

const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007'; // writes "echo pwned" to the clipboard
const CSI = '\u001b[2J\u001b[1;1H'; // clears the screen
const C1_CSI = '\u009b31m';
const BIDI = '\u202egnp.exe';

/** A library holding one document whose title is hostile, tagged by an annotator of the given name. */
function hostileLibrary(title: string, annotator: string): string {
  const file = path.join(tmp.dir, 'data', 'claimtag.sqlite');
  const library = Library.open(file);
  const text = 'The minister said the bridge was finished on time.';
  const { document } = library.documents.add({ title, source: 'test', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] });
  const a = library.annotators.add(annotator);
  library.annotations.add({ documentId: document.id, annotatorId: a.id, labelId: 'fact', start: 4, end: 12 }, text);
  library.annotations.add({ documentId: document.id, annotatorId: a.id, labelId: 'opinion', start: 13, end: 17 }, text);
  library.close();
  return file;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const hasRawControl = (s: string) => /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s);

describe('terminal injection', () => {
  it('claimtag list shows a title carrying OSC 52, CSI, C1 and bidi sequences escaped, in table and json', async () => {
    hostileLibrary(`Report${OSC52}${CSI}${C1_CSI}${BIDI}\nfake-id  Forged line`, `Ayesha${CSI}`);
    const table = await cli(['list'], env);
    expect(table.code).toBe(0);
    expect(hasRawControl(table.out)).toBe(false);
    expect(table.out).toContain('Report\\u001b]52;c;ZWNobyBwd25lZA==\\u0007\\u001b[2J');
    expect(table.out).toContain('\\u009b31m\\u202egnp.exe\\u000afake-id  Forged line');
    expect(table.out.split('\n')).toHaveLength(2); // the document line and one annotator line: no forged line
    const json = await cli(['list', '--format', 'json'], env);
    expect(hasRawControl(json.out)).toBe(false);
    const [doc] = JSON.parse(json.out); // still valid JSON, with the exact title
    expect(doc.title).toBe(`Report${OSC52}${CSI}${C1_CSI}${BIDI}\nfake-id  Forged line`);
  });

  it('escapes controls in error messages too (a hostile file name)', async () => {
    const name = path.join(tmp.dir, `evil${OSC52}.txt`);
    const result = await cli(['import', name], env);
    expect(result.code).toBe(1);
    expect(hasRawControl(result.err)).toBe(false);
    expect(result.err).toContain('evil\\u001b]52;c;');
  });

  it('terminalSafe keeps newlines and tabs of the output itself; oneLine escapes them inside a value', () => {
    expect(terminalSafe('a\tb\nc\rd\u0000')).toBe('a\tb\nc\\u000dd\\u0000');
    expect(oneLine('a\nb\u2028c')).toBe('a\\u000ab\\u2028c');
  });
});

describe('prototype pollution', () => {
  it('an annotator named __proto__ (set over IPC) leaves Object.prototype alone in claimtag list', async () => {
    const file = hostileLibrary('Plain title', 'Someone');
    const library = Library.open(file);
    const dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => { throw new Error('no sample'); } }));
    expect(await dispatch('setAnnotatorName', { name: '__proto__' })).toMatchObject({ ok: true });
    const a = library.annotators.list().find((x) => x.name === '__proto__');
    if (!a) throw new Error('annotator not renamed');
    const doc = library.documents.list()[0];
    const text = library.documents.textOf(doc.id);
    library.annotations.add({ documentId: doc.id, annotatorId: a.id, labelId: 'allegation', start: 22, end: 28 }, text);
    library.close();
    const table = await cli(['list'], env);
    const json = await cli(['list', '--format', 'json'], env);
    expect(Object.prototype).not.toHaveProperty('fact');
    expect(Object.prototype).not.toHaveProperty('opinion');
    expect(Object.prototype).not.toHaveProperty('allegation');
    expect(({} as Record<string, unknown>).allegation).toBeUndefined();
    expect(table.out).toContain('    __proto__: allegation 1');
    const [listed] = JSON.parse(json.out);
    expect(Object.getOwnPropertyNames(listed.annotations).sort()).toEqual(['Someone', '__proto__']);
  });

  it('an arriving annotator named "constructor" is filed under that name, not under a method of Object', async () => {
    const file = path.join(tmp.dir, 'work.json');
    const json = fs.readFileSync(path.join(__dirname, '../../test/cli/minimal.claimtag.json'), 'utf8').replaceAll('"Ayesha"', '"constructor"');
    fs.writeFileSync(file, json);
    const result = await cli(['import', file, '--rename', 'hasOwnProperty=x'], env);
    expect(result.err).toBe('');
    expect(result.out).toContain('annotator added: constructor');
    const listed = await cli(['list'], env);
    expect(listed.out).toContain('    constructor: fact 1, rumour 1');
  });
});

describe('special files', () => {
  it('import and agree refuse a named pipe without waiting on it', async () => {
    const pipe = path.join(tmp.dir, 'pipe.json');
    execFileSync('mkfifo', [pipe]);
    const imported = await cli(['import', pipe], env);
    expect(imported.code).not.toBe(0);
    expect(imported.err).toContain('"pipe.json" is a named pipe');
    const agreed = await cli(['agree', pipe, pipe], env);
    expect(agreed.code).not.toBe(0);
    expect(agreed.err).toContain('"pipe.json" is a named pipe');
  });
});
