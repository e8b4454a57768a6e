// Claims with structure (#20) through Label Studio, W3C Web Annotation, doccano and CSV: links
// and attribute values written the way each consumer reads them, read back, and dangling links
// refused with the record and the reason.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { structureBundle } from '../../../test/interchange/structure-bundle';
import { relationView, structuredClaims, value } from '../../../test/interchange/structure-views';
import { bundleFromImport } from './bundle-from-import';
import { exportCsv } from './csv';
import { exportDoccano } from './doccano';
import { importDoccano } from './doccano-import';
import { exportFormats, summaryFor } from './index';
import { exportLabelStudio, labelStudioConfigFor } from './label-studio';
import { importLabelStudio } from './label-studio-import';
import { exportHtmlReport } from './html-report';
import { exportMarkdownReport } from './markdown-report';
import { exportW3c } from './w3c';
import { importW3c } from './w3c-import';

type LsResult = { id?: string; type: string; from_name?: string; from_id?: string; to_id?: string; direction?: string; labels?: string[]; value?: Record<string, unknown> };
type LsTask = { id: number; data: { text: string }; annotations: Array<{ result: LsResult[] }> };

describe('Label Studio: relations and per-region attribute results', () => {
  const tasks = () => JSON.parse(exportLabelStudio(structureBundle())) as LsTask[];

  it('writes links as relation results between region ids, attributes as choices, textarea and datetime results on the region', () => {
    const results = tasks()[0].annotations.flatMap((a) => a.result);
    expect(results).toContainEqual({ type: 'relation', from_id: 'k-prices', to_id: 's-dar', direction: 'right', labels: ['source'] });
    expect(results).toContainEqual({ type: 'relation', from_id: 'k-prices', to_id: 'c-said', direction: 'right', labels: ['cue'] });
    const prices = results.filter((r) => r.id === 'k-prices');
    const span = { start: prices[0].value?.start, end: prices[0].value?.end };
    expect(prices).toContainEqual({ id: 'k-prices', from_name: 'attribute-verdict', to_name: 'text', type: 'choices', origin: 'manual', value: { ...span, choices: ['mostly-false'] } });
    expect(prices).toContainEqual({ id: 'k-prices', from_name: 'attribute-claim-date', to_name: 'text', type: 'datetime', origin: 'manual', value: { ...span, datetime: '2025-05-28' } });
    expect(prices).toContainEqual({
      id: 'k-prices',
      from_name: 'attribute-evidence',
      to_name: 'text',
      type: 'textarea',
      origin: 'manual',
      value: { ...span, text: ['https://stats.example.gov/cpi?year=2025&m=5', 'https://xn--r8jz45g.jp/%E8%A8%BC%E6%8B%A0/%F0%9F%98%80'] },
    });
    // Every relation joins two regions of the same annotation, as Label Studio draws them.
    for (const t of tasks())
      for (const a of t.annotations) {
        const ids = new Set(a.result.filter((r) => r.type === 'labels').map((r) => r.id));
        for (const r of a.result.filter((x) => x.type === 'relation')) expect([ids.has(r.from_id), ids.has(r.to_id)]).toEqual([true, true]);
      }
  });

  it('the labelling config declares the relations and a per-region control for every attribute result written', () => {
    const config = labelStudioConfigFor(structureBundle());
    expect(config).toContain('<Relations>\n    <Relation value="source"/>\n    <Relation value="cue"/>\n  </Relations>');
    expect(config).toContain('<Choices name="attribute-verdict" toName="text" perRegion="true" choice="single">');
    expect(config).toContain('<Choice value="Mostly false" alias="mostly-false"/>');
    expect(config).toContain('<TextArea name="attribute-evidence" toName="text" perRegion="true"');
    expect(config).toContain('<DateTime name="attribute-claim-date" toName="text" perRegion="true" only="date"/>');
    const names = new Set([...config.matchAll(/ name="([^"]+)"/g)].map((m) => m[1]));
    for (const r of tasks().flatMap((t) => t.annotations.flatMap((a) => a.result))) if (r.from_name) expect(names.has(r.from_name)).toBe(true);
  });

  it('export → import → export: links, values and roles come back, the file is identical', () => {
    const bundle = structureBundle();
    const first = exportLabelStudio(bundle);
    const back = bundleFromImport(value(importLabelStudio(first)));
    expect(relationView(back)).toEqual(relationView(bundle));
    expect(structuredClaims(back)).toEqual(structuredClaims(bundle));
    expect(back.labels.find((l) => l.id === 'source')?.role).toBe('source');
    expect(exportLabelStudio(back)).toBe(first);
  });

  it('refuses a relation whose region is not in the annotation, naming the result; unknown relation labels are listed, not guessed', () => {
    const text = 'Dar said prices rose.';
    const region = (id: string, start: number, end: number, label: string) => ({ id, type: 'labels', from_name: 'label', to_name: 'text', value: { start, end, text: text.slice(start, end), labels: [label] } });
    const file = (extra: object[]) => JSON.stringify([{ id: 1, data: { text }, annotations: [{ completed_by: { email: 'a@example.org' }, result: [region('r1', 0, 3, 'source'), region('r2', 9, 20, 'fact'), ...extra] }] }]);
    const dangling = importLabelStudio(file([{ type: 'relation', from_id: 'r2', to_id: 'gone', direction: 'right', labels: ['source'] }]));
    expect(!dangling.ok && dangling.error.details).toEqual(['[0].annotations[0].result[2]: the source relation names region "gone", which is not in this annotation (a dangling link)']);
    const other = value(importLabelStudio(file([{ type: 'relation', from_id: 'r1', to_id: 'r2', direction: 'left', labels: ['Source'] }, { type: 'relation', from_id: 'r2', to_id: 'r1', labels: ['coref'] }])), true);
    expect(other.relations).toEqual([{ kind: 'source', claimRef: 'r2', targetRef: 'r1', where: '[0].annotations[0].result[2]' }]);
    expect(other.rejected).toEqual([{ where: '[0].annotations[0].result[3]', reason: 'not imported: a relation labelled ["coref"] (claimtag reads relations labelled "source" or "cue")' }]);
    const badLink = importLabelStudio(file([{ id: 'r2', type: 'textarea', from_name: 'attribute-evidence', to_name: 'text', value: { start: 9, end: 20, text: ['javascript:alert(1)'] } }]));
    expect(!badLink.ok && badLink.error.details).toEqual(['[0].annotations[0].result[2].value: evidence: Only https:// links are kept as evidence; “javascript:alert(1)” is not one.']);
  });
});

describe('W3C Web Annotation: linking annotations and attribute bodies', () => {
  const documents = () => structureBundle().documents.map((d) => ({ ref: d.id, title: d.title, text: d.text }));
  type Item = { id: string; motivation: string; body: unknown; target: unknown; linkKind?: string };
  const items = () => (JSON.parse(exportW3c(structureBundle())) as { first: { items: Item[] } }).first.items;

  it('each link is a linking annotation from the claim (target) to its source or cue (body), by their annotation ids', () => {
    expect(items()).toContainEqual({
      id: 'urn:claimtag:relation:rel-1',
      type: 'Annotation',
      motivation: 'linking',
      created: '2025-05-28T12:00:00.000Z',
      creator: { id: 'urn:claimtag:annotator:u1', type: 'Person', name: 'Ann Lee' },
      body: 'urn:claimtag:annotation:s-dar',
      target: 'urn:claimtag:annotation:k-prices',
      linkKind: 'source',
    });
    const ids = new Set(items().map((i) => i.id));
    for (const link of items().filter((i) => i.motivation === 'linking')) expect([ids.has(link.body as string), ids.has(link.target as string)]).toEqual([true, true]);
  });

  it('attribute values are bodies naming their attribute: options classify, dates describe, evidence links are SpecificResources', () => {
    const prices = items().find((i) => i.id === 'urn:claimtag:annotation:k-prices');
    expect(prices?.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'fact' },
      { type: 'TextualBody', purpose: 'commenting', value: 'checked\twith «CPI»', format: 'text/plain' },
      { type: 'TextualBody', purpose: 'classifying', value: 'check-worthy', attribute: 'check-worthiness' },
      { type: 'TextualBody', purpose: 'describing', value: '2025-05-28', attribute: 'claim-date' },
      { type: 'SpecificResource', source: 'https://stats.example.gov/cpi?year=2025&m=5', purpose: 'linking', attribute: 'evidence' },
      { type: 'SpecificResource', source: 'https://xn--r8jz45g.jp/%E8%A8%BC%E6%8B%A0/%F0%9F%98%80', purpose: 'linking', attribute: 'evidence' },
      { type: 'TextualBody', purpose: 'classifying', value: 'mostly-false', attribute: 'verdict' },
    ]);
  });

  it('export → import → export: links and values come back, the file is identical', () => {
    const bundle = structureBundle();
    const first = exportW3c(bundle);
    const back = bundleFromImport(value(importW3c(first, { documents: documents() })));
    expect(relationView(back)).toEqual(relationView(bundle));
    expect(structuredClaims(back)).toEqual(structuredClaims(bundle));
    expect(exportW3c(back)).toBe(first);
  });

  it('refuses a linking annotation whose claim is not in the file, naming the record', () => {
    const collection = JSON.parse(exportW3c(structureBundle())) as { first: { items: Array<Record<string, unknown>> } };
    const i = collection.first.items.findIndex((x) => x.motivation === 'linking');
    collection.first.items[i] = { ...collection.first.items[i], target: 'urn:claimtag:annotation:nowhere' };
    const r = importW3c(JSON.stringify(collection), { documents: documents() });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.details).toEqual([`annotations[${i}]: the cue link names "nowhere", which is not a claim in this file (a dangling link)`]);
  });
});

