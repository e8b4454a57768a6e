import { describe, expect, it } from 'vitest';
import { buildDocument } from './imported-document';
import { parseMarkdown } from './import-markdown';
import { blocksOf, expectDocument, type ExpectedBlock } from '../../../test/import/import-test-helpers';

const importMd = (source: string) => expectDocument(buildDocument(parseMarkdown(source), { title: 'Fallback', source: 'a.md' }));

const ARTICLE = `# Election *results* announced

Officials said on **Monday** that turnout was [62 percent](https://example.org/t "t").
The count continues.\\
Observers disagree.

## Reactions

- Party A called it a \`landslide\`
  - regional leaders agreed
    1. north
    2. south
- Party B *alleged* irregularities

> "We will contest this," a spokesperson said.
> — Party B
>
> - quoted list

\`\`\`
line one
   indented

line three
\`\`\`

    indented code

---

![chart](chart.png) Caption after image &amp; entity &copy;

Setext heading
--------------

| Region | Turnout |
|--------|---------|
| North  | 60%     |
`;

describe('parseMarkdown', () => {
  it('turns a CommonMark article into blocks', () => {
    const doc = importMd(ARTICLE);
    expect(doc.title).toBe('Election results announced');
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['heading', 1, 'Election results announced'],
      ['paragraph', undefined, 'Officials said on Monday that turnout was 62 percent. The count continues.'],
      ['paragraph', undefined, 'Observers disagree.'],
      ['heading', 2, 'Reactions'],
      ['list-item', 1, 'Party A called it a landslide'],
      ['list-item', 2, 'regional leaders agreed'],
      ['list-item', 3, 'north'],
      ['list-item', 3, 'south'],
      ['list-item', 1, 'Party B alleged irregularities'],
      ['quote', undefined, '"We will contest this," a spokesperson said. — Party B'],
      ['list-item', 1, 'quoted list'],
      ['paragraph', undefined, 'line one'],
      ['paragraph', undefined, 'indented'],
      ['paragraph', undefined, 'line three'],
      ['paragraph', undefined, 'indented code'],
      ['paragraph', undefined, 'Caption after image & entity ©'],
      ['heading', 2, 'Setext heading'],
      ['paragraph', undefined, 'Region'],
      ['paragraph', undefined, 'Turnout'],
      ['paragraph', undefined, 'North'],
      ['paragraph', undefined, '60%'],
    ]);
  });

  it('keeps RTL paragraphs exactly, mixed with LTR blocks', () => {
    const urdu = 'وزیر اعظم نے کہا کہ انتخابات شفاف تھے۔';
    const pashto = 'ولسمشر وویل چې ټاکنې به په وخت ترسره شي.';
    const dari = 'رئیس\u200Cجمهور گفت که انتخابات ۱۴۰۳ برگزار می\u200Cشود.';
    const arabic = 'قال المتحدث: "النتائج نهائية" (2024).';
    const doc = importMd(`# ${arabic}\n\n${urdu}\n\nEnglish line in between.\n\n- ${pashto}\n\n> ${dari}\n`);
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['heading', 1, arabic],
      ['paragraph', undefined, urdu],
      ['paragraph', undefined, 'English line in between.'],
      ['list-item', 1, pashto],
      ['quote', undefined, dari],
    ]);
  });

  it('reduces links of every scheme to their text and drops raw HTML code', () => {
    const doc = importMd(
      '[click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=) <script>alert(2)</script> after <b onclick="x()">bold</b>\n\n' +
        '<div onmouseover="alert(3)"><script>alert(4)</script><p>html block</p><style>p{}</style></div>\n\n<iframe src="javascript:alert(5)"></iframe>\n',
    );
    expect(doc.text).toBe('click and data after bold\nhtml block');
    expect(doc.text).not.toMatch(/alert|javascript|script|onclick|<|>/);
  });

  it('falls back when the document has no heading', () => {
    const doc = importMd('just text');
    expect(doc.title).toBe('Fallback');
    expect(doc.source).toBe('a.md');
  });
});
