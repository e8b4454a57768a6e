// Agreement over a corpus: the documents are pooled (for α_u laid end to end as one
// continuum, for the sentence-level coefficients their sentences taken together, for span F1
// their matches and spans added up), and every coefficient gets a 95 % percentile bootstrap
// interval from resampling whole documents; Krippendorff's α also from resampling sentences.
// Plain core service: no I/O, deterministic for a seed, reports progress and can be cancelled.

import { AppFailure } from '../../shared/result';
import { OffsetConverter } from '../../shared/offsets';
import type { CorpusAgreement, Interval } from '../../shared/study';
import { CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED, MAX_RESAMPLES, MIN_RESAMPLES, Replicates, seededDraws } from './bootstrap';
import {
  alphaNominalFromTally,
  alphaTallySize,
  cohenKappaFromTally,
  cohenTallySize,
  fleissKappaFromTally,
  fleissTallySize,
  PERCENT_TALLY,
  percentAgreementFromTally,
  tallyAlphaNominal,
  tallyCohenKappa,
  tallyFleissKappa,
  tallyPercentAgreement,
  type CodingStudy,
} from './coding-measures';
import { MAX_PAIRWISE_ANNOTATORS, mergeOverlapsPerLabel } from './compute-agreement';
import { diagnose, FEW_UNITS } from './diagnostics';
import { PooledUnitizing, type UnitizingDocument } from './pooled-unitizing';
import { prepareAnnotations } from './prepare-annotations';
import { labelSentences, type SentenceLabelling } from './sentence-labels';
import { splitSentences } from './sentence-splitter';
import { CorpusStructure } from './structure-agreement';
import { exactMatchCount, overlapMatchCount, type LabeledSpan } from './span-f1';
import type { AgreementInput, Coefficient, Measured } from './types';
import type { UnitizingUnit } from './unitizing-alpha';

export { DEFAULT_RESAMPLES, DEFAULT_SEED, MAX_RESAMPLES, MIN_RESAMPLES } from './bootstrap';
export type { CorpusAgreement, CorpusPairCoefficient, CorpusPairF1, Interval } from '../../shared/study';

export interface CorpusOptions {
  /** Restricts and orders the annotators compared. Default: everyone found, sorted. */
  annotators?: string[];
  resamples?: number;
  seed?: number;
  /** Called now and then with resamples done out of the total. */
  onProgress?: (done: number, total: number) => void;
  /** When aborted, the computation stops with an AppFailure of code 'cancelled'. */
  signal?: AbortSignal;
}

/** Per-document notes beyond this many are summarised in one line. */
const MAX_DOCUMENT_NOTES = 20;

/** Layout of a document's tally vector: all sums that add up across documents. */
class TallyLayout {
  readonly percent = 0;
  readonly fleiss = PERCENT_TALLY;
  readonly alpha: number;
  readonly pairs: number;
  readonly pairSize: number;
  readonly size: number;
  constructor(
    readonly categoryCount: number,
    readonly pairCount: number,
  ) {
    this.alpha = this.fleiss + fleissTallySize(categoryCount);
    this.pairs = this.alpha + alphaTallySize(categoryCount);
    // Cohen's tally, then exact matches, overlap matches, |A| + |B|
    this.pairSize = cohenTallySize(categoryCount) + 3;
    this.size = this.pairs + pairCount * this.pairSize;
  }
  pair(p: number): number {
    return this.pairs + p * this.pairSize;
  }
  f1(p: number): number {
    return this.pair(p) + cohenTallySize(this.categoryCount);
  }
}

interface PreparedCorpus {
  annotators: string[];
  labels: string[];
  pairs: Array<[number, number]>;
  layout: TallyLayout;
  /** One tally vector per document, laid out by `layout`. */
  tallies: Float64Array[];
  /**
   * For the bootstrap over units: each sentence's alpha tally depends only on how many
   * annotators gave it each value, so sentences are grouped by that pattern (at most a few
   * dozen); patternOf[s] is sentence s's group, patternAlpha the groups' tallies.
   */
  patternOf: Int32Array;
  patternAlpha: Float64Array;
  sentenceCount: number;
  unitizing: PooledUnitizing;
  notes: string[];
  pooledSpans: LabeledSpan[][];
  pooledLabelling: SentenceLabelling;
}

