// The compare result for one document: differences, confusion matrices, the agreement
// report (from ../agreement), and the state of the reference version.

import type { AdjudicationDecision, CompareResult, CompareSpan, Difference } from '../../shared/compare';
import { AppFailure } from '../../shared/result';
import type { Annotation } from '../../shared/types';
import { computeAgreement, MAX_PAIRWISE_ANNOTATORS } from '../agreement';
import type { Library } from '../store/library';
import { buildConfusion } from './confusion';
import { buildDifferences } from './differences';
import { findReferenceAnnotator, readDecisions } from './reference';

export interface CompareOptions {
  documentId: string;
  /** Default: everyone with live annotations on the document, except the reference. */
  annotatorIds?: string[];
}

export const toCompareSpan = (a: Annotation): CompareSpan => ({
  annotationId: a.id,
  annotatorId: a.annotatorId,
  annotatorName: a.annotatorName,
  labelId: a.labelId,
  start: a.start,
  end: a.end,
  quote: a.quote,
});

const overlaps = (s: { start: number; end: number }, d: { start: number; end: number }): boolean => s.start < d.end && d.start < s.end;

/** A place has a reference decision when a reference span or a rejection overlaps it. */
export function isSettled(d: { start: number; end: number }, reference: readonly CompareSpan[], decisions: readonly AdjudicationDecision[]): boolean {
  return reference.some((r) => overlaps(r, d)) || decisions.some((x) => x.kind === 'reject' && overlaps(x, d));
}

export function compareDocument(library: Library, options: CompareOptions): CompareResult {
  const document = library.documents.get(options.documentId);
  const all = library.annotations.listForDocument(document.id);
  const reference = findReferenceAnnotator(library);
  const referenceSpans = reference ? all.filter((a) => a.annotatorId === reference.id).map(toCompareSpan) : [];

  // Everyone with live annotations here, in name order (reference excluded).
  const counts = new Map<string, number>();
  for (const a of all) counts.set(a.annotatorId, (counts.get(a.annotatorId) ?? 0) + 1);
  const available = library.annotators
    .list()
    .filter((a) => counts.has(a.id) && a.id !== reference?.id)
    .map((a) => ({ id: a.id, name: a.name, count: counts.get(a.id) ?? 0 }));

  let chosen: Array<{ id: string; name: string }>;
  if (options.annotatorIds) {
    const unique = [...new Set(options.annotatorIds)];
    chosen = unique.map((id) => library.annotators.get(id)); // throws not-found
  } else {
    chosen = available;
  }
  const names = uniqueNames(chosen.map((a) => a.name));
  const annotators = chosen.map((a, k) => ({ id: a.id, name: names[k], count: counts.get(a.id) ?? 0 }));
  const ids = annotators.map((a) => a.id);
  const wanted = new Set(ids);
  const nameOf = new Map(annotators.map((a) => [a.id, a.name]));

  const spans = all.filter((a) => wanted.has(a.annotatorId)).map(toCompareSpan);
  const decisions = readDecisions(library, document.id);
  const differences: Difference[] = buildDifferences(spans, ids).map((d) => ({ ...d, settled: isSettled(d, referenceSpans, decisions) }));
  const labelOrder = library.labels.list().map((l) => l.id);
  const confusion = buildConfusion(differences, ids, labelOrder, MAX_PAIRWISE_ANNOTATORS);

  const report = computeAgreement({
    documentId: document.id,
    text: document.text,
    annotations: all
      .filter((a) => wanted.has(a.annotatorId))
      .map((a) => ({ id: a.id, annotator: nameOf.get(a.annotatorId)!, label: a.labelId, start: a.start, end: a.end, attributes: a.attributes })),
    annotators: annotators.map((a) => a.name),
    labels: library.labels.list(),
    relations: library.relations
      .listForDocument(document.id)
      .filter((r) => wanted.has(r.annotatorId))
      .map((r) => ({ annotator: nameOf.get(r.annotatorId)!, kind: r.kind, claimId: r.claimId, targetId: r.targetId })),
  });
  if (annotators.length > MAX_PAIRWISE_ANNOTATORS) {
    report.notes.push(`Confusion matrices are not listed for more than ${MAX_PAIRWISE_ANNOTATORS} annotators.`);
  }
  if (options.annotatorIds === undefined && available.length < 2) {
    report.notes.push(
      available.length === 0
        ? 'Nobody has tagged this document yet; import a colleague\'s claimtag JSON to compare.'
        : `Only ${available[0].name} has tagged this document; import a colleague's claimtag JSON to compare.`,
    );
  }

  const referenceHere = referenceSpans.length > 0 || decisions.length > 0;
  return {
    documentId: document.id,
    annotators,
    available,
    report,
    differences,
    confusion,
    referenceAnnotatorId: reference && referenceHere ? reference.id : null,
    reference: referenceSpans,
    decisions,
  };
}

/** Makes names unique for the report: the second "Ana" becomes "Ana (2)". */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let k = 2; taken.has(candidate); k++) candidate = `${name} (${k})`;
    taken.add(candidate);
    return candidate;
  });
}

export function requireDifference(result: CompareResult, differenceId: string): Difference {
  const d = result.differences.find((x) => x.id === differenceId);
  if (!d) {
    throw new AppFailure({
      code: 'not-found',
      message: 'That difference is no longer there (the annotations changed); the comparison has been refreshed.',
    });
  }
  return d;
}
