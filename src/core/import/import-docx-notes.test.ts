// Footnotes and endnotes, symbol-font characters, mc:Fallback, and the warning that names
// what was left out. Real files from mammoth.js's test data plus generated ones.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDocxFromXml, documentXml } from '../../../test/import/docx-fixture-builder';
import { importDocx } from './import-docx';
import { blocksOf, expectDocument, type ExpectedBlock } from '../../../test/import/import-test-helpers';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/docx');
const fixture = async (name: string) => expectDocument(await importDocx(await readFile(path.join(FIXTURES, name)), name));
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const body = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${inner}</w:body></w:document>`;
const p = (runs: string) => `<w:p>${runs}</w:p>`;
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const rels = (entries: Array<[type: string, target: string]>) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${entries
    .map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${type}" Target="${target}"/>`)
    .join('')}</Relationships>`;

describe('footnotes and endnotes (mammoth.js test files)', () => {
  it('puts footnotes after the body, each opening with the mark its reference shows', async () => {
    const doc = await fixture('footnotes.docx');
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['paragraph', undefined, 'Ouch[1].[2]'],
      ['paragraph', undefined, '[1] A tachyon walks into a bar.'],
      ['paragraph', undefined, '[2] Fin.'],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('marks endnotes i, ii as Word does', async () => {
    expect(blocksOf(await fixture('endnotes.docx'))).toEqual<ExpectedBlock[]>([
      ['paragraph', undefined, 'Ouch[i].[ii]'],
      ['paragraph', undefined, '[i] A tachyon walks into a bar.'],
      ['paragraph', undefined, '[ii] Fin.'],
    ]);
  });

  it('says that comments were left out', async () => {
    const doc = await fixture('comments.docx');
    expect(doc.text).toBe('Ouch.');
    expect(doc.warnings).toEqual(['Not imported from this Word document: 2 comments.']);
  });

  it('reads a text box once', async () => {
    expect((await fixture('text-box.docx')).text).toBe('Datum plane');
  });

  it('orders notes by first reference, keeps multi-paragraph notes, skips separators and unreferenced notes', async () => {
    const footnotes = `<?xml version="1.0"?><w:footnotes xmlns:w="${W}">
      <w:footnote w:type="separator" w:id="-1">${p('<w:r><w:separator/></w:r>')}</w:footnote>
      <w:footnote w:id="7">${p('<w:r><w:footnoteRef/></w:r>' + r(' Second cited.'))}</w:footnote>
      <w:footnote w:id="3">${p('<w:r><w:footnoteRef/></w:r>' + r(' First cited.'))}${p(r('Its second paragraph.'))}</w:footnote>
      <w:footnote w:id="9">${p('<w:r><w:footnoteRef/></w:r>' + r(' Never cited.'))}</w:footnote></w:footnotes>`;
    const document = body(
      p(r('Claim one') + '<w:r><w:footnoteReference w:id="3"/></w:r>' + r(' and two') + '<w:r><w:footnoteReference w:id="7"/></w:r>' + r('; again') + '<w:r><w:footnoteReference w:id="3"/></w:r>'),
    );
    const bytes = buildDocxFromXml(document, {}, { 'word/footnotes.xml': strToU8(footnotes), 'word/_rels/document.xml.rels': strToU8(rels([['footnotes', 'footnotes.xml']])) });
    expect(blocksOf(expectDocument(await importDocx(bytes, 'n.docx')))).toEqual<ExpectedBlock[]>([
      ['paragraph', undefined, 'Claim one[1] and two[2]; again[1]'],
      ['paragraph', undefined, '[1] First cited.'],
      ['paragraph', undefined, 'Its second paragraph.'],
      ['paragraph', undefined, '[2] Second cited.'],
    ]);
  });
});

describe('symbols, fallbacks and what was left out', () => {
  it('maps w:sym in Symbol and Wingdings to the characters Word shows', async () => {
    const sym = (font: string, char: string) => `<w:r><w:sym w:font="${font}" w:char="${char}"/></w:r>`;
    const document = body(
      p(r('n') + sym('Symbol', 'F02D') + r('1, ') + sym('Symbol', 'F073') + r('x, ') + sym('Symbol', 'F0B3') + r(' 5, ') + sym('Symbol', 'F0D6') + r('2, ') + sym('Symbol', '0070')) +
        p(sym('Wingdings', 'F0FE') + r(' done ') + sym('Wingdings', 'F0A8') + r(' open ') + sym('Wingdings', 'F0FC') + r(' ') + sym('Wingdings', 'F0E8')) +
        p(r('dash') + sym('Times New Roman', '2013') + r('end') + sym('Webdings', 'F021')),
    );
    const doc = expectDocument(await importDocx(buildDocxFromXml(document), 's.docx'));
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['paragraph', undefined, 'n−1, σx, ≥ 5, √2, π'],
      ['paragraph', undefined, '☑ done ◻ open ✓ ➔'],
      ['paragraph', undefined, 'dash–end\uFFFD'],
    ]);
    expect(doc.warnings).toEqual(['1 symbol from a symbol font could not be read and became "\uFFFD".']);
  });

  it('reads mc:Fallback when the Choice holds no text, and only then', async () => {
    const alternate = (choice: string, fallback: string) =>
      `<w:r><mc:AlternateContent><mc:Choice Requires="wps">${choice}</mc:Choice><mc:Fallback>${fallback}</mc:Fallback></mc:AlternateContent></w:r>`;
    const box = (text: string) => `<w:pict><w:txbxContent>${p(r(text))}</w:txbxContent></w:pict>`;
    const document = body(p(alternate('<w:drawing/>', box('Only in the fallback'))) + p(alternate(box('In the choice'), box('In the choice'))) + p(r('Body')));
    const doc = expectDocument(await importDocx(buildDocxFromXml(document), 'mc.docx'));
    expect(doc.text).toBe('Only in the fallback\nIn the choice\nBody');
  });

  it('leaves hidden text out, and names hidden text, headers and footers in one warning', async () => {
    const header = `<?xml version="1.0"?><w:hdr xmlns:w="${W}">${p(r('CONFIDENTIAL DRAFT'))}</w:hdr>`;
    const footer = `<?xml version="1.0"?><w:ftr xmlns:w="${W}">${p(r('Page 1'))}</w:ftr>`;
    const document = body(p(r('Seen ') + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret </w:t></w:r>' + '<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>shown</w:t></w:r>'));
    const bytes = buildDocxFromXml(document, {}, {
      'word/header1.xml': strToU8(header),
      'word/footer1.xml': strToU8(footer),
      'word/_rels/document.xml.rels': strToU8(rels([['header', 'header1.xml'], ['footer', 'footer1.xml']])),
    });
    const doc = expectDocument(await importDocx(bytes, 'h.docx'));
    expect(doc.text).toBe('Seen shown');
    expect(doc.warnings).toEqual(['Not imported from this Word document: headers and footers, hidden text.']);
  });

  it('keeps the generated documents of other tests free of warnings', async () => {
    const doc = expectDocument(await importDocx(buildDocxFromXml(documentXml([{ text: 'Plain.' }])), 'plain.docx'));
    expect(doc.warnings).toEqual([]);
  });
});
