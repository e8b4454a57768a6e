// Export: HTML report, CSV and claimtag JSON for the 1 MB article with 10,000 annotations
// (the same seeded document the renderer section opens). Baseline: JSON.stringify of the
// same bundle, i.e. serialising the data with no format logic at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportFormats } from '../../src/core/interchange';
import { exportBundle } from '../../src/core/library-io/export-bundle';
import { makeArticle, makeBundle, makeSpans } from '../lib/fixture';
import { Figures, timeRuns } from '../lib/result';

const RUNS = 5;

export async function run() {
  const f = new Figures('export');
  const article = makeArticle();
  const bundle = makeBundle(article, makeSpans(article, 10_000));
  const sizes: Record<string, number> = {};
  f.baseline('jsonStringify', 'JSON.stringify of the same bundle', await timeRuns(RUNS, () => JSON.stringify(bundle)));
  for (const [id, label] of [['html', 'HTML report'], ['csv', 'CSV'], ['json', 'claimtag JSON']] as const) {
    let out = '';
    const times = await timeRuns(RUNS, () => {
      const r = exportFormats[id].export(bundle, { generatedAt: '2025-06-04T00:00:00.000Z' });
      out = r.kind === 'file' ? r.text : '';
    });
    sizes[id] = +(Buffer.byteLength(out) / 1e6).toFixed(2);
    f.add(id, `${label}, 10k annotations (${sizes[id]} MB)`, times, { baseline: 'jsonStringify', target: { max: 1000, text: '≤ 1 s' } });
  }
  // What a library-wide export does: the same files written to disk in chunks (#14), fsync included.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-bench-export-'));
  try {
    for (const [id, label] of [['csv', 'CSV'], ['json', 'claimtag JSON']] as const) {
      const file = path.join(dir, `all.${id}`);
      const times = await timeRuns(RUNS, () => exportBundle(bundle, id, file, { generatedAt: '2025-06-04T00:00:00.000Z' }));
      f.add(`${id}File`, `${label} to a file in chunks (exportBundle), 10k annotations`, times, { baseline: 'jsonStringify', target: { max: 1000, text: '≤ 1 s' } });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { figures: f.list, details: { sizesMB: sizes } };
}
