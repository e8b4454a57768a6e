// Claims with structure (#20): the 1 MB article with 10,000 claims, each linked through the app's
// call (linkClaim, which also marks the source span) to one of 500 sources. Figures: one link
// (p50/p95), listing the document's links (baseline: listing its annotations, the call the
// workbench makes beside it), and a claimtag JSON round trip of the whole structure into a fresh
// library (baseline: the same file without the links).
import path from 'node:path';
import { createDispatch } from '../../src/core/api/dispatch';
import { createServices } from '../../src/core/api/services';
import { exportClaimtagJson } from '../../src/core/interchange/claimtag-json';
import { importClaimtagJson } from '../../src/core/interchange/claimtag-json-import';
import { loadBundle } from '../../src/core/library-io/load-bundle';
import { mergeImport } from '../../src/core/library-io/merge-import';
import { Library } from '../../src/core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { makeArticle, makeSpans, seedLibrary } from '../lib/fixture';
import { Figures, timeRuns } from '../lib/result';

const CLAIMS = 10_000;
const SOURCES = 500;

export async function run() {
  const f = new Figures('structure');
  const tmp = makeTempDir('claimtag-bench-structure-');
  try {
    const article = makeArticle(31);
    const spans = makeSpans(article, CLAIMS + SOURCES, 37);
    const file = path.join(tmp.dir, 'lib.sqlite');
    const { documentId } = seedLibrary(file, article, spans.slice(0, CLAIMS));
    const library = Library.open(file);
    const dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => { throw new Error('no sample'); } }), (e) => { throw e; });
    const claims = library.annotations.listForDocument(documentId);
    const sources = spans.slice(CLAIMS);
    const linkTimes: number[] = [];
    for (let i = 0; i < claims.length; i++) {
      const s = sources[i % SOURCES];
      const t0 = performance.now();
      const r = await dispatch('linkClaim', { claimId: claims[i].id, target: { labelId: 'source', start: s.start, end: s.end } });
      linkTimes.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.message);
    }
    f.add('link', `linkClaim (marks or reuses the source span), ${CLAIMS.toLocaleString('en')} calls`, linkTimes, { percentiles: true, targetOn: 'p95' });
    f.add('listRelations', `listRelations, ${CLAIMS.toLocaleString('en')} links`, await timeRuns(5, () => dispatch('listRelations', { documentId })), { baseline: 'listAnnotations' });
    f.baseline('listAnnotations', `listAnnotations, ${(CLAIMS + SOURCES).toLocaleString('en')} annotations`, await timeRuns(5, () => dispatch('listAnnotations', { documentId })));

    const bundle = loadBundle(library, { documents: [documentId] });
    const withLinks = exportClaimtagJson(bundle);
    const withoutLinks = exportClaimtagJson({ ...bundle, relations: undefined });
    library.close();
    let n = 0;
    const roundTrip = (text: string) => () => {
      const into = Library.open(path.join(tmp.dir, `into-${n++}.sqlite`));
      try {
        const parsed = importClaimtagJson(text);
        if (!parsed.ok) throw new Error(parsed.error.message);
        const report = mergeImport(into, parsed.value);
        if (text === withLinks && report.relationsAdded !== CLAIMS) throw new Error(`added ${report.relationsAdded} links`);
      } finally {
        into.close();
      }
    };
    f.add('importWithLinks', `claimtag JSON import into a fresh library, ${CLAIMS.toLocaleString('en')} links`, await timeRuns(3, roundTrip(withLinks)), { baseline: 'importWithoutLinks' });
    f.baseline('importWithoutLinks', 'the same file without its links', await timeRuns(3, roundTrip(withoutLinks)));
    return { figures: f.list };
  } finally {
    tmp.cleanup();
  }
}
