import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { cohenKappa, fleissKappa, krippendorffAlphaNominal, meanPairwisePercentAgreement } from './coding-measures';
import { computeAgreement } from './compute-agreement';
import { computeCorpusAgreement, type CorpusAgreement } from './corpus-agreement';
import { labelSentences } from './sentence-labels';
import { splitSentences } from './sentence-splitter';
import { syntheticDocument } from '../../../test/agreement/synthetic-document';
import type { AgreementAnnotation, AgreementInput } from '../../shared/agreement';

function corpus(seed: number, count: number, options: { annotators?: number; perAnnotator?: number; textLength?: number } = {}): AgreementInput[] {
  return Array.from({ length: count }, (_, d) => {
    const doc = syntheticDocument({
      seed: seed * 10_000 + d,
      annotators: options.annotators ?? 3,
      annotationsPerAnnotator: options.perAnnotator ?? 8,
      textLength: options.textLength ?? 600,
    });
    return { ...doc, documentId: `doc-${d}` };
  });
}

/** The documents as one text, separated by `separator`, with the annotations shifted. */
function concatenated(docs: readonly AgreementInput[], separator: string): AgreementInput {
  const annotations: AgreementAnnotation[] = [];
  let offset = 0;
  for (const d of docs) {
    for (const a of d.annotations) annotations.push({ ...a, start: a.start + offset, end: a.end + offset });
    offset += d.text.length + separator.length;
  }
  return { documentId: 'all', text: docs.map((d) => d.text).join(separator), annotations };
}

const within = (value: number | null, interval: [number, number] | null): boolean =>
  value !== null && interval !== null && interval[0] <= value && value <= interval[1];

