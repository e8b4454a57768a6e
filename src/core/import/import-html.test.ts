import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { buildDocument } from './imported-document';
import { parseHtmlArticle } from './html-article';
import { parseHtml } from './import-html';
import { blocksOf, expectDocument, type ExpectedBlock } from '../../../test/import/import-test-helpers';

const importHtml = (html: string) => expectDocument(buildDocument(parseHtml(html), { title: 'Saved page', source: 'page.html' }));

const PAGE = `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Site title | News</title>
<meta property="og:title" content="Minister &amp; the   budget">
<meta property="og:url" content="https://news.example/og">
<link rel="canonical" href="https://news.example/2024/budget">
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<style>body { color: red }</style>
<script>window.tracker = "secret script text";</script>
</head>
<body>
<header class="site"><a href="/">News home</a><nav><a href="/world">World</a></nav></header>
<aside>Most read: something else</aside>
<main>
<article>
<header><h1>Minister defends the budget</h1><p class="byline">By A. Reporter</p></header>
<p>The minister <em>said</em> on Tuesday that the
   budget was "balanced".<sup>1</sup></p>
<figure><img src="x.jpg" alt="photo alt text"><figcaption>Minister at the podium.</figcaption></figure>
<h2>Opposition response</h2>
<p>Critics called it<br>a "fantasy"&nbsp;budget.</p>
<ul>
  <li>Cuts to <a href="https://example.org">health</a>
    <ol><li>hospitals</li><li>clinics</li></ol>
  </li>
  <li>Tax changes</li>
</ul>
<blockquote><p>We will vote against it.</p><p>— Opposition leader</p></blockquote>
<pre>Table 1
  item   value</pre>
<form><input value="form value"><button>Subscribe now</button></form>
<div hidden>hidden text</div>
<footer>Share this article</footer>
</article>
<article><p>Short related teaser</p></article>
</main>
<footer>Copyright</footer>
</body></html>`;

describe('parseHtml', () => {
  it('keeps the article headings, paragraphs, lists and quotes and nothing else', () => {
    const doc = importHtml(PAGE);
    expect(doc.title).toBe('Minister & the budget');
    expect(doc.source).toBe('https://news.example/2024/budget');
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['heading', 1, 'Minister defends the budget'],
      ['paragraph', undefined, 'By A. Reporter'],
      ['paragraph', undefined, 'The minister said on Tuesday that the budget was "balanced".1'],
      ['paragraph', undefined, 'Minister at the podium.'],
      ['heading', 2, 'Opposition response'],
      ['paragraph', undefined, 'Critics called it'],
      ['paragraph', undefined, 'a "fantasy" budget.'],
      ['list-item', 1, 'Cuts to health'],
      ['list-item', 2, 'hospitals'],
      ['list-item', 2, 'clinics'],
      ['list-item', 1, 'Tax changes'],
      ['quote', undefined, 'We will vote against it.'],
      ['quote', undefined, '— Opposition leader'],
      ['paragraph', undefined, 'Table 1'],
      ['paragraph', undefined, 'item value'],
    ]);
  });

  it('falls back to <title>, then the first h1, then the caller; ignores non-http sources', () => {
    expect(importHtml('<title>Only title</title><p>x</p>').title).toBe('Only title');
    const h1 = importHtml('<link rel="canonical" href="javascript:alert(1)"><h1>Heading title</h1><p>x</p>');
    expect(h1.title).toBe('Heading title');
    expect(h1.source).toBe('page.html');
    const bare = importHtml('<p>x</p>');
    expect(bare.title).toBe('Saved page');
    expect(importHtml('<meta property="og:url" content="http://a.example/x"><p>y</p>').source).toBe('http://a.example/x');
  });

  it('uses the body without <article>/<main>, dropping page chrome', () => {
    const doc = importHtml('<body><header>Logo</header><nav>Menu</nav><h3>Title</h3><div>Text <span>inline</span></div><footer>Foot</footer></body>');
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['heading', 3, 'Title'],
      ['paragraph', undefined, 'Text inline'],
    ]);
  });

  it('keeps RTL and mixed-direction paragraphs exactly', () => {
    const urdu = 'وزیر اعظم نے کہا کہ انتخابات شفاف تھے۔';
    const mixed = 'The spokesman said «الانتخابات نزيهة» on 3 May.';
    const dari = 'رئیس\u200Cجمهور گفت که انتخابات ۱۴۰۳ برگزار می\u200Cشود.';
    const doc = importHtml(`<article dir="rtl"><h1>${urdu}</h1><p dir="ltr">${mixed}</p><p><bdi>${dari}</bdi></p></article>`);
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['heading', 1, urdu],
      ['paragraph', undefined, mixed],
      ['paragraph', undefined, dari],
    ]);
  });

  it('reads 900 nested elements without recursion and refuses 100 000 with a typed reason', () => {
    const nested = (depth: number) => `${'<div><span>'.repeat(depth / 2)}deep text${'</span></div>'.repeat(depth / 2)}`;
    expect(importHtml(nested(900)).text).toBe('deep text');
    const refused = (() => {
      try {
        parseHtml(nested(100_000));
        return undefined;
      } catch (error) {
        return error instanceof AppFailure ? error.error : undefined;
      }
    })();
    expect(refused?.code).toBe('too-large');
    expect(refused?.message).toContain('nests more than 1,000 elements');
  });
});

