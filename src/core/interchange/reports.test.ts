import { parse } from 'csv-parse/sync';
import naughty from 'big-list-of-naughty-strings';
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/types';
import { bundleFromImport } from './bundle-from-import';
import { exportClaimtagJson } from './claimtag-json';
import { importClaimtagJson } from './claimtag-json-import';
import { CSV_COLUMNS, exportCsv } from './csv';
import { exportHtmlReport, REPORT_CSP } from './html-report';
import { exportMarkdownReport } from './markdown-report';
import { exportFormats, importFormats } from './index';
import { GENERATED_AT, NAUGHTY_NOTE, annotationFor, makeDocument, sampleBundle, LABELS } from '../../../test/interchange/test-bundle';

describe('CSV', () => {
  const csv = exportCsv(sampleBundle());
  const rows = parse(csv, { bom: true, relax_quotes: false, record_delimiter: '\r\n' }) as string[][];

  it('reads back with an independent RFC 4180 parser', () => {
    expect(csv.startsWith('\uFEFF"document"')).toBe(true);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(11);
    const naughtyRow = rows.find((r) => r[8].includes('onerror'));
    expect(naughtyRow?.[8]).toBe(NAUGHTY_NOTE);
    expect(rows.find((r) => r[5].startsWith('👨'))?.slice(3, 5)).toEqual(['7', '20']);
  });

  it('neutralises formula triggers and quotes every field', () => {
    const allegation = rows.find((r) => r[2] === 'Allegation' && r[6].includes('Islamabad'));
    expect(allegation?.[6]).toBe("'=Islamabad officials");
    expect(allegation?.[8]).toBe('\'-2+3 "formula" @SUM(A1)');
    for (const line of csv.slice(1).split('\r\n').filter((l) => l.startsWith('"'))) expect(line.startsWith('"')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe(CSV_COLUMNS.map((c) => `"${c}"`).join(','));
  });
});

describe('HTML report', () => {
  const html = exportHtmlReport(sampleBundle(), { generatedAt: GENERATED_AT });

  it('has no script, no external resources and a strict CSP first in <head>', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(?!#)/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP.replace(/'/g, '&#39;')}">`);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  });

  it('escapes payloads in titles, notes and names', () => {
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;, &#39;single&#39; &amp; &lt;/style&gt;&lt;/script&gt;');
    expect(html).toContain('<title>Claims report</title>');
    expect(html).toContain('Pakistan–Afghanistan ties &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;');
    expect(html).toContain('Bilal &lt;b&gt;Ahmed&lt;/b&gt;');
  });

  it('nests overlapping highlights into well-formed markup', () => {
    expect(html.match(/<mark /g)?.length).toBe(html.match(/<\/mark>/g)?.length);
    let depth = 0;
    for (const tag of html.match(/<\/?mark[ >]/g) ?? []) {
      depth += tag.startsWith('</') ? -1 : 1;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    for (let n = 1; n <= 7; n++) expect(html.match(new RegExp(`id="dawn-2025-05-28-claim-${n}"`, 'g'))).toHaveLength(1);
    // Claim 3 starts inside claim 2: its marker sits inside claim 2's mark.
    expect(html).toMatch(/claim-2"[^>]*><span class="marker b1" dir="ltr">2<span class="ml">O<\/span><\/span>/);
  });

  it('numbers each claim in the text as in the claims table, so a printed "#5" can be found', () => {
    const single = exportHtmlReport({ ...sampleBundle(), documents: [sampleBundle().documents[0]] }, { generatedAt: GENERATED_AT });
    const markers = [...single.matchAll(/<mark [^>]*id="claim-(\d+)"[^>]*><span class="marker b\d" dir="ltr">(\d+)<span class="ml">([A-Z])<\/span>/g)];
    expect(markers.map((m) => m[1])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    for (const [, anchor, shown, letter] of markers) {
      expect(shown).toBe(anchor);
      const row = new RegExp(`<tr id="row-${anchor}"><td[^>]*><a href="#claim-${anchor}">${anchor}</a></td><td class="claim"[^>]*><div class="what"><span class="badge b\\d" dir="ltr">${letter}</span>`);
      expect(single).toMatch(row);
    }
  });

  it('reads as a document: title block, summary with agreement, then the article, then the claims', () => {
    const single = exportHtmlReport({ ...sampleBundle(), documents: [sampleBundle().documents[0]] }, { generatedAt: GENERATED_AT });
    const order = ['class="title-block"', '<h1', 'id="summary-h"', 'Agreement between 2 annotators', 'id="article-h"', 'id="claims-h"', '<footer>'].map((m) => single.indexOf(m));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(single).toMatch(/<dt>Generated<\/dt><dd>2025-06-04 08:30 UTC by claimtag<\/dd>/);
    // One annotator: no agreement line and no annotator column.
    const mine = exportHtmlReport({ ...sampleBundle(), documents: [sampleBundle().documents[0]] }, { generatedAt: GENERATED_AT, annotatorIds: ['ayesha'] });
    expect(mine).not.toContain('Agreement between');
    expect(mine).not.toContain('<th scope="col">Annotator</th>');
  });

  it('keeps every badge and marker left-to-right so it never sets a paragraph\'s direction', () => {
    for (const tag of html.match(/<span class="(?:badge|marker) [^"]*"[^>]*>/g) ?? []) expect(tag).toContain('dir="ltr"');
  });

  it('keeps a title in the print header safe inside CSS', () => {
    const bundle = sampleBundle();
    bundle.documents = [{ ...bundle.documents[1], title: '"}</style><script>x</script>' }];
    const single = exportHtmlReport(bundle, { generatedAt: GENERATED_AT });
    const style = single.slice(single.indexOf('<style>'), single.indexOf('</style>'));
    expect(style).not.toContain('</');
    expect(style).toContain('@top-left{content:"\\22 \\7d \\3c \\2f style\\3e \\3c script\\3e x\\3c \\2f script\\3e "');
  });
});

describe('the Big List of Naughty Strings', () => {
  const strings = (naughty as string[]).filter((s) => s.length > 0);

  function naughtyBundle(): Bundle {
    const text = strings.join('\n');
    const doc = makeDocument('naughty', strings[7], strings[40], text);
    const annotations = strings.slice(0, 300).map((s, i) => ({
      ...annotationFor({ doc, quote: s, label: LABELS[i % 3].id, note: strings[(i * 7) % strings.length], attribution: strings[(i * 13) % strings.length] }),
      id: `n${i}`,
    }));
    return { documents: [doc], annotators: [{ id: 'ayesha', name: strings[100] }], labels: LABELS, annotations };
  }

  it('go through every exporter without breaking the output format', () => {
    const bundle = naughtyBundle();
    for (const format of Object.values(exportFormats)) {
      const out = format.export(bundle, { generatedAt: GENERATED_AT });
      const text = out.kind === 'file' ? out.text : Object.values(out.files).join('');
      expect(text.length).toBeGreaterThan(0);
    }
    const html = exportHtmlReport(bundle, { generatedAt: GENERATED_AT });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    const rows = parse(exportCsv(bundle), { bom: true }) as string[][];
    expect(rows).toHaveLength(301);
  });

  it('survive claimtag JSON and the other importers', () => {
    const bundle = naughtyBundle();
    const json = exportClaimtagJson(bundle);
    const parsed = importClaimtagJson(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    expect(exportClaimtagJson(bundleFromImport(parsed.value))).toBe(json);
    for (const id of ['doccano', 'labelstudio'] as const) {
      const out = exportFormats[id].export(bundle);
      if (out.kind !== 'file') throw new Error('expected one file');
      const r = importFormats[id].import(out.text);
      expect(r.ok && r.value.annotations.length).toBe(300);
    }
  });

  it('as hostile import values are rejected or imported, never thrown', () => {
    for (const s of strings) {
      for (const importer of Object.values(importFormats)) {
        expect(() => importer.import(s, { annotator: 'A', companionText: s, documents: [{ ref: 'd', text: 'text' }] })).not.toThrow();
      }
      const r = importClaimtagJson(JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: s || 'x', text: `${s}!` }], annotations: [{ document: s || 'x', annotator: s || 'x', label: s || 'x', start: 0, end: 1, note: s }] }));
      expect(typeof r.ok).toBe('boolean');
    }
  });
});

describe('Markdown report', () => {
  it('opens with the title, and says how it was made at the end', () => {
    const bundle = sampleBundle();
    const md = exportMarkdownReport({ ...bundle, documents: [bundle.documents[0]] }, { generatedAt: GENERATED_AT });
    expect(md.startsWith('# Pakistan–Afghanistan ties')).toBe(true);
    const lines = md.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^_Generated by claimtag on 2025-06-04 08:30 UTC\./);
    expect(md.indexOf('## Summary')).toBeLessThan(md.indexOf('## Claims'));
    expect(md).toContain("Agreement between 2 annotators: Krippendorff's unitizing α");
  });
});
