import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPdf, column, type PdfLine } from '../../../test/pdf-builder';
import { importPdf } from './import-pdf';
import { PDF_LIMITS } from './import-limits';
import { blocksOf, expectDocument, expectError, type ExpectedBlock } from '../../../test/import/import-test-helpers';
import { NO_TEXT_LAYER_MESSAGE, SCRIPTED_PDF_MESSAGE } from './pdf-parse';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/pdf');
const fixture = (name: string) => readFile(path.join(FIXTURES, name));

const LEFT = [
  'The ministry published the figures on Monday. Turnout reached sixty-two percent in the capital and fifty-five percent elsewhere.',
  'Observers said the count was orderly, although two districts reported delays of several hours.',
];
const RIGHT = [
  'The opposition disputed the result and announced an appeal to the electoral commission before the end of the week.',
  'A spokesperson said the party would accept the final ruling.',
];

const HEADLINES = ['Count finished in all districts', 'Opposition files an appeal', 'Commission sets a hearing date'];

describe('importPdf: generated files with known text', () => {
  it('reads two columns in order, joins lines into paragraphs and drops running heads and page numbers', async () => {
    const page = (n: number): { lines: PdfLine[] } => ({
      lines: [
        { text: 'Election Monitor Weekly', x: 72, y: 760, size: 9 },
        { text: HEADLINES[n - 1] ?? '', x: 72, y: 720, size: 18 },
        ...column(LEFT.map((p) => `${p} (page ${n})`), 72, 690, 42),
        ...column(RIGHT.map((p) => `${p} (page ${n})`), 320, 690, 42),
        { text: `Page ${n} of 3`, x: 290, y: 40, size: 9 },
      ],
    });
    const bytes = buildPdf([page(1), page(2), page(3)], { title: 'Count finished in all districts' });
    const doc = expectDocument(await importPdf(bytes, 'monitor.pdf'));
    const expected: ExpectedBlock[] = [1, 2, 3].flatMap((n): ExpectedBlock[] => [
      ['heading', 1, HEADLINES[n - 1] ?? ''],
      ...[...LEFT, ...RIGHT].map((p): ExpectedBlock => ['paragraph', undefined, `${p} (page ${n})`]),
    ]);
    expect(blocksOf(doc)).toEqual(expected);
    expect(doc.title).toBe('Count finished in all districts');
    expect(doc.text).not.toContain('Election Monitor Weekly');
    expect(doc.text).not.toMatch(/Page \d of 3/);
  });

  it('joins words hyphenated at line ends, keeps real compounds, and continues a paragraph across a page break', async () => {
    const lines: PdfLine[] = [
      { text: 'The commission said the infor-', x: 72, y: 700 },
      { text: 'mation was complete and the non-', x: 72, y: 688 },
      { text: 'reversible decision, a non-reversible step, was final and', x: 72, y: 676 },
      { text: 'the appeal would be heard by the court of', x: 72, y: 664 },
    ];
    const second: PdfLine[] = [{ text: 'first instance in May.', x: 72, y: 700 }, { text: 'A new paragraph starts here.', x: 72, y: 670 }];
    const doc = expectDocument(await importPdf(buildPdf([{ lines }, { lines: second }]), 'ruling.pdf'));
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['paragraph', undefined, 'The commission said the information was complete and the non-reversible decision, a non-reversible step, was final and the appeal would be heard by the court of first instance in May.'],
      ['paragraph', undefined, 'A new paragraph starts here.'],
    ]);
    expect(doc.title).toBe('Ruling');
  });

  it('makes bullets and numbered lines list items, but not a line that opens with an initial', async () => {
    const lines: PdfLine[] = [
      { text: 'The statement was signed by the mayor and', x: 72, y: 700 },
      { text: 'J. Smith, the council clerk, on Friday.', x: 72, y: 688 },
      { text: 'Findings:', x: 72, y: 664 },
      { text: '• Turnout rose.', x: 72, y: 652 },
      { text: '• Delays fell.', x: 72, y: 640 },
      { text: 'a) Counting ended at noon.', x: 72, y: 628 },
    ];
    const doc = expectDocument(await importPdf(buildPdf([{ lines }]), 'f.pdf'));
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['paragraph', undefined, 'The statement was signed by the mayor and J. Smith, the council clerk, on Friday.'],
      ['paragraph', undefined, 'Findings:'],
      ['list-item', 1, 'Turnout rose.'],
      ['list-item', 1, 'Delays fell.'],
      ['list-item', 1, 'a) Counting ended at noon.'],
    ]);
  });
});