// OWASP XSS filter-evasion style vectors: none may survive as markup, and no script text
// (the bodies of <script>, event handlers, javascript: URLs) may reach the document text.
const XSS_VECTORS = [
  `<script>alert('XSS1')</script>`,
  `<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>`,
  `<IMG SRC="javascript:alert('XSS2');">`,
  `<IMG SRC=javascript:alert('XSS3')>`,
  `<IMG SRC=JaVaScRiPt:alert('XSS4')>`,
  `<IMG SRC=\`javascript:alert("RSnake says, 'XSS5'")\`>`,
  `<a onmouseover="alert(document.cookie)">xxs link</a>`,
  `<IMG """><SCRIPT>alert("XSS6")</SCRIPT>">`,
  `<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>`,
  `<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">`,
  `<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>`,
  `<IMG SRC="jav&#x09;ascript:alert('XSS7');">`,
  `<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>`,
  `<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^\`=alert("XSS8")>`,
  `<SCRIPT SRC=//xss.example/.j>`,
  `<iframe src=http://xss.example/scriptlet.html <`,
  `<svg onload=alert('XSS10')>`,
  `<svg><script>alert('XSS11')</script></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS12')>`,
  `<STYLE>li {list-style-image: url("javascript:alert('XSS13')");}</STYLE><UL><LI>XSS list</LI></UL>`,
  `<BASE HREF="javascript:alert('XSS14');//">`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS15');">`,
  `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">`,
  `<IFRAME SRC="javascript:alert('XSS16');"></IFRAME>`,
  `<FRAMESET><FRAME SRC="javascript:alert('XSS17');"></FRAMESET>`,
  `<TABLE BACKGROUND="javascript:alert('XSS18')"><TR><TD>cell</TD></TR></TABLE>`,
  `<DIV STYLE="background-image: url(javascript:alert('XSS19'))">styled div</DIV>`,
  `<DIV STYLE="width: expression(alert('XSS20'));">expr</DIV>`,
  `<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.example/scriptlet.html"></OBJECT>`,
  `<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH" type="image/svg+xml" AllowScriptAccess="always"></EMBED>`,
  `<a href="javascript:alert('XSS21')">js link</a>`,
  `<a href="&#x6A;avascript:alert('XSS22')">entity link</a>`,
  `<noscript><p title="</noscript><img src=x onerror=alert('XSS23')>">`,
  `<template><script>alert('XSS24')</script></template>`,
  `<form action="javascript:alert('XSS25')"><button formaction="javascript:alert('XSS26')">btn</button></form>`,
  `<input onfocus=alert('XSS27') autofocus>`,
  `<details open ontoggle=alert('XSS28')><summary>summary text</summary></details>`,
  `<!--<script>alert('XSS29')</script>-->`,
  `<xss onpointerover=alert('XSS31') style=display:block>custom element</xss>`,
  `<video><source onerror="alert('XSS32')"></video><audio src=x onerror=alert('XSS33')>`,
  `<isindex type=image src=1 onerror=alert('XSS34')>`,
  `<object data="javascript:alert('XSS35')">`,
];

