// Validates an AgreementInput and groups its usable annotations by annotator. Unusable
// annotations are dropped and counted in a note, so one bad record cannot sink a report;
// only input that is not an AgreementInput at all, or too many annotators, throws.

import { AppFailure } from '../../shared/result';
import { splitsSurrogatePair } from '../../shared/offsets';
import type { AgreementInput } from '../../shared/agreement';
import type { LabeledSpan } from './span-f1';

/** Beyond this the pairwise tables alone would hold hundreds of thousands of entries. */
export const MAX_ANNOTATORS = 1000;

export interface PreparedAnnotations {
  annotators: string[];
  /** spans[k] belong to annotators[k]; valid, without exact duplicates, sorted by start, end, label. */
  spans: LabeledSpan[][];
  /** Labels used by the compared annotators, sorted by code unit order. */
  labels: string[];
  notes: string[];
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const bySpan = (x: LabeledSpan, y: LabeledSpan): number => x.start - y.start || x.end - y.end || byCodeUnits(x.label, y.label);

export function prepareAnnotations(input: AgreementInput): PreparedAnnotations {
  if (typeof input !== 'object' || input === null || typeof input.text !== 'string' || !Array.isArray(input.annotations)) {
    throw new AppFailure({ code: 'invalid-input', message: 'Agreement input needs a text and a list of annotations.' });
  }
  const notes: string[] = [];
  const annotators = chooseAnnotators(input, notes);
  if (annotators.length > MAX_ANNOTATORS) {
    throw new AppFailure({
      code: 'too-large',
      message: `Agreement can compare at most ${MAX_ANNOTATORS} annotators; this document has ${annotators.length}.`,
    });
  }
  const index = new Map(annotators.map((name, k) => [name, k]));
  const spans: LabeledSpan[][] = annotators.map(() => []);
  const dropped = { malformed: 0, unlisted: 0, outside: 0, empty: 0, surrogate: 0, duplicate: 0 };
  const examples: Partial<Record<keyof typeof dropped, string>> = {};
  const drop = (reason: keyof typeof dropped, a: unknown): void => {
    dropped[reason]++;
    examples[reason] ??= describe(a);
  };
  const { text } = input;
  for (const a of input.annotations as unknown[]) {
    if (!isAnnotationShaped(a)) {
      drop('malformed', a);
      continue;
    }
    const k = index.get(a.annotator);
    if (k === undefined) drop('unlisted', a);
    else if (!Number.isInteger(a.start) || !Number.isInteger(a.end) || a.start < 0 || a.end > text.length) drop('outside', a);
    else if (a.start >= a.end) drop('empty', a);
    else if (splitsSurrogatePair(text, a.start) || splitsSurrogatePair(text, a.end)) drop('surrogate', a);
    else spans[k].push({ label: a.label, start: a.start, end: a.end });
  }
  annotators.forEach((name, k) => {
    const list = spans[k].sort(bySpan);
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      if (kept > 0 && bySpan(list[kept - 1], list[i]) === 0) drop('duplicate', { annotator: name, ...list[i] });
      else list[kept++] = list[i];
    }
    list.length = kept;
  });
  const explain: Record<keyof typeof dropped, string> = {
    malformed: 'no annotator, label or numeric offsets',
    unlisted: 'annotator not in the requested list',
    outside: `offsets not integers within the text (0–${text.length})`,
    empty: 'start >= end',
    surrogate: 'offset splits a surrogate pair (half a character)',
    duplicate: 'exact repeat of the same annotator\'s annotation',
  };
  for (const reason of Object.keys(dropped) as Array<keyof typeof dropped>) {
    const n = dropped[reason];
    if (n > 0) notes.push(`Ignored ${n} annotation${n === 1 ? '' : 's'} (${explain[reason]}), e.g. ${examples[reason]}.`);
  }
  const labels = new Set<string>();
  for (const list of spans) for (const s of list) labels.add(s.label);
  return { annotators, spans, labels: [...labels].sort(byCodeUnits), notes };
}

function chooseAnnotators(input: AgreementInput, notes: string[]): string[] {
  if (input.annotators === undefined) {
    const found = new Set<string>();
    for (const a of input.annotations as unknown[]) if (isAnnotationShaped(a)) found.add(a.annotator);
    return [...found].sort(byCodeUnits);
  }
  if (!Array.isArray(input.annotators) || input.annotators.some((name) => typeof name !== 'string' || name === '')) {
    throw new AppFailure({ code: 'invalid-input', message: 'The annotator list must contain non-empty names only.' });
  }
  const unique = [...new Set(input.annotators)];
  if (unique.length < input.annotators.length) notes.push('The annotator list named some annotators more than once; each is compared once.');
  return unique;
}

function describe(a: unknown): string {
  if (isAnnotationShaped(a)) return `${a.annotator}/${a.label} [${a.start}, ${a.end})`;
  return JSON.stringify(a)?.slice(0, 80) ?? String(a);
}

function isAnnotationShaped(a: unknown): a is { annotator: string; label: string; start: number; end: number } {
  if (typeof a !== 'object' || a === null) return false;
  const r = a as Record<string, unknown>;
  return (
    typeof r.annotator === 'string' && r.annotator !== '' && typeof r.label === 'string' && r.label !== '' &&
    typeof r.start === 'number' && typeof r.end === 'number'
  );
}
