// Claims with structure (#20) through Label Studio, W3C Web Annotation, doccano and CSV: links
// and attribute values written the way each consumer reads them, read back, and dangling links
// refused with the record and the reason.
import { describe, expect, it } from 'vitest';
import { structureBundle } from '../../../test/interchange/structure-bundle';
import { relationView, structuredClaims, value } from '../../../test/interchange/structure-views';
import { bundleFromImport } from './bundle-from-import';
import { exportLabelStudio, labelStudioConfigFor } from './label-studio';
import { importLabelStudio } from './label-studio-import';

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
      value: { ...span, text: ['https://stats.example.gov/cpi?year=2025&m=5', 'https://例え.jp/証拠/😀'] },
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
    expect(!badLink.ok && badLink.error.details).toEqual(['[0].annotations[0].result[2].value: evidence: "javascript:alert(1)" is not an https: link']);
  });
});
