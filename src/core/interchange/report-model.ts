// What the HTML and Markdown reports have in common: label badges (the app's), coverage statistics,
// claim numbering and date formatting.
import type { OffsetConverter } from '../../shared/offsets';
import type { Annotation, Label } from '../../shared/types';
import { computeAgreement } from '../agreement';
import type { DocumentExport } from './export-selection';

/** Badges as the app draws them (one rule: src/shared/label-badge.ts). */
export { labelBadges } from '../../shared/label-badge';

export interface LabelStats {
  label: Label;
  count: number;
  /** Code points covered by at least one claim with this label. */
  covered: number;
}

export interface DocumentStats {
  perLabel: LabelStats[];
  /** Code points covered by any claim. */
  covered: number;
  length: number;
}

export function documentStats(annotations: readonly Annotation[], labels: readonly Label[], offsets: OffsetConverter): DocumentStats {
  const perLabel = labels
    .map((label) => {
      const mine = annotations.filter((a) => a.labelId === label.id);
      return { label, count: mine.length, covered: coveredCodePoints(mine, offsets) };
    })
    .filter((s) => s.count > 0);
  return { perLabel, covered: coveredCodePoints(annotations, offsets), length: offsets.codePointLength };
}

function coveredCodePoints(annotations: readonly Annotation[], offsets: OffsetConverter): number {
  const spans = annotations.map((a) => [a.start, a.end] as const).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let from = -1;
  let to = -1;
  for (const [s, e] of spans) {
    if (s > to) {
      if (to > from) total += offsets.toCodePoint(to) - offsets.toCodePoint(from);
      from = s;
      to = e;
    } else if (e > to) to = e;
  }
  if (to > from) total += offsets.toCodePoint(to) - offsets.toCodePoint(from);
  return total;
}

export const percent = (part: number, whole: number): string => (whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`);

/** "2025-01-31" for an ISO timestamp, the input itself when it is not one. */
export const formatDay = (iso: string): string => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso);

/** "2025-01-31 14:05 UTC". */
export function formatMoment(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const confidenceText = (a: Annotation): string => a.confidence ?? '';

/** Distinct annotator names in order of appearance. */
export const annotatorNames = (annotations: readonly Annotation[], nameOf: (a: Annotation) => string): string[] => [...new Set(annotations.map(nameOf))];

export const plural = (n: number, word: string): string => (n === 1 ? word : `${word}s`);

/**
 * One line on how far the annotators of a document agree, for reports that show several:
 * Krippendorff's unitizing α over the spans and the mean pairwise overlap F1.
 */
export function agreementSummary(d: DocumentExport, nameOf: (a: Annotation) => string): string | null {
  const report = computeAgreement({
    documentId: d.document.id,
    text: d.document.text,
    annotations: d.annotations.map((a) => ({ annotator: nameOf(a), label: a.labelId, start: a.start, end: a.end })),
  });
  if (report.annotators.length < 2) return null;
  const f1s = report.spans.f1.map((p) => p.overlap).filter((v): v is number => v !== null);
  const parts = [`Agreement between ${report.annotators.length} annotators: Krippendorff's unitizing α ${formatCoefficient(report.spans.alphaU)}`];
  if (f1s.length > 0) parts.push(`mean pairwise span F1 (overlap) ${formatCoefficient(f1s.reduce((s, v) => s + v, 0) / f1s.length)}`);
  return `${parts.join('; ')}.`;
}

const formatCoefficient = (v: number | null): string => (v === null ? 'undefined for these spans' : v.toFixed(2));
