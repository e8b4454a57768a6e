// The similar-document check of an import (issue #14) at library scale: importing one annotated
// article into the 200 / 2,000 / 10,000-article libraries of bench/lib/library-fixture.ts
// (30,000 characters each), through mergeImport as every import path calls it.
//   - a new article (resembles nothing): added with its annotations;
//   - a copy of one of ours with a few words changed: refused with the similar document
//     (the fixture's articles repeat one of 64 bodies under their own first line, so such a copy
//     resembles size ÷ 64 documents: the best one is named);
//   - the first import into a library written without fingerprints (an upgraded library: the
//     fixture writes raw rows), once per size.
// Baseline in the same run: reading every text of the library (what the check read before
// stored fingerprints).
//   BENCH_ONLY=similar BENCH_LIBRARY_SIZES=200,2000 npm run bench
import fs from 'node:fs';
import { mergeImport, SimilarDocumentsFailure } from '../../src/core/library-io/merge-import';
import type { ParsedImport } from '../../src/core/interchange/types';
import { Library } from '../../src/core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { buildLibraries } from '../lib/library-fixture';
import { makeArticle, makeSpans } from '../lib/fixture';
import { Figures, timeRuns } from '../lib/result';

const SIZES = (process.env.BENCH_LIBRARY_SIZES ?? '200,2000,10000').split(',').map(Number);
const RUNS = 5;

/** One article with 50 annotations by one colleague, as a parsed import. */
function oneArticle(text: string, ref: string): ParsedImport {
  const spans = makeSpans({ text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] }, 50, 7);
  return {
    format: 'json',
    documents: [{ ref, title: `Arriving ${ref}`, source: 'bench', text }],
    annotators: [{ id: 'ann-colleague', name: 'Colleague' }],
    labels: [],
    annotations: spans.map((s) => ({ documentRef: ref, annotator: 'Colleague', annotatorId: 'ann-colleague', label: s.label, start: s.start, end: s.end, quote: text.slice(s.start, s.end), note: '', attribution: '', confidence: null })),
    rejected: [],
  };
}

/** A copy of `text` with every 40th word replaced: about 0.9 similar (word 3-shingles). */
function edited(text: string): string {
  let k = 0;
  return text.replace(/\S+/g, (w) => (++k % 40 === 0 ? `changed${k}` : w));
}

export async function run() {
  const f = new Figures('similar');
  const tmp = makeTempDir('claimtag-bench-similar-');
  const details: Record<string, unknown> = {};
  try {
    const built = buildLibraries(tmp.dir, SIZES);
    details.generateSeconds = +(built.generateMs / 1000).toFixed(1);
    const smallest = Math.min(...SIZES);
    let fresh = 0;
    const newArticle = () => {
      const n = fresh++;
      return oneArticle(`Arriving dispatch ${n}\n${makeArticle(50_000 + n, 30_000).text}`, `new-${n}`);
    };
    for (const size of [...SIZES].sort((a, b) => a - b)) {
      const file = built.files.get(size)!;
      const growth = (k: string) => (size === smallest ? {} : { baseline: `similar.${k}${smallest}` });
      const library = Library.open(file);
      try {
        const first = await timeRuns(1, () => mergeImport(library, newArticle()), 0);
        f.add(`firstImport${size}`, `${size} articles: first import into the library as the fixture wrote it (one new article, 50 annotations)`, first, { role: 'diagnostic' });

        f.add(`importNew${size}`, `${size} articles: import one new article with 50 annotations (mergeImport, similar check)`, await timeRuns(RUNS, () => {
          const report = mergeImport(library, newArticle());
          if (report.annotationsAdded !== 50) throw new Error(`expected 50 annotations added, got ${report.annotationsAdded}`);
        }, 1), { ...growth('importNew') });

        const copy = edited(library.documents.textOf(`doc-${Math.floor(size / 2)}`));
        let named = '';
        f.add(`importSimilar${size}`, `${size} articles: import a near-copy of one of ours (refused, the similar document named)`, await timeRuns(RUNS, () => {
          try {
            mergeImport(library, oneArticle(copy, 'near-copy'));
            throw new Error('the near-copy was not refused as similar');
          } catch (err) {
            if (!(err instanceof SimilarDocumentsFailure)) throw err;
            named = `${err.error.similar[0].documentTitle.slice(0, 20)} (${err.error.similar[0].similarity})`;
          }
        }, 1), { ...growth('importSimilar') });
        details[`similarNamed${size}`] = named;

        const allTexts = library.db.prepare('SELECT text FROM documents');
        f.baseline(`readAllTexts${size}`, `${size} articles: raw read of every text (what the check read before fingerprints)`, await timeRuns(3, () => {
          let chars = 0;
          for (const r of allTexts.iterate() as Iterable<{ text: string }>) chars += r.text.length;
          return chars;
        }, 0));
      } finally {
        library.close();
      }
      fs.rmSync(file, { force: true });
    }
    return { figures: f.list, details };
  } finally {
    tmp.cleanup();
  }
}
