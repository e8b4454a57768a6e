import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import { buildDocx } from '../../../test/import/docx-fixture-builder';
import { buildDocument, titleFromFileName } from './imported-document';
import { importDocx } from './import-docx';
import { importClipboard, importFile, type ImportedDocument } from './import-file';
import { parseHtml } from './import-html';
import { parseHtmlArticle } from './html-article';
import { parseMarkdown } from './import-markdown';
import { parseText } from './import-txt';
import { blocksOf, expectDocument, expectError, expectWellFormed, fixtureFolder, type ExpectedBlock } from '../../../test/import/import-test-helpers';
import { sha256 } from './normalize-text';
import { MAX_IMPORT_BYTES } from '../../shared/import-limits';

const naughtyStrings = createRequire(import.meta.url)('big-list-of-naughty-strings') as string[];

const fixtures = fixtureFolder('claimtag-import-');
const file = fixtures.file;

const URDU = 'وزیر اعظم نے کہا کہ انتخابات شفاف تھے۔';

describe('importFile dispatch', () => {
  it('imports .txt as one paragraph per line with the file name as title and source', async () => {
    const doc = expectDocument(await importFile(await file('press_release-2024.txt', `\uFEFFFirst line\r\n\r\n${URDU}\r\n  indented\t\r\n`)));
    expect(doc.title).toBe('Press release 2024');
    expect(doc.source).toBe('press_release-2024.txt');
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['paragraph', undefined, 'First line'],
      ['paragraph', undefined, URDU],
      ['paragraph', undefined, 'indented'],
    ]);
  });

  it.each(['.md', '.markdown', '.MD'])('imports %s as Markdown', async (extension) => {
    const doc = expectDocument(await importFile(await file(`story${extension}`, '# Head\n\n- item\n')));
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([['heading', 1, 'Head'], ['list-item', 1, 'item']]);
    expect(doc.title).toBe('Head');
  });

  it.each(['.html', '.htm'])('imports %s as HTML with the page URL as source', async (extension) => {
    const html = '<html><head><link rel="canonical" href="https://news.example/a"></head><body><h2>Sub</h2><p>Para</p></body></html>';
    const doc = expectDocument(await importFile(await file(`page${extension}`, html)));
    expect(doc.source).toBe('https://news.example/a');
    expect(doc.title).toBe('Page');
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([['heading', 2, 'Sub'], ['paragraph', undefined, 'Para']]);
  });

  it('imports .docx through the worker', async () => {
    const doc = expectDocument(await importFile(await file('word.docx', buildDocx([{ text: 'Heading', style: 'Heading1' }, { text: URDU }]))));
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([['heading', 1, 'Heading'], ['paragraph', undefined, URDU]]);
  });

  it('imports a text file exactly at the size cap and refuses one byte more', async () => {
    const line = `${'a'.repeat(1023)}\n`;
    const atCap = Buffer.alloc(MAX_IMPORT_BYTES, line);
    const doc = expectDocument(await importFile(await file('at-cap.txt', atCap)));
    expect(doc.blocks.length).toBe(MAX_IMPORT_BYTES / 1024);
    expectError(await importFile(await file('over-cap.txt', Buffer.concat([atCap, Buffer.from('a')]))), 'too-large');
  }, 30_000);

  it('returns typed errors for binary, invalid UTF-8, empty, missing and unsupported files', async () => {
    expectError(await importFile(await file('photo.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))), 'unsupported');
    expectError(await importFile(await file('nul.md', Uint8Array.from([0x23, 0x20, 0x00, 0x41]))), 'unsupported');
    const latin1 = Buffer.from('Caf\xe9 cr\xe8me', 'latin1');
    expect(expectError(await importFile(await file('latin1.txt', latin1)), 'invalid-input')).toContain('UTF-8');
    const replaced = expectDocument(await importFile(path.join(fixtures.path(), 'latin1.txt'), { replaceInvalid: true }));
    expect(replaced.text).toBe('Caf\uFFFD cr\uFFFDme');
    expect(replaced.warnings).toEqual(['Some bytes were not valid text and were replaced by �.']);
    expectError(await importFile(await file('blank.txt', '  \n\t\n')), 'invalid-input');
    expectError(await importFile(await file('scripts-only.html', '<script>alert(1)</script><style>p{}</style>')), 'invalid-input');
    expectError(await importFile(path.join(fixtures.path(), 'missing.docx')), 'not-found');
    expectError(await importFile(await file('sheet.xlsx', 'x')), 'unsupported');
  });

  it('gives the same text, and so the same hash, for the same content in different formats', async () => {
    const txt = expectDocument(await importFile(await file('same.txt', `Line one\n${URDU}`)));
    const md = expectDocument(await importFile(await file('same.md', `Line one\n\n${URDU}`)));
    const html = expectDocument(await importFile(await file('same.html', `<p>Line one</p><p>${URDU}</p>`)));
    expect(sha256(md.text)).toBe(sha256(txt.text));
    expect(sha256(html.text)).toBe(sha256(txt.text));
  });
});

describe('importClipboard', () => {
  it('prefers HTML when present', async () => {
    const doc = expectDocument(await importClipboard({ text: 'plain version', html: '<meta charset="utf-8"><!--StartFragment--><h1>Rich</h1><p>version</p><!--EndFragment-->' }));
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([['heading', 1, 'Rich'], ['paragraph', undefined, 'version']]);
    expect(doc.title).toBe('Rich');
    expect(doc.source).toBe('clipboard');
  });

  it('falls back to the text when the HTML holds nothing readable', async () => {
    const doc = expectDocument(await importClipboard({ text: `${URDU}\nsecond`, html: '<img src=x onerror=alert(1)>' }));
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([['paragraph', undefined, URDU], ['paragraph', undefined, 'second']]);
    expect(doc.title).toBe(URDU);
  });

  it('refuses empty and oversized clipboards', async () => {
    expectError(await importClipboard({}), 'invalid-input');
    expectError(await importClipboard({ text: ' \n ', html: '' }), 'invalid-input');
    expectError(await importClipboard({ text: 'a'.repeat(MAX_IMPORT_BYTES + 1) }), 'too-large');
  });
});

describe('titleFromFileName', () => {
  it.each([
    ['2024-05-01_election_results.final.html', '2024 05 01 election results final'],
    ['/some/dir/my story.md', 'My story'],
    ['.hidden', 'Hidden'],
    ['___.txt', 'Untitled'],
    ['انتخابات_۱۴۰۳.docx', 'انتخابات ۱۴۰۳'],
  ])('%s → %s', (name, title) => {
    expect(titleFromFileName(name)).toBe(title);
  });
});

describe('big list of naughty strings through every importer', () => {
  const expectDocumentOrTypedError = (result: Result<ImportedDocument>): void => {
    if (result.ok) expectWellFormed(result.value);
    else expect(['invalid-input', 'unsupported', 'too-large']).toContain(result.error.code);
  };

  it(`parses all ${naughtyStrings.length} strings as text, Markdown, HTML, reader view and clipboard`, async () => {
    for (const naughty of naughtyStrings) {
      for (const parse of [parseText, parseMarkdown, parseHtml, parseHtmlArticle]) {
        expectDocumentOrTypedError(buildDocument(parse(naughty), { title: 'x', source: 'x' }));
      }
      expectDocumentOrTypedError(await importClipboard({ text: naughty }));
    }
    // Pasted HTML goes through the worker: all of them at once, one worker.
    expectDocumentOrTypedError(await importClipboard({ text: 'x', html: naughtyStrings.join('<br>') }));
  }, 30_000);

  it('survives all of them in one file of every format, and as .docx', async () => {
    const joined = naughtyStrings.join('\n');
    for (const name of ['naughty.txt', 'naughty.md', 'naughty.html']) {
      expectDocumentOrTypedError(await importFile(await file(name, joined)));
    }
    // XML 1.0 cannot carry C0 controls or U+FFFE/U+FFFF at all, so the builder gets them stripped.
    // eslint-disable-next-line no-control-regex
    const docx = buildDocx(naughtyStrings.map((text) => ({ text: text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '') })));
    expectDocumentOrTypedError(await importDocx(docx, 'naughty.docx'));
  });

  it('survives every string as a file name', async () => {
    for (const naughty of naughtyStrings.slice(0, 200)) {
      const result = await importFile(`${naughty}.txt`);
      if (!result.ok) expect(['not-found', 'invalid-input', 'unsupported']).toContain(result.error.code);
    }
  });
});