describe('importPdf: real files from the pdf.js test corpus', () => {
  it('reads the first page of the Bitcoin paper as title, author, abstract and paragraphs, without the page number', async () => {
    const doc = expectDocument(await importPdf(await fixture('bitcoin-whitepaper-page1.pdf'), 'bitcoin.pdf'));
    const blocks = blocksOf(doc);
    expect(blocks[0]).toEqual(['heading', 2, 'Bitcoin: A Peer-to-Peer Electronic Cash System']);
    expect(doc.title).toBe('Bitcoin: A Peer-to-Peer Electronic Cash System');
    // The sentences pdf.js's own tests expect, each inside one paragraph.
    const paragraphs = blocks.map(([, , text]) => text);
    for (const sentence of [
      'Abstract. A purely peer-to-peer version of electronic cash would allow online payments',
      'avoid mediating disputes. The cost of mediation increases transaction costs, limiting the minimum',
      'system is secure as long as honest nodes collectively control more CPU power than any',
      'non-reversible payments for non-reversible services',
    ]) {
      expect(paragraphs.some((text) => text.includes(sentence)), sentence).toBe(true);
    }
    expect(paragraphs.at(-1)).toMatch(/cooperating group of attacker nodes\.$/);
    expect(blocks.length).toBe(6);
  });

  it('reads a line whose letters are placed one by one', async () => {
    const doc = expectDocument(await importPdf(await fixture('german-line.pdf'), 'de.pdf'));
    expect(doc.text).toBe('Mitarbeiterinnen und Mitarbeiter arbeiten in über 100 Ländern engagiert im Dienste');
  });
});

describe('importPdf: refused harmlessly', () => {
  it('refuses a scanned PDF (images, no text layer) with that reason', async () => {
    const scan = buildPdf([{ lines: [], image: true }, { lines: [], image: true }]);
    expect(expectError(await importPdf(scan, 'scan.pdf'), 'unsupported')).toBe(NO_TEXT_LAYER_MESSAGE);
    expect(NO_TEXT_LAYER_MESSAGE).toContain('this PDF has no text layer'.replace('this', 'This'));
  });

  it('warns when some pages are scans', async () => {
    const doc = expectDocument(await importPdf(buildPdf([{ lines: [{ text: 'Typed page.', x: 72, y: 700 }] }, { lines: [], image: true }]), 'mixed.pdf'));
    expect(doc.text).toBe('Typed page.');
    expect(doc.warnings).toEqual(['1 of 2 pages have no text layer (scanned pages?); their content is not in the imported text.']);
  });

  it('refuses a password-protected PDF', async () => {
    expect(expectError(await importPdf(await fixture('password-protected.pdf'), 'locked.pdf'), 'unsupported')).toContain('password');
  });

  it('refuses a PDF that carries JavaScript, without running it', async () => {
    const marker = `claimtagPdfScriptRan${Date.now()}`;
    const script = `globalThis.${marker} = true; app.alert("pwned");`;
    const bytes = buildPdf([{ lines: [{ text: 'Press release text.', x: 72, y: 700 }] }], { openActionScript: script });
    expect(expectError(await importPdf(bytes, 'release.pdf'), 'unsupported')).toBe(SCRIPTED_PDF_MESSAGE);
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    // The same page without the script imports.
    expect(expectDocument(await importPdf(buildPdf([{ lines: [{ text: 'Press release text.', x: 72, y: 700 }] }]), 'release.pdf')).text).toBe('Press release text.');
    // A form that is all script and no page text is refused like a scan.
    expectError(await importPdf(await fixture('javascript-form.pdf'), 'form.pdf'), 'unsupported');
  });

  it('refuses broken, truncated and mislabelled files as damaged or not a PDF', async () => {
    const good = buildPdf([{ lines: [{ text: 'Whole.', x: 72, y: 700 }] }]);
    expectError(await importPdf(new TextEncoder().encode('%PDF-1.7\n1 0 obj <<< garbage'), 'broken.pdf'), 'invalid-input');
    const truncated = await importPdf(good.subarray(0, 60), 'truncated.pdf');
    expect(truncated.ok).toBe(false);
    expect(expectError(await importPdf(new TextEncoder().encode('<html>not a pdf</html>'), 'page.pdf'), 'unsupported')).toContain('not a PDF');
  });

  it('refuses a PDF with more pages than the limit, and one that takes longer than the time limit', async () => {
    const pages = Array.from({ length: PDF_LIMITS.maxNodes + 1 }, () => ({ lines: [{ text: 'x', x: 72, y: 700 }] }));
    expect(expectError(await importPdf(buildPdf(pages), 'huge.pdf'), 'too-large')).toContain(`at most ${PDF_LIMITS.maxNodes.toLocaleString('en')}`);
    const slow = buildPdf(Array.from({ length: 50 }, () => ({ lines: column(LEFT, 72, 700, 60) })));
    expect(expectError(await importPdf(slow, 'slow.pdf', { timeoutMs: 1 }), 'too-large')).toContain('took longer than');
  }, 60_000);
});
