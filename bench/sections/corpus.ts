// Corpus agreement: computeCorpusAgreement over 200 documents × 3 analysts × 50 spans each
// with 1,000 bootstrap resamples (the figure, target ≤ 2 s), and its growth in the
// number of documents (50 → 100 → 200 → 400; linear doubles). Baseline from the same run:
// the per-document reports of the same documents (what `claimtag agree` did before), which
// the corpus computation has to read the same data for.
import { computeAgreement, computeCorpusAgreement } from '../../src/core/agreement';
import { syntheticDocument } from '../../test/agreement/synthetic-document';
import type { AgreementInput } from '../../src/core/agreement';
import { Figures, timeRuns } from '../lib/result';

const RUNS = 5;
const RESAMPLES = 1000;

function corpus(count: number): AgreementInput[] {
  return Array.from({ length: count }, (_, d) => ({
    ...syntheticDocument({ seed: 1000 + d, annotators: 3, annotationsPerAnnotator: 50, textLength: 5000 }),
    documentId: `doc-${d}`,
  }));
}

export async function run() {
  const f = new Figures('corpus');
  const docs = corpus(400);
  const growth: Record<string, number> = {};
  for (const n of [50, 100, 200, 400]) {
    const subset = docs.slice(0, n);
    const times = await timeRuns(n === 200 ? RUNS : 3, () => computeCorpusAgreement(subset, { resamples: RESAMPLES, seed: 1 }), 1);
    const fig = f.add(`docs${n}`, `computeCorpusAgreement ${n} docs × 3 × 50 spans, ${RESAMPLES} resamples`, times, {
      ...(n === 200 ? { baseline: 'perDocument200', target: { max: 2000, text: '≤ 2 s' } } : { role: 'diagnostic' as const }),
    });
    growth[n] = fig.summary.median;
  }
  f.baseline('perDocument200', 'computeAgreement per document, the same 200 docs (no bootstrap)', await timeRuns(RUNS, () => docs.slice(0, 200).map((d) => computeAgreement(d)), 1));
  f.add('growth100To200', 'growth 100 → 200 docs (×2 input; linear = 2)', [growth[200] / growth[100]], { unit: 'ratio', role: 'diagnostic' });
  f.add('growth200To400', 'growth 200 → 400 docs (×2 input; linear = 2)', [growth[400] / growth[200]], { unit: 'ratio', role: 'diagnostic' });
  return { figures: f.list, details: { growth } };
}