export function computeCorpusAgreement(documents: readonly AgreementInput[], options: CorpusOptions = {}): CorpusAgreement {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(resamples) || resamples < MIN_RESAMPLES || resamples > MAX_RESAMPLES) {
    throw new AppFailure({ code: 'invalid-input', message: `The number of resamples must be a whole number from ${MIN_RESAMPLES} to ${MAX_RESAMPLES}; got ${resamples}.` });
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new AppFailure({ code: 'invalid-input', message: `The seed must be a whole number from 0 to ${0xffffffff}; got ${seed}.` });
  }
  if (documents.length === 0) throw new AppFailure({ code: 'invalid-input', message: 'Corpus agreement needs at least one document.' });

  const corpus = prepareCorpus(documents, options.annotators);
  const { annotators, labels, pairs, layout, tallies, unitizing } = corpus;
  const m = annotators.length;
  const K = layout.categoryCount;
  const notes = [...corpus.notes];
  const n = documents.length;
  const structure = new CorpusStructure(documents, annotators, resamples, pairs.length > 0 || m < 2);

  // Point estimates
  const total = new Float64Array(layout.size);
  for (const t of tallies) for (let i = 0; i < t.length; i++) total[i] += t[i];
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const alphaU = unitizing.alpha(identity);
  const undefinedNote = (label: string, measured: Measured): Coefficient => {
    if (measured.value === null && measured.reason) notes.push(`${label} is undefined: ${measured.reason}.`);
    return measured.value;
  };
  const sentencesDefined = m >= 2 && corpus.sentenceCount > 0;
  const sentenceValue = (label: string, measured: Measured): Coefficient => (sentencesDefined ? undefinedNote(label, measured) : null);

  // Bootstrap over documents
  const percentR = new Replicates(resamples);
  const fleissR = new Replicates(resamples);
  const alphaR = new Replicates(resamples);
  const alphaUR = new Replicates(resamples);
  const byLabelR = new Map(labels.map((label) => [label, new Replicates(resamples)]));
  const cohenR = pairs.map(() => new Replicates(resamples));
  const exactR = pairs.map(() => new Replicates(resamples));
  const overlapR = pairs.map(() => new Replicates(resamples));
  const unitsR = new Replicates(resamples);
  const draws = seededDraws(seed);
  const unitDraws = seededDraws((seed ^ 0x9e3779b9) >>> 0);
  const sequence = new Int32Array(n);
  const sum = new Float64Array(layout.size);
  const A = alphaTallySize(K);
  const unitSequence = new Int32Array(corpus.sentenceCount);
  const patternCount = corpus.patternAlpha.length / A;
  const drawnPerPattern = new Float64Array(patternCount);
  const unitSum = new Float64Array(A);
  const progressEvery = Math.max(1, Math.floor(resamples / 50));
  for (let b = 0; b < resamples; b++) {
    if (options.signal?.aborted) throw new AppFailure({ code: 'cancelled', message: 'Corpus agreement was cancelled.' });
    if (options.onProgress && b % progressEvery === 0) options.onProgress(b, resamples);
    draws.draw(n, sequence);
    structure.replicate(sequence);
    sum.fill(0);
    for (let s = 0; s < n; s++) {
      const t = tallies[sequence[s]];
      for (let i = 0; i < t.length; i++) sum[i] += t[i];
    }
    if (sentencesDefined) {
      percentR.add(percentAgreementFromTally(sum, layout.percent, m).value);
      fleissR.add(fleissKappaFromTally(sum, layout.fleiss, K, m).value);
      alphaR.add(alphaNominalFromTally(sum, layout.alpha, K, m).value);
    }
    for (let p = 0; p < pairs.length; p++) {
      if (sentencesDefined) cohenR[p].add(cohenKappaFromTally(sum, layout.pair(p), K).value);
      const f = layout.f1(p);
      exactR[p].add(sum[f + 2] > 0 ? (2 * sum[f]) / sum[f + 2] : null);
      overlapR[p].add(sum[f + 2] > 0 ? (2 * sum[f + 1]) / sum[f + 2] : null);
    }
    if (m >= 2) {
      const replicate = unitizing.alpha(sequence);
      alphaUR.add(replicate.overall.value);
      // a label absent from a resample has no α_u there: it counts as undefined
      for (const [label, r] of byLabelR) r.add(replicate.byCategory.get(label)?.alpha.value ?? null);
    }
    if (sentencesDefined) {
      unitDraws.draw(corpus.sentenceCount, unitSequence);
      drawnPerPattern.fill(0);
      for (let s = 0; s < unitSequence.length; s++) drawnPerPattern[corpus.patternOf[unitSequence[s]]]++;
      unitSum.fill(0);
      for (let g = 0; g < patternCount; g++) {
        const times = drawnPerPattern[g];
        if (times === 0) continue;
        for (let i = 0; i < A; i++) unitSum[i] += times * corpus.patternAlpha[g * A + i];
      }
      unitsR.add(alphaNominalFromTally(unitSum, 0, K, m).value);
    }
  }
  options.onProgress?.(resamples, resamples);

  const alphaUByLabel: Record<string, Coefficient> = {};
  const alphaUByLabelInterval: Record<string, Interval> = {};
  for (const label of labels) {
    const result = alphaU.byCategory.get(label);
    alphaUByLabel[label] = m < 2 || !result ? null : undefinedNote(`α_u for "${label}"`, { value: result.alpha.value });
    if (m >= 2 && result?.alpha.value === null && result.alpha.reason) notes.push(result.alpha.reason + '.');
    alphaUByLabelInterval[label] = byLabelR.get(label)?.interval() ?? null;
  }
  const report: CorpusAgreement = {
    documents: n,
    annotators,
    spans: {
      alphaU: m < 2 ? null : undefinedNote('α_u', alphaU.overall),
      alphaUByLabel,
      alphaUInterval: alphaUR.interval(),
      alphaUByLabelInterval,
      f1: pairs.map(([i, j], p) => {
        const f = layout.f1(p);
        return {
          a: annotators[i],
          b: annotators[j],
          exact: total[f + 2] > 0 ? (2 * total[f]) / total[f + 2] : null,
          overlap: total[f + 2] > 0 ? (2 * total[f + 1]) / total[f + 2] : null,
          exactInterval: exactR[p].interval(),
          overlapInterval: overlapR[p].interval(),
        };
      }),
    },
    sentences: {
      count: corpus.sentenceCount,
      percentAgreement: sentenceValue('Percent agreement', percentAgreementFromTally(total, layout.percent, m)),
      percentAgreementInterval: percentR.interval(),
      cohenKappa: pairs.map(([i, j], p) => ({
        a: annotators[i],
        b: annotators[j],
        value: sentencesDefined ? cohenKappaFromTally(total, layout.pair(p), K).value : null,
        interval: cohenR[p].interval(),
      })),
      fleissKappa: sentenceValue("Fleiss' kappa", fleissKappaFromTally(total, layout.fleiss, K, m)),
      fleissKappaInterval: fleissR.interval(),
      krippendorffAlpha: sentenceValue("Krippendorff's alpha", alphaNominalFromTally(total, layout.alpha, K, m)),
      krippendorffAlphaInterval: alphaR.interval(),
      krippendorffAlphaUnitsInterval: unitsR.interval(),
    },
    bootstrap: {
      resamples,
      seed,
      confidence: CONFIDENCE,
      method: 'percentile bootstrap over documents (α also over sentences); documents of a resample are laid end to end in the order drawn',
    },
    structure: structure.report(seed),
    notes,
  };
  const undefinedPairs = report.sentences.cohenKappa.filter((c) => sentencesDefined && c.value === null).map((c) => `${c.a}–${c.b}`);
  if (undefinedPairs.length) notes.push(`Cohen's kappa is undefined for ${undefinedPairs.join(', ')}: they used one and the same sentence value throughout.`);
  const noF1 = report.spans.f1.filter((f) => f.exact === null).map((f) => `${f.a}–${f.b}`);
  if (noF1.length) notes.push(`Span F1 is undefined for ${noF1.join(', ')}: neither annotator marked a span.`);
  if (n < FEW_UNITS) notes.push(`Only ${n} document${n === 1 ? '' : 's'}: intervals from resampling documents are unreliable with fewer than ${FEW_UNITS}.`);
  const missingIntervals = [
    report.spans.alphaU !== null && report.spans.alphaUInterval === null ? 'α_u' : null,
    ...labels.map((l) => (alphaUByLabel[l] !== null && alphaUByLabelInterval[l] === null ? `α_u for "${l}"` : null)),
  ].filter(Boolean);
  if (missingIntervals.length) {
    notes.push(`No interval for ${missingIntervals.join(', ')}: the coefficient was undefined in more than 10% of the resamples (too few documents carry the label).`);
  }
  notes.push(...diagnose(annotators, corpus.pooledSpans, labels, corpus.pooledLabelling, corpus.sentenceCount));
  return report;
}