describe('doccano: the relation-extraction form', () => {
  type Line = { text: string; entities: Array<{ id: number; start_offset: number; end_offset: number; label: string }>; relations: Array<{ id: number; from_id: number; to_id: number; type: string }>; annotator: string };
  const lines = (jsonl: string) => jsonl.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);

  it('writes entities with integer ids per line and relations from the claim to its source or cue, as doccano imports them', () => {
    const [first] = lines(exportDoccano(structureBundle())).filter((l) => l.annotator === 'Ann Lee');
    const entity = (quote: string) => first.entities.find((e) => first.text.slice(e.start_offset, e.end_offset) === quote)?.id;
    expect(first.relations).toContainEqual({ id: expect.any(Number), from_id: entity('prices rose 😀 by 20%'), to_id: entity('Foreign Minister Ishaq Dar'), type: 'source' });
    expect(first.relations).toContainEqual({ id: expect.any(Number), from_id: entity('prices rose 😀 by 20%'), to_id: entity('said'), type: 'cue' });
    for (const l of lines(exportDoccano(structureBundle()))) {
      const ids = new Set(l.entities.map((e) => e.id));
      expect(l.entities.every((e) => Number.isInteger(e.id))).toBe(true);
      for (const r of l.relations) expect([ids.has(r.from_id), ids.has(r.to_id)]).toEqual([true, true]);
    }
  });

  it('export → import → export: links come back (attribute values are not carried by doccano, as the summary says)', () => {
    const bundle = structureBundle();
    const first = exportDoccano(bundle);
    const back = bundleFromImport(value(importDoccano(first)));
    expect(relationView(back)).toEqual(relationView(bundle));
    expect(exportDoccano(back)).toBe(first);
    expect(summaryFor('doccano', exportFormats.doccano.export(bundle))).toContain('- attribute values (check-worthiness, verdict, evidence links, claim dates): doccano has no per-span attributes');
  });

  it('refuses a relation naming an entity that is not on its line, saying which line and relation', () => {
    const line = { text: 'Dar said prices rose.', entities: [{ id: 4, start_offset: 0, end_offset: 3, label: 'source' }, { id: 5, start_offset: 9, end_offset: 20, label: 'fact' }], relations: [{ id: 0, from_id: 5, to_id: 4, type: 'source' }, { id: 1, from_id: 5, to_id: 9, type: 'cue' }] };
    const r = importDoccano(`${JSON.stringify(line)}\n`, { annotator: 'A' });
    expect(!r.ok && r.error.details).toEqual(['line 1.relations[1]: the cue relation names entity 9, which is not on this line (a dangling link)']);
    const partial = value(importDoccano(JSON.stringify(line), { annotator: 'A', partial: true }), true);
    expect(partial.relations?.map((x) => [x.kind, x.claimRef, x.targetRef])).toEqual([['source', 'line 1#5', 'line 1#4']]);
  });
});

