// The agreement report for one document: sentence-level coding coefficients and span-level
// unitizing alpha and F1, with notes explaining every undefined value and questionable input.

import { OffsetConverter } from '../../shared/offsets';
import { cohenKappa, fleissKappa, krippendorffAlphaNominal, meanPairwisePercentAgreement, type CodingStudy } from './coding-measures';
import { diagnose } from './diagnostics';
import { prepareAnnotations } from './prepare-annotations';
import { labelSentences } from './sentence-labels';
import { splitSentences } from './sentence-splitter';
import { computeStructureAgreement } from './structure-agreement';
import { exactF1, overlapF1, type LabeledSpan } from './span-f1';
import type { AgreementInput, AgreementReport, Coefficient, Measured, PairCoefficient, PairF1 } from './types';
import { unitizingAlpha, type UnitizingUnit } from './unitizing-alpha';

/** Above this many annotators the pairwise lists are left empty (n(n−1)/2 pairs). */
export const MAX_PAIRWISE_ANNOTATORS = 50;

export function computeAgreement(input: AgreementInput): AgreementReport {
  const prepared = prepareAnnotations(input);
  const { annotators, spans, labels } = prepared;
  const notes = [...prepared.notes];
  const m = annotators.length;
  if (m < 2) notes.push(`Agreement needs at least 2 annotators; found ${m}${m === 1 ? ` (${annotators[0]})` : ''}.`);
  const pairwise = m <= MAX_PAIRWISE_ANNOTATORS;
  if (!pairwise) {
    notes.push(`Pairwise Cohen's kappa and F1 are not listed for more than ${MAX_PAIRWISE_ANNOTATORS} annotators (${(m * (m - 1)) / 2} pairs).`);
  }
  const pairs: Array<[number, number]> = [];
  if (pairwise) for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) pairs.push([i, j]);

  // Sentence level
  const sentences = splitSentences(input.text);
  if (sentences.length === 0) notes.push('The text has no sentences, so sentence-level coefficients are undefined.');
  const labelling = labelSentences(input.text, sentences, spans, labels);
  if (labelling.partialCover > 0 || labelling.belowHalfCover > 0) {
    notes.push(
      `Partial cover: ${labelling.partialCover} sentence value(s) took the label covering at least 50% (not all) of the sentence's non-whitespace characters, ` +
        `${labelling.belowHalfCover} became "none" because no label covered 50%.`,
    );
  }
  if (labelling.ties > 0) {
    notes.push(`${labelling.ties} sentence value(s) had labels tied for the largest cover; the label first in alphabetical order was taken.`);
  }
  const study: CodingStudy = { ratings: labelling.ratings, categoryCount: labelling.categories.length };
  const cohen: PairCoefficient[] = [];
  const cohenUndefined = new Map<string, string[]>();
  for (const [i, j] of pairs) {
    const k = sentences.length === 0 ? { value: null } : cohenKappa(labelling.ratings[i], labelling.ratings[j], study.categoryCount);
    if (k.value === null && k.reason) addToGroup(cohenUndefined, k.reason, `${annotators[i]}–${annotators[j]}`);
    cohen.push({ a: annotators[i], b: annotators[j], value: finite(k.value, notes) });
  }
  for (const [reason, names] of cohenUndefined) notes.push(`Cohen's kappa is undefined for ${listPairs(names)}: ${reason}.`);
  const sentenceMeasure = (label: string, measured: Measured): Coefficient => {
    if (m < 2 || sentences.length === 0) return null;
    if (measured.value === null && measured.reason) notes.push(`${label} is undefined: ${measured.reason}.`);
    return finite(measured.value, notes);
  };

  // Span level
  const converter = new OffsetConverter(input.text);
  const units: UnitizingUnit[] = [];
  let merged = 0;
  spans.forEach((list, rater) => {
    const result = mergeOverlapsPerLabel(list);
    merged += list.length - result.length;
    for (const s of result) {
      const begin = converter.toCodePoint(s.start);
      units.push({ rater, category: s.label, begin, length: converter.toCodePoint(s.end) - begin });
    }
  });
  if (merged > 0) {
    notes.push(`For α_u, overlapping annotations of one annotator with the same label were merged (${merged} fewer units); F1 uses them as they are.`);
  }
  const alpha = unitizingAlpha({ begin: 0, length: converter.codePointLength, raterCount: m, units });
  const alphaUByLabel: Record<string, Coefficient> = Object.create(null); // keys are label ids from data
  for (const [label, result] of alpha.byCategory) {
    if (result.alpha.value === null && result.alpha.reason) notes.push(result.alpha.reason + '.');
    alphaUByLabel[label] = finite(result.alpha.value, notes);
  }
  if (m >= 2 && alpha.overall.value === null && alpha.overall.reason) notes.push(alpha.overall.reason + '.');

  const f1: PairF1[] = [];
  const f1Undefined: string[] = [];
  for (const [i, j] of pairs) {
    const exact = exactF1(spans[i], spans[j]);
    const overlap = overlapF1(spans[i], spans[j]);
    if (exact.value === null) f1Undefined.push(`${annotators[i]}–${annotators[j]}`);
    f1.push({ a: annotators[i], b: annotators[j], exact: finite(exact.value, notes), overlap: finite(overlap.value, notes) });
  }
  if (f1Undefined.length > 0) notes.push(`Span F1 is undefined for ${listPairs(f1Undefined)}: neither annotator marked a span.`);

  notes.push(...diagnose(annotators, spans, labels, labelling, sentences.length));
  return {
    document: input.documentId,
    annotators,
    sentences: {
      count: sentences.length,
      percentAgreement: sentenceMeasure('Percent agreement', meanPairwisePercentAgreement(study)),
      cohenKappa: cohen,
      fleissKappa: sentenceMeasure("Fleiss' kappa", fleissKappa(study)),
      krippendorffAlpha: sentenceMeasure("Krippendorff's alpha", krippendorffAlphaNominal(study)),
    },
    spans: { alphaU: m < 2 ? null : finite(alpha.overall.value, notes), alphaUByLabel, f1 },
    structure: computeStructureAgreement(input, annotators, { pairwise }),
    notes,
  };
}

/** The union of same-label spans that overlap; touching spans stay separate units. */
export function mergeOverlapsPerLabel(spans: readonly LabeledSpan[]): LabeledSpan[] {
  const open = new Map<string, LabeledSpan>();
  const out: LabeledSpan[] = [];
  // spans are sorted by start, so per label only the last kept span can overlap the next one
  for (const s of spans) {
    const last = open.get(s.label);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
    } else {
      const copy = { ...s };
      out.push(copy);
      open.set(s.label, copy);
    }
  }
  return out;
}

function finite(value: Coefficient, notes: string[]): Coefficient {
  if (value === null || Number.isFinite(value)) return value;
  notes.push('A coefficient came out as a non-finite number and is reported as null; please report this input as a bug.');
  return null;
}

function addToGroup(groups: Map<string, string[]>, key: string, item: string): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}

function listPairs(names: string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${names.length} pairs (${shown}, …)` : `${names.length === 1 ? 'the pair' : `${names.length} pairs`} ${shown}`;
}