function prepareCorpus(documents: readonly AgreementInput[], requested: string[] | undefined): PreparedCorpus {
  let annotators = requested;
  if (!annotators) {
    const found = new Set<string>();
    for (const d of documents) {
      if (!d || !Array.isArray(d.annotations)) continue;
      for (const a of d.annotations as unknown[]) {
        const name = (a as { annotator?: unknown } | null)?.annotator;
        if (typeof name === 'string' && name !== '') found.add(name);
      }
    }
    annotators = [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  const prepared = documents.map((d) => prepareAnnotations({ ...d, annotators }));
  annotators = prepared[0].annotators;
  const m = annotators.length;
  const notes: string[] = [];
  if (m < 2) notes.push(`Agreement needs at least 2 annotators; found ${m}${m === 1 ? ` (${annotators[0]})` : ''}.`);
  const documentNotes = prepared.flatMap((p, d) => p.notes.map((note) => `${documents[d].documentId}: ${note}`));
  notes.push(...documentNotes.slice(0, MAX_DOCUMENT_NOTES));
  if (documentNotes.length > MAX_DOCUMENT_NOTES) notes.push(`… and ${documentNotes.length - MAX_DOCUMENT_NOTES} more notes about single documents.`);
  const labelSet = new Set<string>();
  for (const p of prepared) for (const l of p.labels) labelSet.add(l);
  const labels = [...labelSet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pairs: Array<[number, number]> = [];
  if (m <= MAX_PAIRWISE_ANNOTATORS) for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) pairs.push([i, j]);
  else notes.push(`Pairwise Cohen's kappa and F1 are not listed for more than ${MAX_PAIRWISE_ANNOTATORS} annotators (${(m * (m - 1)) / 2} pairs).`);
  const K = labels.length + 1;
  const layout = new TallyLayout(K, pairs.length);
  const A = alphaTallySize(K);

  const tallies: Float64Array[] = [];
  const patternOf: number[] = [];
  const patternIndex = new Map<string, number>();
  const patternAlpha: number[] = [];
  const unitizingDocuments: UnitizingDocument[] = [];
  const pooledSpans: LabeledSpan[][] = annotators.map(() => []);
  const pooledRatings: number[][] = annotators.map(() => []);
  const pooled: SentenceLabelling = { categories: ['none', ...labels], ratings: [], partialCover: 0, belowHalfCover: 0, ties: 0 };
  let sentenceCount = 0;
  let merged = 0;
  documents.forEach((d, index) => {
    const { spans } = prepared[index];
    const sentences = splitSentences(d.text);
    const labelling = labelSentences(d.text, sentences, spans, labels);
    pooled.partialCover += labelling.partialCover;
    pooled.belowHalfCover += labelling.belowHalfCover;
    pooled.ties += labelling.ties;
    const study: CodingStudy = { ratings: labelling.ratings, categoryCount: K };
    const t = new Float64Array(layout.size);
    if (m >= 2) {
      tallyPercentAgreement(study, t, layout.percent);
      tallyFleissKappa(study, t, layout.fleiss);
      tallyAlphaNominal(study, t, layout.alpha);
      const one = new Float64Array(A);
      for (let s = 0; s < sentences.length; s++) {
        one.fill(0);
        tallyAlphaNominal(study, one, 0, { from: s, to: s + 1 });
        const key = one.join(',');
        let g = patternIndex.get(key);
        if (g === undefined) {
          g = patternIndex.size;
          patternIndex.set(key, g);
          patternAlpha.push(...one);
        }
        patternOf.push(g);
      }
    }
    pairs.forEach(([i, j], p) => {
      tallyCohenKappa(labelling.ratings[i], labelling.ratings[j], K, t, layout.pair(p));
      const f = layout.f1(p);
      t[f] = exactMatchCount(spans[i], spans[j]);
      t[f + 1] = overlapMatchCount(spans[i], spans[j]);
      t[f + 2] = spans[i].length + spans[j].length;
    });
    tallies.push(t);
    sentenceCount += sentences.length;
    labelling.ratings.forEach((r, k) => {
      for (const v of r) pooledRatings[k].push(v);
    });
    spans.forEach((list, k) => pooledSpans[k].push(...list));

    const converter = new OffsetConverter(d.text);
    const units: UnitizingUnit[] = [];
    spans.forEach((list, rater) => {
      const result = mergeOverlapsPerLabel(list);
      merged += list.length - result.length;
      for (const s of result) {
        const begin = converter.toCodePoint(s.start);
        units.push({ rater, category: s.label, begin, length: converter.toCodePoint(s.end) - begin });
      }
    });
    unitizingDocuments.push({ length: converter.codePointLength, units });
  });
  if (merged > 0) {
    notes.push(`For α_u, overlapping annotations of one annotator with the same label were merged (${merged} fewer units); F1 uses them as they are.`);
  }
  if (pooled.partialCover > 0 || pooled.belowHalfCover > 0) {
    notes.push(
      `Partial cover: ${pooled.partialCover} sentence value(s) took the label covering at least 50% (not all) of the sentence's non-whitespace characters, ` +
        `${pooled.belowHalfCover} became "none" because no label covered 50%.`,
    );
  }
  if (pooled.ties > 0) notes.push(`${pooled.ties} sentence value(s) had labels tied for the largest cover; the label first in alphabetical order was taken.`);
  pooled.ratings = pooledRatings.map((r) => Int32Array.from(r));
  return {
    annotators,
    labels,
    pairs,
    layout,
    tallies,
    patternOf: Int32Array.from(patternOf),
    patternAlpha: Float64Array.from(patternAlpha),
    sentenceCount,
    unitizing: new PooledUnitizing(unitizingDocuments, m),
    notes,
    pooledSpans,
    pooledLabelling: pooled,
  };
}