describe('computeCorpusAgreement', () => {
  const docs = corpus(1, 12);
  const report = computeCorpusAgreement(docs, { resamples: 200, seed: 7 });

  it('pooled α_u equals α_u of the documents laid end to end as one text', () => {
    const whole = computeAgreement(concatenated(docs, ''));
    expect(report.spans.alphaU).not.toBeNull();
    expect(report.spans.alphaU).toBeCloseTo(whole.spans.alphaU as number, 10);
    for (const [label, value] of Object.entries(whole.spans.alphaUByLabel)) expect(report.spans.alphaUByLabel[label]).toBeCloseTo(value as number, 10);
  });

  it('pooled sentence coefficients and span F1 equal those of the documents as one text, one document per line', () => {
    // a line break always ends a sentence, so the sentences are those of the documents
    const whole = computeAgreement(concatenated(docs, '\n'));
    expect(report.sentences.count).toBe(whole.sentences.count);
    expect(report.sentences.percentAgreement).toBeCloseTo(whole.sentences.percentAgreement as number, 12);
    expect(report.sentences.fleissKappa).toBeCloseTo(whole.sentences.fleissKappa as number, 12);
    expect(report.sentences.krippendorffAlpha).toBeCloseTo(whole.sentences.krippendorffAlpha as number, 12);
    report.sentences.cohenKappa.forEach((c, p) => expect(c.value).toBeCloseTo(whole.sentences.cohenKappa[p].value as number, 12));
    report.spans.f1.forEach((f, p) => {
      expect(f.exact).toBeCloseTo(whole.spans.f1[p].exact as number, 12);
      expect(f.overlap).toBeCloseTo(whole.spans.f1[p].overlap as number, 12);
    });
  });

  it('for one document gives the per-document report’s values', () => {
    const one = computeCorpusAgreement([docs[0]], { resamples: 50 });
    const single = computeAgreement(docs[0]);
    expect(one.spans.alphaU).toBeCloseTo(single.spans.alphaU as number, 12);
    expect(one.sentences.krippendorffAlpha).toBeCloseTo(single.sentences.krippendorffAlpha as number, 12);
    expect(one.notes.some((n) => n.includes('Only 1 document'))).toBe(true);
  });

  it('states the resamples and seed, and a rerun with the same seed gives the same intervals', () => {
    expect(report.bootstrap).toMatchObject({ resamples: 200, seed: 7, confidence: 0.95 });
    const again = computeCorpusAgreement(docs, { resamples: 200, seed: 7 });
    expect(again).toEqual(report);
    const other = computeCorpusAgreement(docs, { resamples: 200, seed: 8 });
    expect(other.spans.alphaUInterval).not.toEqual(report.spans.alphaUInterval);
    expect(other.spans.alphaU).toBe(report.spans.alphaU);
  });

  it('gives every coefficient an interval around it', () => {
    const r: CorpusAgreement = report;
    expect(within(r.spans.alphaU, r.spans.alphaUInterval)).toBe(true);
    expect(within(r.sentences.krippendorffAlpha, r.sentences.krippendorffAlphaInterval)).toBe(true);
    expect(within(r.sentences.krippendorffAlpha, r.sentences.krippendorffAlphaUnitsInterval)).toBe(true);
    expect(within(r.sentences.fleissKappa, r.sentences.fleissKappaInterval)).toBe(true);
    expect(within(r.sentences.percentAgreement, r.sentences.percentAgreementInterval)).toBe(true);
    for (const c of r.sentences.cohenKappa) expect(within(c.value, c.interval)).toBe(true);
    for (const f of r.spans.f1) {
      expect(within(f.exact, f.exactInterval)).toBe(true);
      expect(within(f.overlap, f.overlapInterval)).toBe(true);
    }
    for (const [label, value] of Object.entries(r.spans.alphaUByLabel)) expect(within(value, r.spans.alphaUByLabelInterval[label])).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });

  it('pools sentence ratings as the per-study coefficients would', () => {
    const labels = ['allegation', 'fact', 'opinion'];
    const annotators = ['annotator-001', 'annotator-002', 'annotator-003'];
    const ratings = annotators.map(() => [] as number[]);
    for (const d of docs) {
      const spans = annotators.map((who) => d.annotations.filter((a) => a.annotator === who).sort((x, y) => x.start - y.start || x.end - y.end));
      const labelling = labelSentences(d.text, splitSentences(d.text), spans, labels);
      labelling.ratings.forEach((r, k) => ratings[k].push(...r));
    }
    const study = { ratings: ratings.map((r) => Int32Array.from(r)), categoryCount: labels.length + 1 };
    expect(report.sentences.fleissKappa).toBeCloseTo(fleissKappa(study).value as number, 12);
    expect(report.sentences.krippendorffAlpha).toBeCloseTo(krippendorffAlphaNominal(study).value as number, 12);
    expect(report.sentences.percentAgreement).toBeCloseTo(meanPairwisePercentAgreement(study).value as number, 12);
    expect(report.sentences.cohenKappa[0].value).toBeCloseTo(cohenKappa(study.ratings[0], study.ratings[1], 4).value as number, 12);
  });

  it('reports progress and can be cancelled', () => {
    const seen: number[] = [];
    computeCorpusAgreement(docs.slice(0, 3), { resamples: 100, onProgress: (done) => seen.push(done) });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(100);
    const controller = new AbortController();
    const run = () =>
      computeCorpusAgreement(docs.slice(0, 3), {
        resamples: 100,
        signal: controller.signal,
        onProgress: (done) => {
          if (done >= 10) controller.abort();
        },
      });
    expect(run).toThrow(AppFailure);
    try {
      run();
    } catch (e) {
      expect((e as AppFailure).error.code).toBe('cancelled');
    }
  });

  it('refuses a resample count or seed out of range with a typed reason', () => {
    for (const options of [{ resamples: 10 }, { resamples: 1.5 }, { seed: -1 }]) {
      try {
        computeCorpusAgreement(docs.slice(0, 2), options);
        expect.unreachable();
      } catch (e) {
        expect((e as AppFailure).error.code).toBe('invalid-input');
      }
    }
    expect(() => computeCorpusAgreement([])).toThrow(/at least one document/);
  });

  it('explains undefined values: one annotator, nobody marking anything', () => {
    const solo = computeCorpusAgreement([{ documentId: 'a', text: 'One. Two.', annotations: [{ annotator: 'x', label: 'fact', start: 0, end: 4 }] }], { resamples: 50 });
    expect(solo.spans.alphaU).toBeNull();
    expect(solo.sentences.krippendorffAlpha).toBeNull();
    expect(solo.notes.some((n) => n.includes('at least 2 annotators'))).toBe(true);
    const idle = computeCorpusAgreement([{ documentId: 'a', text: 'One. Two.', annotations: [] }], { annotators: ['x', 'y'], resamples: 50 });
    expect(idle.spans.alphaU).toBeNull();
    expect(idle.spans.f1[0].exact).toBeNull();
    expect(idle.notes.some((n) => n.includes('Span F1 is undefined'))).toBe(true);
  });
});

describe('bootstrap intervals cover the true value about 95 % of the time', () => {
  it('over repeated simulated studies of 60 documents', () => {
    // The "true" value is the pooled coefficient of a very large corpus from the same generator.
    const population = computeCorpusAgreement(corpus(9000, 3000), { resamples: 50 });
    const truth = {
      alphaU: population.spans.alphaU as number,
      alpha: population.sentences.krippendorffAlpha as number,
      percent: population.sentences.percentAgreement as number,
    };
    const studies = 200;
    const hits = { alphaU: 0, alpha: 0, percent: 0 };
    for (let s = 0; s < studies; s++) {
      const r = computeCorpusAgreement(corpus(s + 1, 60), { resamples: 400, seed: s + 1 });
      if (within(truth.alphaU, r.spans.alphaUInterval)) hits.alphaU++;
      if (within(truth.alpha, r.sentences.krippendorffAlphaInterval)) hits.alpha++;
      if (within(truth.percent, r.sentences.percentAgreementInterval)) hits.percent++;
    }
    // 200 studies: a binomial standard error of 1.5 points around 95 %
    for (const [name, hit] of Object.entries(hits)) {
      expect.soft(hit / studies, name).toBeGreaterThanOrEqual(0.89);
      expect.soft(hit / studies, name).toBeLessThanOrEqual(0.99);
    }
    console.log('coverage', Object.fromEntries(Object.entries(hits).map(([k, v]) => [k, v / studies])));
  }, 120_000);
});
