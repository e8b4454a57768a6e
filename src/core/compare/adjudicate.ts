// Writing the reference version: settle one difference (accept a side, reject, or a new
// span), or copy every span enough annotators agree on. Each call is one transaction.

import type { CompareResult, CompareSpan } from '../../shared/compare';
import { AppFailure } from '../../shared/result';
import type { Annotation } from '../../shared/types';
import type { Library } from '../store/library';
import { compareDocument, requireDifference } from './compare-document';
import { appendDecisions, decisionLine, ensureReferenceAnnotator } from './reference';

export type Decision = { kind: 'accept'; annotationId: string } | { kind: 'reject' } | { kind: 'new'; labelId: string; start: number; end: number };

export interface AdjudicateInput {
  documentId: string;
  differenceId: string;
  decision: Decision;
  reason?: string;
  annotatorIds?: string[];
}

export interface Decider {
  id: string;
  name: string;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

function requireDecider(decider: Decider | null): Decider {
  if (!decider) throw new AppFailure({ code: 'conflict', message: 'Enter your name before adjudicating, so decisions are attributed to you.' });
  return decider;
}

const withLine = (note: string, line: string): string => (note.trim() ? `${note.trimEnd()}\n${line}` : line);

export function adjudicate(library: Library, input: AdjudicateInput, who: Decider | null): CompareResult {
  const decider = requireDecider(who);
  const options = { documentId: input.documentId, annotatorIds: input.annotatorIds };
  library.transaction(() => {
    const before = compareDocument(library, options);
    const place = requireDifference(before, input.differenceId);
    const reference = ensureReferenceAnnotator(library);
    const text = library.documents.textOf(input.documentId);
    const line = decisionLine(decider.name, input.reason);
    const { decision } = input;

    // Validate before touching anything.
    let source: Annotation | null = null;
    if (decision.kind === 'accept') {
      if (!place.spans.some((s) => s.annotationId === decision.annotationId)) {
        throw new AppFailure({ code: 'not-found', message: 'That annotation is not one of the spans in this difference.' });
      }
      source = library.annotations.get(decision.annotationId);
    } else if (decision.kind === 'new') {
      const label = library.labels.find(decision.labelId);
      if (!label) throw new AppFailure({ code: 'not-found', message: `There is no label "${decision.labelId}" in this tag set.` });
      if (label.archived) throw new AppFailure({ code: 'conflict', message: `The label "${label.name}" is archived.` });
      if (!overlaps(decision, place)) {
        throw new AppFailure({ code: 'invalid-input', message: 'The new span must overlap the difference it settles.' });
      }
    }

    for (const r of before.reference) if (overlaps(r, place)) library.annotations.softDelete(r.annotationId);

    if (source) {
      library.annotations.add(
        {
          documentId: input.documentId,
          annotatorId: reference.id,
          labelId: source.labelId,
          start: source.start,
          end: source.end,
          note: withLine(source.note, line),
          attribution: source.attribution,
          confidence: source.confidence,
        },
        text,
      );
    } else if (decision.kind === 'new') {
      library.annotations.add(
        { documentId: input.documentId, annotatorId: reference.id, labelId: decision.labelId, start: decision.start, end: decision.end, note: line },
        text,
      );
    }
    const extent = decision.kind === 'new' ? { start: Math.min(place.start, decision.start), end: Math.max(place.end, decision.end) } : place;
    const decided = source
      ? { labelId: source.labelId, span: { start: source.start, end: source.end }, source: source.annotatorName }
      : decision.kind === 'new'
        ? { labelId: decision.labelId, span: { start: decision.start, end: decision.end } }
        : {};
    appendDecisions(library, input.documentId, [
      { kind: decision.kind, start: extent.start, end: extent.end, ...decided, by: decider.name, reason: input.reason?.trim() ?? '', at: new Date().toISOString() },
    ]);
  });
  return compareDocument(library, options);
}

export interface AutoMergeInput {
  documentId: string;
  minAgreeing: number;
  annotatorIds?: string[];
}

/**
 * Copies into the reference every span (same start, end and label) marked by at least
 * `minAgreeing` of the compared annotators. Places that already have a reference decision
 * (a reference span or a rejection) are skipped, so a human decision is never overwritten;
 * a span already in the reference is never added twice.
 */
export function autoMerge(library: Library, input: AutoMergeInput, who: Decider | null): { result: CompareResult; merged: number } {
  const decider = requireDecider(who);
  const options = { documentId: input.documentId, annotatorIds: input.annotatorIds };
  const merged = library.transaction(() => {
    const before = compareDocument(library, options);
    const m = before.annotators.length;
    const candidates: Array<{ spans: CompareSpan[]; agreeing: number }> = [];
    for (const d of before.differences) {
      if (d.settled) continue;
      const groups = new Map<string, CompareSpan[]>();
      for (const s of d.spans) {
        const key = `${s.start}-${s.end}-${s.labelId}`;
        const list = groups.get(key);
        if (list) list.push(s);
        else groups.set(key, [s]);
      }
      for (const spans of groups.values()) {
        const agreeing = new Set(spans.map((s) => s.annotatorId)).size;
        if (agreeing >= input.minAgreeing) candidates.push({ spans, agreeing });
      }
    }
    if (candidates.length === 0) return 0;
    const reference = ensureReferenceAnnotator(library);
    const text = library.documents.textOf(input.documentId);
    const at = new Date().toISOString();
    let added = 0;
    for (const { spans, agreeing } of candidates) {
      const first = spans[0];
      if (library.annotations.findSame(input.documentId, reference.id, first.labelId, first.start, first.end)) continue;
      const sources = spans.map((s) => library.annotations.get(s.annotationId));
      const same = <T>(pick: (a: Annotation) => T): T | undefined => (sources.every((a) => pick(a) === pick(sources[0])) ? pick(sources[0]) : undefined);
      library.annotations.add(
        {
          documentId: input.documentId,
          annotatorId: reference.id,
          labelId: first.labelId,
          start: first.start,
          end: first.end,
          note: decisionLine(decider.name, `auto-merge, ${agreeing} of ${m} annotators agreed exactly`),
          attribution: same((a) => a.attribution) ?? '',
          confidence: same((a) => a.confidence) ?? null,
        },
        text,
      );
      added++;
    }
    appendDecisions(
      library,
      input.documentId,
      candidates.map(({ spans, agreeing }) => ({
        kind: 'auto-merge' as const,
        start: spans[0].start,
        end: spans[0].end,
        labelId: spans[0].labelId,
        span: { start: spans[0].start, end: spans[0].end },
        by: decider.name,
        reason: `${agreeing} of ${m} agreed`,
        at,
      })),
    );
    return added;
  });
  return { result: compareDocument(library, options), merged };
}