describe('CSV: source, cue and one column per attribute', () => {
  const rows = () => parse(exportCsv(structureBundle()), { bom: true, relax_quotes: false, record_delimiter: '\r\n' }) as string[][];

  it('has the attribute columns by name after the fixed ones, and fills them per claim', () => {
    const [header, ...body] = rows();
    expect(header).toEqual(['document', 'annotator', 'label', 'start', 'end', 'quote', 'attribution', 'confidence', 'note', 'created', 'source', 'cue', 'Check-worthiness', 'Verdict', 'Evidence', 'Claim date']);
    const prices = Object.fromEntries(header.map((h, i) => [h, body.find((r) => r[5] === 'prices rose 😀 by 20%')?.[i]]));
    expect(prices).toMatchObject({ source: 'Foreign Minister Ishaq Dar', cue: 'said', 'Check-worthiness': 'Check-worthy', Verdict: 'Mostly false', Evidence: 'https://stats.example.gov/cpi?year=2025&m=5\nhttps://xn--r8jz45g.jp/%E8%A8%BC%E6%8B%A0/%F0%9F%98%80', 'Claim date': '2025-05-28' });
    const exports = Object.fromEntries(header.map((h, i) => [h, body.find((r) => r[5] === '輸出が倍増した')?.[i]]));
    expect(exports).toMatchObject({ source: '東京の報道官', cue: '述べた', Verdict: 'False', 'Check-worthiness': 'Not factual' });
    expect(body.every((r) => r.length === header.length)).toBe(true);
  });

  it('keeps formula-looking sources defused', () => {
    const bundle = structureBundle();
    const dar = bundle.annotations.find((a) => a.id === 's-dar');
    if (!dar) throw new Error('fixture');
    bundle.documents[0].text = bundle.documents[0].text.replace('Foreign Minister Ishaq Dar', '=Foreign Minister Ishaq D');
    dar.quote = '=Foreign Minister Ishaq D';
    expect(exportCsv(bundle)).toContain(`"'=Foreign Minister Ishaq D"`);
  });
});

