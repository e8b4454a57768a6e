// Interchange: every export format, and the re-import of what it wrote where claimtag reads
// that format, for the 1 MB article with 10,000 annotations (the same seeded bundle as the
// export section). Baseline: JSON.stringify / JSON.parse of the same bundle, i.e. the data
// with no format logic at all.
import { exportFormats, importFormats, type ExportFormatId, type ImportFormatId } from '../../src/core/interchange';
import { ATTRIBUTE_PRESETS, type Relation } from '../../src/shared/claim-structure';
import type { Bundle } from '../../src/shared/types';
import { makeArticle, makeBundle, makeSpans } from '../lib/fixture';
import { Figures, timeRuns } from '../lib/result';

const RUNS = 3;
const OPTIONS = { generatedAt: '2025-06-04T00:00:00.000Z' };

export async function run() {
  const f = new Figures('interchange');
  const article = makeArticle();
  const bundle = makeBundle(article, makeSpans(article, 10_000));
  const json = JSON.stringify(bundle);
  f.baseline('jsonStringify', 'JSON.stringify of the same bundle', await timeRuns(RUNS, () => JSON.stringify(bundle)));
  f.baseline('jsonParse', 'JSON.parse of the same bundle', await timeRuns(RUNS, () => JSON.parse(json)));
  const sizesMB: Record<string, number> = {};
  for (const id of Object.keys(exportFormats) as ExportFormatId[]) {
    let out = exportFormats[id].export(bundle, OPTIONS);
    f.add(`export.${id}`, `export ${id}, 10k annotations`, await timeRuns(RUNS, () => (out = exportFormats[id].export(bundle, OPTIONS))), { baseline: 'jsonStringify' });
    const files = out.kind === 'file' ? { main: out.text } : out.files;
    sizesMB[id] = +(Object.values(files).reduce((n, s) => n + Buffer.byteLength(s), 0) / 1e6).toFixed(2);
    if (!(id in importFormats)) continue;
    const importer = importFormats[id as ImportFormatId];
    const readBack =
      out.kind === 'file'
        ? [() => importer.import((out as { text: string }).text, { documents: [{ ref: 'bench', text: article.text }] })]
        : Object.keys(files).filter((k) => k.endsWith('.ann')).map((k) => () => importer.import(files[k], { annotator: 'x', companionText: files[k.replace(/\.ann$/, '.txt')] }));
    f.add(`import.${id}`, `import the ${id} export back (parse + validate)`, await timeRuns(RUNS, () => {
      for (const read of readBack) {
        const r = read();
        if (!r.ok) throw new Error(`${id}: ${r.error.message}`);
      }
    }), { baseline: 'jsonParse' });
  }
  // Claims with structure (#20): every 4th span a source, each claim linked to the source before it
  // and carrying a verdict, a check-worthiness, a claim date and two evidence links.
  const structured = withStructure(bundle);
  for (const id of ['brat', 'w3c', 'labelstudio', 'doccano', 'csv', 'claimreview', 'html'] as const) {
    let out = exportFormats[id].export(structured, OPTIONS);
    f.add(`export.${id}.structured`, `export ${id}, 10k annotations with links and attribute values`, await timeRuns(RUNS, () => (out = exportFormats[id].export(structured, OPTIONS))), { baseline: 'jsonStringify' });
    if (!(id in importFormats) || out.kind !== 'file') continue;
    const text = out.text;
    const importer = importFormats[id as ImportFormatId];
    f.add(`import.${id}.structured`, `import the structured ${id} export back (parse + validate + check links)`, await timeRuns(RUNS, () => {
      const r = importer.import(text, { documents: [{ ref: 'bench', text: article.text }] });
      if (!r.ok) throw new Error(`${id}: ${r.error.message}`);
    }), { baseline: 'jsonParse' });
  }
  return { figures: f.list, details: { sizesMB, structuredRelations: structured.relations?.length ?? 0 } };
}

function withStructure(bundle: Bundle): Bundle {
  const source = { id: 'bench-source', name: 'Source', color: '#7048e8', shortcut: '', definition: '', archived: false, sortOrder: 99, role: 'source' as const };
  const labels = [...bundle.labels.map((l) => ({ ...l, attributes: [...ATTRIBUTE_PRESETS] })), source];
  const relations: Relation[] = [];
  let lastSource: string | null = null;
  const annotations = bundle.annotations.map((a, i) => {
    if (i % 4 === 0) {
      lastSource = a.id;
      return { ...a, labelId: source.id };
    }
    if (lastSource) relations.push({ id: `r${i}`, documentId: a.documentId, annotatorId: a.annotatorId, annotatorName: a.annotatorName, kind: 'source', claimId: a.id, targetId: lastSource, createdAt: a.createdAt, deletedAt: null });
    return { ...a, attributes: { verdict: ['true', 'half-true', 'false'][i % 3], 'check-worthiness': 'check-worthy', 'claim-date': '2025-05-28', evidence: [`https://example.org/e/${i}`, 'https://example.org/x'] } };
  });
  return { ...bundle, labels, annotations, relations };
}
