// The claimtag CLI: a few calls through the real installed entry point (bin/claimtag.mjs, running the
// bundle scripts/build-cli.mjs makes; vitest's globalSetup builds it),
// the rest through runCli in-process, always on real SQLite files in a temp dir.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDocx } from '../../test/import/docx-fixture-builder';
import { makeTempDir } from '../../test/support/temp-library';
import { cli, REPO, rowCounts, SAMPLE, spawnCli } from '../../test/cli/harness';

const MINIMAL = path.join(__dirname, '../../test/cli/minimal.claimtag.json');
const COMMANDS = ['import', 'export', 'list', 'agree'];

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('claimtag-cli-');
});
afterAll(() => temp.cleanup());

const at = (...parts: string[]) => path.join(temp.dir, ...parts);
const write = (name: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(at(name)), { recursive: true });
  fs.writeFileSync(at(name), content);
  return at(name);
};

describe('through the installed entry point (bin/claimtag.mjs)', () => {
  it('runs bundled JavaScript: no TypeScript compiler at run time, tsx is not a runtime dependency', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    expect(pkg.bin.claimtag).toBe('./bin/claimtag.mjs');
    const entry = fs.readFileSync(path.join(REPO, 'bin/claimtag.mjs'), 'utf8');
    expect(entry).not.toMatch(/tsx|\.ts['"]/);
    const bundle = fs.readFileSync(path.join(REPO, 'out/cli/claimtag.js'), 'utf8');
    expect(bundle).not.toMatch(/require\(["']tsx/);
    // every command main.ts knows is inside the bundle
    for (const c of COMMANDS) expect(bundle).toContain(`claimtag ${c}`);
  });

  it('reads a .docx through the worker that sits beside the bundle', async () => {
    const docx = write('bundle/report.docx', Buffer.from(buildDocx([{ text: 'The minister said the dam is finished.' }])));
    const db = at('bundle/library.sqlite');
    const result = await spawnCli(['import', '--db', db, docx]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(rowCounts(db).documents).toBe(1);
  });

  it('answers --help, no arguments, an unknown command and an unknown flag with the right exit codes', async () => {
    const [help, none, unknown, flag] = await Promise.all([
      spawnCli(['--help']),
      spawnCli([]),
      spawnCli(['frobnicate']),
      spawnCli(['import', '--bogus', 'x.txt'], { CLAIMTAG_DATA_DIR: at('unused') }),
    ]);
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(/^Usage: claimtag <command>/m);
    for (const c of COMMANDS) expect(help.out).toContain(`  ${c} `);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/Usage: claimtag <command>/);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate". Commands: import, export, list, agree, study, backup, restore, team.');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("claimtag import: Unknown option '--bogus'");
    expect(flag.err).toContain('claimtag import --help');
    expect(fs.existsSync(at('unused'))).toBe(false);
  });

  it('imports an article into $CLAIMTAG_DATA_DIR, says so when it is imported again, and lists it as JSON', async () => {
    const env = { CLAIMTAG_DATA_DIR: at('data') };
    const first = await spawnCli(['import', SAMPLE], env);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const id = /^✓ (.+) {2}\[([0-9a-f-]{36})\]$/m.exec(first.out);
    expect(id?.[1]).toMatch(/Pakistan/i);
    expect(first.out).toContain('1 of 1 files imported.');
    expect(fs.existsSync(at('data', 'claimtag.sqlite'))).toBe(true);

    const again = await spawnCli(['import', SAMPLE], env);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`= ${id![1]}  [${id![2]}]  (already in the library`);
    expect(rowCounts(at('data', 'claimtag.sqlite')).documents).toBe(1);

    const minimal = await spawnCli(['import', MINIMAL], env);
    expect(minimal.code).toBe(0);
    expect(minimal.out).toContain('2 annotations added, 0 already present');
    expect(minimal.out).toContain('annotator added: Ayesha');
    expect(minimal.out).toContain('labels added to the tag set: rumour');

    const list = await spawnCli(['list', '--format', 'json'], env);
    expect(list.code).toBe(0);
    const docs = JSON.parse(list.out) as Array<Record<string, unknown>>;
    expect(docs).toHaveLength(2);
    for (const d of docs) {
      expect(Object.keys(d).sort()).toEqual(['annotations', 'created', 'id', 'source', 'textIntact', 'title']);
      expect(new Date(d.created as string).toISOString()).toBe(d.created);
    }
    expect(docs.find((d) => d.id === id![2])).toMatchObject({ title: id![1], source: 'pakistan-afghanistan-ties.txt', annotations: {} });
    expect(docs.find((d) => d.title === 'T')).toMatchObject({ id: 'd1', source: '', annotations: { Ayesha: { fact: 1, rumour: 1 } } });
  });

  it('imports a batch where one file fails: the others are imported, exit 1, the reason on stderr', async () => {
    const db = at('batch.sqlite');
    const bad = write('batch/broken.json', '{"format": "claimtag", "version": 1, "documents": [');
    const result = await spawnCli(['import', '--db', db, SAMPLE, bad, MINIMAL]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('✗ broken.json: The file is not valid JSON.');
    expect(result.out).toContain('2 of 3 files imported.');
    expect(rowCounts(db)).toMatchObject({ documents: 2, annotations: 2, annotators: 1 });
  });

  it('exports a PDF with headless Chromium', async () => {
    const db = at('pdf.sqlite');
    expect((await cli(['import', '--db', db, MINIMAL])).code).toBe(0);
    const out = at('report.pdf');
    const result = await spawnCli(['export', '--db', db, '--format', 'pdf', '--out', out]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^✓ 2 annotations on 1 document written as pdf to .*report\.pdf in \d+ ms$/m);
    const pdf = fs.readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(fs.readdirSync(temp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});

describe('usage (in-process runCli)', () => {
  it.each(COMMANDS)('%s --help prints its usage and exits 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const result = await cli([command, flag]);
      expect(result.code).toBe(0);
      expect(result.out).toMatch(new RegExp(`^Usage: claimtag ${command} `));
      expect(result.out).toContain('-h, --help');
      expect(result.err).toBe('');
    }
  });

  it.each(COMMANDS)('%s with an unknown flag exits 2 and points at --help', async (command) => {
    const result = await cli([command, '--nope'], { CLAIMTAG_DATA_DIR: at('usage') });
    expect(result.code).toBe(2);
    expect(result.err).toContain(`claimtag ${command}: Unknown option '--nope'`);
    expect(result.err).toContain(`Run \`claimtag ${command} --help\` for usage.`);
  });

  it('rejects missing or wrong arguments with exit 2 and a clear message', async () => {
    const env = { CLAIMTAG_DATA_DIR: at('usage') };
    const cases: Array<[string[], RegExp]> = [
      [['import'], /Name at least one file/],
      [['import', 'x.txt', '--rename', 'Ayesha'], /--rename needs OLD=NEW/],
      [['export', '--out', 'x'], /Choose a format with --format/],
      [['export', '--format', 'docx', '--out', 'x'], /Unknown format "docx"/],
      [['export', '--format', 'html'], /--out PATH/],
      [['export', '--format', 'html', '--out', 'x', '--all', '--document', 'd1'], /either --document or --all/],
      [['export', '--format', 'html', '--out', 'x', 'stray'], /positional/i],
      [['list', '--format', 'xml'], /--format must be table or json/],
      [['agree'], /Name the claimtag JSON files/],
      [['agree', 'a.json', '--db', 'x.sqlite'], /not both/],
      [['agree', 'a.json', '--format', 'csv'], /--format must be json or table/],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err, args.join(' ')).toMatch(message);
    }
    expect(fs.existsSync(at('usage'))).toBe(false);
  });

  it('says there is no library instead of creating one for list, export and agree --db', async () => {
    const env = { CLAIMTAG_DATA_DIR: at('nowhere') };
    for (const args of [['list'], ['export', '--format', 'json', '--out', at('x.json')], ['agree', '--db', at('nowhere', 'claimtag.sqlite')]]) {
      const result = await cli(args, env);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/There is no claimtag library at .*nowhere.claimtag\.sqlite/);
    }
    expect(fs.existsSync(at('nowhere'))).toBe(false);
  });
});

describe('export in every format (in-process)', () => {
  let db: string;
  beforeAll(async () => {
    db = at('formats.sqlite');
    const result = await cli(['import', '--db', db, SAMPLE, MINIMAL]);
    expect(result.code).toBe(0);
    fs.mkdirSync(at('out'));
    fs.mkdirSync(at('rt'));
  });
  const exportAs = async (format: string, out: string, extra: string[] = []) => {
    const result = await cli(['export', '--db', db, '--format', format, '--out', out, ...extra]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`written as ${format} to`);
    return result;
  };

  it('html: a self-contained report with the claims highlighted', async () => {
    await exportAs('html', at('out/r.html'));
    const html = fs.readFileSync(at('out/r.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('The minister');
    expect(html).toContain('Critics allege fraud.');
    expect(html).not.toMatch(/<script|src="http|href="http/i);
  });

  it('md, csv: readable reports', async () => {
    await exportAs('md', at('out/r.md'));
    const md = fs.readFileSync(at('out/r.md'), 'utf8');
    expect(md).toContain('The minister');
    expect(md).toMatch(/^#/m);
    await exportAs('csv', at('out/r.csv'));
    const csv = fs.readFileSync(at('out/r.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF"document","annotator","label","start","end","quote"')).toBe(true);
    expect(csv).toContain('"T","Ayesha","Fact","0","12","The minister"');
    expect(csv.trim().split(/\r?\n/)).toHaveLength(3);
  });

  it('json, w3c, doccano, labelstudio: data with code point offsets', async () => {
    await exportAs('json', at('out/r.json'));
    const json = JSON.parse(fs.readFileSync(at('out/r.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'claimtag', version: 2 }); // the library's bundled Source and Cue labels carry roles
    expect(json.documents).toHaveLength(2);
    expect(json.annotations.map((a: { label: string; start: number; end: number; quote: string }) => [a.label, a.start, a.end, a.quote])).toEqual([
      ['fact', 0, 12, 'The minister'],
      ['rumour', 42, 63, 'Critics allege fraud.'],
    ]);

    await exportAs('w3c', at('out/r.jsonld'));
    const w3c = JSON.parse(fs.readFileSync(at('out/r.jsonld'), 'utf8'));
    expect(w3c).toMatchObject({ type: 'AnnotationCollection', total: 2 });
    expect(w3c.first.items[0].target.selector).toContainEqual({ type: 'TextPositionSelector', start: 0, end: 12 });

    await exportAs('doccano', at('out/r.jsonl'));
    const lines = fs.readFileSync(at('out/r.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.annotator === 'Ayesha')).toMatchObject({ label: [[0, 12, 'fact'], [42, 63, 'rumour']] });

    await exportAs('labelstudio', at('out/r.ls.json'));
    const tasks = JSON.parse(fs.readFileSync(at('out/r.ls.json'), 'utf8'));
    expect(Array.isArray(tasks)).toBe(true);
    expect(tasks.find((t: { data: { title: string } }) => t.data.title === 'T').annotations).toHaveLength(1);
    // The labelling config and the summary of what the format leaves out are written beside the tasks.
    expect(fs.readFileSync(at('out/r.ls.label_config.xml'), 'utf8')).toContain('alias="fact"');
    expect(fs.readFileSync(at('out/r.ls.claimtag-summary.txt'), 'utf8')).toContain('This format does not carry:');
  });

  it('claimreview: schema.org JSON-LD with the desk from --desk-name/--desk-url; a bad address or a lone --desk-url is a usage error', async () => {
    await exportAs('claimreview', at('out/r.claimreview.jsonld'), ['--desk-name', 'Desk', '--desk-url', 'https://desk.example/']);
    const graph = JSON.parse(fs.readFileSync(at('out/r.claimreview.jsonld'), 'utf8'));
    expect(graph['@context']).toBe('https://schema.org');
    expect(Array.isArray(graph['@graph'])).toBe(true);
    const bad = await cli(['export', '--db', db, '--format', 'claimreview', '--out', at('out/x.jsonld'), '--desk-name', 'D', '--desk-url', 'javascript:alert(1)']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--desk-url must be a web address starting with https:// or http:// (got "javascript:alert(1)").');
    const lone = await cli(['export', '--db', db, '--format', 'claimreview', '--out', at('out/x.jsonld'), '--desk-url', 'https://desk.example/']);
    expect(lone.code).toBe(2);
    expect(fs.existsSync(at('out/x.jsonld'))).toBe(false);
  });

  it('doccano: --doccano-offsets chooses the unit on export and import; an unknown unit is a usage error', async () => {
    await exportAs('doccano', at('out/g.jsonl'), ['--doccano-offsets', 'grapheme']);
    const line = fs.readFileSync(at('out/g.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.annotator === 'Ayesha');
    expect(line.label[0]).toEqual([0, 12, 'fact']);
    const bad = await cli(['export', '--db', db, '--format', 'doccano', '--out', at('out/x.jsonl'), '--doccano-offsets', 'bytes']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown --doccano-offsets "bytes". Choose one of: utf16, grapheme, codepoint.');
    const back = await cli(['import', '--db', at('rt/g.sqlite'), '--doccano-offsets', 'grapheme', '--annotator', 'X', at('out/g.jsonl')]);
    expect(back.code).toBe(0);
  });

  it('brat: a folder of .txt/.ann pairs per annotator, named by title, with annotation.conf, visual.conf, manifest and summary', async () => {
    const result = await exportAs('brat', at('out/brat'));
    expect(result.out).toMatch(/\(6 files\)/);
    expect(fs.readdirSync(at('out/brat')).sort()).toEqual(['Ayesha', 'annotation.conf', 'claimtag-export-summary.txt', 'claimtag-manifest.json', 'visual.conf']);
    expect(fs.readdirSync(at('out/brat/Ayesha')).sort()).toEqual(['T.ann', 'T.txt']);
    expect(fs.readFileSync(at('out/brat/Ayesha/T.txt'), 'utf8')).toBe('The minister said the border will reopen. Critics allege fraud.');
    expect(fs.readFileSync(at('out/brat/Ayesha/T.ann'), 'utf8')).toMatch(/^T1\tfact 0 12\tThe minister$/m);
    expect(JSON.parse(fs.readFileSync(at('out/brat/claimtag-manifest.json'), 'utf8')).documents.T.id).toBe('d1');
  });

  it('--annotator and --document narrow the export; unknown ones fail with exit 1', async () => {
    await exportAs('json', at('out/one.json'), ['--document', 'd1', '--annotator', 'Ayesha']);
    expect(JSON.parse(fs.readFileSync(at('out/one.json'), 'utf8')).documents.map((d: { id: string }) => d.id)).toEqual(['d1']);
    const nobody = await cli(['export', '--db', db, '--format', 'json', '--out', at('out/no.json'), '--annotator', 'Nobody']);
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain('No annotator named "Nobody"');
    const nodoc = await cli(['export', '--db', db, '--format', 'json', '--out', at('out/no.json'), '--document', 'missing']);
    expect(nodoc.code).toBe(1);
    expect(fs.existsSync(at('out/no.json'))).toBe(false);
  });

  it('a bad --out (missing folder, a folder for a file, a file for brat) fails with exit 1 and a clear reason', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['html', at('no-such-folder', 'r.html'), /The folder .*no-such-folder does not exist/],
      ['json', at('out'), /out is a folder\. Give --out a file name/],
      ['brat', MINIMAL, /brat export writes a folder, but .* is a file/],
    ];
    for (const [format, out, reason] of cases) {
      const result = await cli(['export', '--db', db, '--format', format, '--out', out]);
      expect(result.code, format).toBe(1);
      expect(result.err, format).toMatch(reason);
      expect(result.err).not.toMatch(/unexpected error|ENOENT|EISDIR|EEXIST/);
    }
    expect(fs.existsSync(at('no-such-folder'))).toBe(false);
    expect(fs.readdirSync(temp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('json export → import into a fresh library → export again is identical', async () => {
    await exportAs('json', at('rt/first.json'));
    const fresh = at('rt/fresh.sqlite');
    const imported = await cli(['import', '--db', fresh, at('rt/first.json')]);
    expect(imported.code).toBe(0);
    const second = await cli(['export', '--db', fresh, '--format', 'json', '--out', at('rt/second.json')]);
    expect(second.code).toBe(0);
    expect(fs.readFileSync(at('rt/second.json'), 'utf8')).toBe(fs.readFileSync(at('rt/first.json'), 'utf8'));
    const again = await cli(['import', '--db', fresh, at('rt/first.json')]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 annotations added, 2 already present');
  });
});

describe('bad files (in-process): exit 1 with the reason, nothing written', () => {
  let db: string;
  beforeAll(async () => {
    db = at('bad.sqlite');
    expect((await cli(['import', '--db', db, SAMPLE, MINIMAL])).code).toBe(0);
  });
  const doc = (text: string, annotations: object[], extra: object = {}) =>
    JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: 'x', title: 'X', text }], annotations, ...extra });

  it.each([
    ['binary.txt', Buffer.from('Headline\u0000\u0001\u0002 body text\n', 'latin1'), /binary file/],
    ['binary.json', Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x81, 0x00, 0x22]), /not valid JSON/],
    ['invalid.json', '{"format": "claimtag", "version": 1,, }', /not valid JSON/],
    ['outside.json', doc('Short new text.', [{ document: 'x', annotator: 'Zed', label: 'fact', start: 0, end: 99 }]), /offsets 0–99 are outside the text \(0–15 code points\)/],
    ['proto.json', doc('Another new text.', [{ document: 'x', annotator: 'Zed', label: 'fact', start: 0, end: 7 }]).replace('"title"', '"__proto__": {"polluted": true}, "title"'), /"__proto__" is not allowed/],
    ['proto-top.json', `{"__proto__": {"admin": true}, ${doc('Third new text.', []).slice(1)}`, /"__proto__" is not allowed/],
    ['constructor.json', doc('Fourth new text.', [{ document: 'x', annotator: 'Zed', label: 'fact', start: 0, end: 6, constructor: { prototype: { x: 1 } } }]), /constructor|not allowed|unrecognized/i],
    ['newer.json', JSON.stringify({ format: 'claimtag', version: 99, documents: [], annotations: [] }), /version 99/],
    ['notes.rtf', '{\\rtf1 notes}', /not a format claimtag reads/],
    ['notes.pdf', '%PDF-1.4', /This PDF is damaged or is not a PDF/],
  ])('%s', async (name, content, reason) => {
    const file = write(`bad/${name}`, content);
    const before = rowCounts(db);
    const result = await cli(['import', '--db', db, file]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(reason);
    expect(result.err).toMatch(/^✗ /);
    expect(result.out).toContain('0 of 1 files imported.');
    expect(rowCounts(db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('a missing file is reported, the others still imported', async () => {
    const good = write('bad/good.json', doc('A perfectly good new text.', [{ document: 'x', annotator: 'Zed', label: 'opinion', start: 2, end: 16 }]));
    const before = rowCounts(db);
    const result = await cli(['import', '--db', db, at('bad/missing.json'), good]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/missing\.json" could not be read/);
    expect(result.out).toContain('1 of 2 files imported.');
    expect(rowCounts(db)).toEqual({ ...before, documents: before.documents + 1, annotations: before.annotations + 1, annotators: before.annotators + 1 });
  });

  it('a same-name annotator from another library is a conflict until --rename or --same-person', async () => {
    const foreign = write(
      'bad/foreign.json',
      JSON.stringify({
        format: 'claimtag',
        version: 1,
        documents: [{ id: 'f', text: 'The minister said the border will reopen. Critics allege fraud.' }],
        annotators: [{ id: 'elsewhere-1', name: 'Ayesha' }],
        annotations: [{ document: 'f', annotator: 'elsewhere-1', label: 'opinion', start: 4, end: 12 }],
      }),
    );
    const before = rowCounts(db);
    const clash = await cli(['import', '--db', db, foreign]);
    expect(clash.code).toBe(1);
    expect(clash.err).toContain('This library already has "Ayesha"');
    expect(rowCounts(db)).toEqual(before);
    const renamed = await cli(['import', '--db', db, foreign, '--rename', 'Ayesha=Ayesha K.']);
    expect(renamed.code).toBe(0);
    expect(renamed.out).toContain('annotator added: Ayesha K.');
    expect(renamed.out).toContain('document matched: T [d1]');
  });
});