describe('reports: source and verdict per claim', () => {
  it('HTML: the claims table has a Source column with the linked source and cue, and the verdict under the claim; no link leaves the page', () => {
    const bundle = structureBundle();
    const fact = bundle.labels.find((l) => l.id === 'fact');
    const verdict = fact?.attributes?.find((a) => a.key === 'verdict');
    if (!verdict) throw new Error('fixture');
    verdict.options[3] = { ...verdict.options[3], name: 'Mostly <script>false</script>' };
    const html = exportHtmlReport(bundle, { generatedAt: '2025-06-01T00:00:00Z' });
    expect(html).toContain('<th scope="col">Source</th>');
    const row = html.split('<tr id=').find((r) => r.includes('prices rose 😀 by 20%</div>')) ?? '';
    expect(row).toContain('<td data-label="Source"><div dir="auto">Foreign Minister Ishaq Dar</div><div class="cue" dir="auto">“said”</div></td>');
    expect(row).toContain('<span class="k">Verdict:</span> <b dir="auto">Mostly &lt;script&gt;false&lt;/script&gt;</b>');
    expect(row).toContain('<span class="k">Evidence:</span> <b dir="auto">https://stats.example.gov/cpi?year=2025&amp;m=5 · ');
    expect(html).not.toMatch(/(src|href)="(?!#)/i);
    expect(html).not.toMatch(/<script/i);
    const family = html.split('<tr id=').find((r) => r.includes('the 👨‍👩‍👧 family left</div>')) ?? '';
    expect(family).toContain('<div dir="auto">Cafe\u0301 owner 🇵🇰</div><div class="muted" dir="auto">Cafe\u0301 owner</div>');
  });

  it('Markdown: Source, Cue and each attribute under the claim', () => {
    const md = exportMarkdownReport(structureBundle(), { generatedAt: '2025-06-01T00:00:00Z' });
    const prices = md.slice(md.indexOf('> prices rose 😀 by 20%'));
    expect(prices).toContain('- **Source:** Foreign Minister Ishaq Dar\n- **Cue:** said\n');
    expect(prices).toContain('- **Verdict:** Mostly false\n');
    expect(prices).toContain('- **Claim date:** 2025-05-28\n');
  });
});
