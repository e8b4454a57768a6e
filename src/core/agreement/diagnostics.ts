// Warnings about data that makes coefficients hard to read, in the spirit of INCEpTION's
// agreement page: too few units, one dominant category, annotators using labels very unevenly.

import type { SentenceLabelling } from './sentence-labels';
import type { LabeledSpan } from './span-f1';

export const FEW_UNITS = 10;
export const DOMINANT_SHARE = 0.9;
/** A label is used unevenly when one annotator uses it UNEVEN_RATIO times as often as another … */
export const UNEVEN_RATIO = 3;
/** … and at least UNEVEN_MIN_DIFFERENCE times more. */
export const UNEVEN_MIN_DIFFERENCE = 5;

const percent = (x: number): string => `${Math.round(x * 1000) / 10}%`;

export function diagnose(annotators: readonly string[], spans: readonly (readonly LabeledSpan[])[], labels: readonly string[], sentences: SentenceLabelling, sentenceCount: number): string[] {
  const notes: string[] = [];
  if (sentenceCount > 0 && sentenceCount < FEW_UNITS) {
    notes.push(`Only ${sentenceCount} sentence${sentenceCount === 1 ? '' : 's'}: sentence-level coefficients are unstable with fewer than ${FEW_UNITS} units.`);
  }
  const spanCount = spans.reduce((n, list) => n + list.length, 0);
  if (spanCount > 0 && spanCount < FEW_UNITS) {
    notes.push(`Only ${spanCount} annotation${spanCount === 1 ? '' : 's'}: span-level coefficients are unstable with so few units.`);
  }

  if (annotators.length >= 2 && sentenceCount > 0) {
    const totals = new Float64Array(sentences.categories.length);
    for (const ratings of sentences.ratings) for (const v of ratings) totals[v]++;
    const all = sentenceCount * annotators.length;
    for (let k = 0; k < totals.length; k++) {
      if (totals[k] / all > DOMINANT_SHARE && totals[k] < all) {
        const name = k === 0 ? 'none (no label)' : `"${sentences.categories[k]}"`;
        notes.push(
          `Sentence value ${name} makes up ${percent(totals[k] / all)} of all sentence values: with one dominant category, kappa and alpha can be low although percent agreement is high.`,
        );
      }
    }
  }

  if (annotators.length >= 2 && spanCount > 0) {
    const idle = annotators.filter((_, k) => spans[k].length === 0);
    if (idle.length > 0) notes.push(`No annotations from ${idle.join(', ')}: they count as having marked nothing.`);
    if (labels.length >= 2) {
      const perLabel = new Map<string, number>();
      for (const list of spans) for (const s of list) perLabel.set(s.label, (perLabel.get(s.label) ?? 0) + 1);
      for (const [label, n] of perLabel) {
        if (n / spanCount > DOMINANT_SHARE) notes.push(`Label "${label}" accounts for ${percent(n / spanCount)} of all annotations.`);
      }
    }
    for (const label of labels) {
      const counts = spans.map((list) => list.reduce((n, s) => n + (s.label === label ? 1 : 0), 0));
      const max = Math.max(...counts);
      const min = Math.min(...counts);
      if (max >= UNEVEN_RATIO * min && max - min >= UNEVEN_MIN_DIFFERENCE) {
        const most = annotators[counts.indexOf(max)];
        const least = annotators[counts.indexOf(min)];
        notes.push(`Label "${label}" is used very unevenly: ${most} ${max} times, ${least} ${min} times.`);
      }
    }
  }
  return notes;
}
