import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtmlArticle } from './html-article';
import { importFile } from './import-file';
import { htmlFragmentToBlocks, parseHtml } from './import-html';
import { blocksOf, expectDocument, type ExpectedBlock } from '../../../test/import/import-test-helpers';
import { buildDocument } from './imported-document';

const FIXTURES = path.join(__dirname, '../../../test/fixtures');
const read = (...parts: string[]) => readFileSync(path.join(FIXTURES, ...parts), 'utf8');
const asDocument = (html: string) => expectDocument(buildDocument(parseHtmlArticle(html), { title: 'Saved page', source: 'page.html' }));

/** Word-bag recall and precision of `got` against `expected`. */
function overlap(got: string, expected: string): { recall: number; precision: number } {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const bag = new Map<string, number>();
  for (const word of words(got)) bag.set(word, (bag.get(word) ?? 0) + 1);
  const wanted = words(expected);
  let common = 0;
  for (const word of wanted) {
    const left = bag.get(word) ?? 0;
    if (left > 0) {
      common++;
      bag.set(word, left - 1);
    }
  }
  return { recall: common / Math.max(1, wanted.length), precision: common / Math.max(1, words(got).length) };
}

describe('reader view on a news page', () => {
  const page = read('html', 'newsroom-page.html');

  it('keeps the story in <main>, not the longer teaser <article>, comments, related or sponsored links', () => {
    const doc = asDocument(page);
    expect(doc.title).toBe('Port strike ends after nine days');
    expect(doc.source).toBe('https://gazette.example/2024/05/port-strike-ends');
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['heading', 1, 'Port strike ends after nine days'],
      ['paragraph', undefined, 'By Mira Castell'],
      ['paragraph', undefined, 'Dock workers voted on Thursday to accept a new pay offer, ending a nine-day strike that left more than two hundred ships waiting outside the harbour.'],
      ['paragraph', undefined, 'The union said 71 percent of its members backed the deal, which raises wages by 6.5 percent this year and a further 4 percent next year.'],
      ['paragraph', undefined, 'The port authority said operations would return to normal within a week. The backlog, it added, would take longer to clear.'],
      ['paragraph', undefined, 'Economists estimate the cost of the strike with the formula c=n×12 million per day, where n is the number of days.'],
      ['heading', 2, 'What the deal includes'],
      ['list-item', 1, 'A 6.5 percent raise this year'],
      ['list-item', 1, 'A review of night-shift rules'],
      ['quote', undefined, 'This is a fair outcome for everyone who works here.'],
      ['paragraph', undefined, 'Shipping lines welcomed the agreement but warned that freight rates would stay high for some time.'],
    ]);
  });

  it('is a page on which the plain reader fails (it takes the teaser), so the test above measures the reader view', () => {
    const plain = expectDocument(buildDocument(parseHtml(page), { title: 'x', source: 'x' }));
    expect(plain.text).toContain('container cranes');
    expect(plain.text).not.toContain('Dock workers voted');
  });

  it('drops text hidden by inline styles and keeps MathML as text in the plain reader too', () => {
    const html = '<body><p>Seen <span style="display: none">unseen</span><span style="VISIBILITY:hidden !important">ghost</span>text, <math><msup><mi>x</mi><mn>2</mn></msup><annotation encoding="TeX">x^2</annotation></math>.</p><div style="display:none">gone</div></body>';
    expect(expectDocument(buildDocument(parseHtml(html), { title: 'x', source: 'x' })).text).toBe('Seen text, x2.');
  });

  it('falls back to the plain reader when Readability finds no story of reader-view length', () => {
    const short = '<html><head><title>Note</title></head><body><p>One short line.</p><ul><li>and a list</li></ul></body></html>';
    expect(blocksOf(asDocument(short))).toEqual(blocksOf(expectDocument(buildDocument(parseHtml(short), { title: 'x', source: 'x' }))));
  });

  it('imports a saved page file through the worker with the reader view', async () => {
    const doc = expectDocument(await importFile(path.join(FIXTURES, 'html', 'newsroom-page.html')));
    expect(doc.title).toBe('Port strike ends after nine days');
    expect(doc.text).not.toContain('Comments');
    expect(doc.text).not.toContain('Hidden editor note');
  });

  it('keeps the hostile-article guarantees: no script text, no markup, only the story', () => {
    const doc = asDocument(readFileSync(path.join(__dirname, '../../../e2e/fixtures/hostile-article.html'), 'utf8'));
    expect(doc.title).toBe('Minister denies report <script>');
    expect(doc.text).toContain('no agreement had been reached');
    expect(doc.text).toContain('Talks resume in May');
    expect(doc.text).not.toMatch(/alert|javascript:|onerror|__pwned|<\s*\/?\s*[a-z]+[\s>]/i);
  });
});

describe("reader view against Readability's own expected stories", () => {
  it.each(['ietf-1', 'v8-blog', 'ebb-org', 'hidden-nodes', 'visibility-hidden', 'parsely-metadata', '003-metadata-preferred'])('%s', (name) => {
    const expected = htmlFragmentToBlocks(read('readability', name, 'expected.html'), undefined, true).map((block) => block.text).join('\n');
    const metadata = JSON.parse(read('readability', name, 'expected-metadata.json')) as { title: string; byline: string | null };
    const doc = asDocument(read('readability', name, 'source.html'));
    const { recall, precision } = overlap(doc.text, expected);
    expect(recall).toBeGreaterThanOrEqual(0.99);
    // Only the headline and byline put in front may be extra.
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(doc.title).toBe(metadata.title);
    if (metadata.byline !== null) expect(doc.text.slice(0, 400)).toContain(metadata.byline);
  });
});