// Vectors whose payload a browser itself shows as text (the parser reads them as text or a
// bogus comment): the document must hold exactly that visible text, and never markup.
const TEXT_SHAPED_VECTORS: Array<[vector: string, visible: string]> = [
  [`<<SCRIPT>alert("XSS9");//\\<</SCRIPT>`, '<'],
  [`<![CDATA[<script>alert('XSS30')</script>]]>`, "alert('XSS30')]]>"],
  [`<scr<script>ipt>alert('XSS36')</scr</script>ipt>`, "ipt>alert('XSS36')ipt>"],
];

describe('hostile HTML', () => {
  it.each(TEXT_SHAPED_VECTORS)('text-shaped vector %s keeps only the text a browser would show', (vector, visible) => {
    const doc = importHtml(`<p>Before</p>${vector}<p>After</p>`);
    expect(doc.text).toBe(`Before\n${visible}\nAfter`);
  });

  it.each(XSS_VECTORS.map((vector, i) => [i, vector]))('vector %i keeps no markup and no script text', (_i, vector) => {
    const parsed = parseHtml(`<html><body><p>Before</p>${vector}<p>After</p></body></html>`);
    const result = buildDocument(parsed, { title: 'x', source: 'x.html' });
    const doc = expectDocument(result);
    expect(doc.text).not.toMatch(/alert|javascript|xss\.example|onerror|onload|expression\(|<\s*\/?\s*[a-z]/i);
    expect(doc.text.startsWith('Before')).toBe(true);
    expect(doc.title).not.toMatch(/alert/);
  });

  it.each(XSS_VECTORS.map((vector, i) => [i, vector]))('vector %i keeps no markup and no script text through the reader view', (_i, vector) => {
    const story = `<p>${'The council met on Tuesday and approved the budget after a long debate. '.repeat(10)}</p>`;
    const doc = expectDocument(buildDocument(parseHtmlArticle(`<html><body><article>${story}${vector}${story}</article></body></html>`), { title: 'x', source: 'x.html' }));
    expect(doc.text).not.toMatch(/alert|javascript|xss\.example|onerror|onload|expression\(|<\s*\/?\s*[a-z]/i);
    expect(doc.text).toContain('The council met on Tuesday');
  });

  it('keeps the visible text of hostile elements as plain text', () => {
    const visible = (html: string) => importHtml(html).text;
    expect(visible(`<a onmouseover="alert(document.cookie)">xxs link</a>`)).toBe('xxs link');
    expect(visible(`<STYLE>li {list-style-image: url("javascript:alert('XSS13')");}</STYLE><UL><LI>XSS list</LI></UL>`)).toBe('XSS list');
    expect(visible(`<a href="javascript:alert('XSS21')">js link</a>`)).toBe('js link');
    expect(visible(`<details open ontoggle=alert('XSS28')><summary>summary text</summary></details>`)).toBe('summary text');
    // An unclosed <iframe> swallows the rest of the page as raw text in browsers too; it is dropped.
    expect(() => importHtml(`<iframe src=x <p>gone</p>`)).toThrow(/expected a document/);
  });

  it('entity-encoded markup in text stays the literal text a reader saw', () => {
    const doc = importHtml('<p>Write &lt;script&gt;alert(1)&lt;/script&gt; to test &amp;lt;b&amp;gt;</p>');
    expect(doc.text).toBe('Write <script>alert(1)</script> to test &lt;b&gt;');
  });
});
