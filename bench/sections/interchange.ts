// Interchange: every export format, and the re-import of what it wrote where claimtag reads
// that format, for the 1 MB article with 10,000 annotations (the same seeded bundle as the
// export section). Baseline: JSON.stringify / JSON.parse of the same bundle, i.e. the data
// with no format logic at all.
import { exportFormats, importFormats, type ExportFormatId, type ImportFormatId } from '../../src/core/interchange';
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
  return { figures: f.list, details: { sizesMB } };
}
