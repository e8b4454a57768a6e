// Where annotators' spans meet, and how they differ there.
//
// A place is a maximal group of spans (of any compared annotator) connected by overlap:
// spans sharing at least one character are in the same place, and so are spans linked
// through a chain of overlaps. Touching spans ([0,5) and [5,9)) are separate places.
//
// Each place gets exactly one kind, checked in this order (the first that applies wins):
//   1. missed            – at least one compared annotator has no span in the place
//                          (even if the others also disagree on labels or extents);
//   2. boundary-conflict – everyone has spans here, but their extents differ
//                          (compared per annotator as the set of [start, end) pairs);
//   3. label-conflict    – everyone has the same extents, but the labels differ
//                          (compared per annotator as the set of [start, end, label]);
//   4. agreement         – every annotator has exactly the same spans and labels.
// The spans of the place are always listed, so a mixed case (e.g. a miss plus a label
// conflict) still shows who said what.
//
// Ids are "start-end-kind" of the place: stable while the compared annotations and the
// compared annotators stay the same, and unique because places never overlap.

import type { CompareSpan, Difference, DifferenceKind } from '../../shared/compare';

export interface Place {
  start: number;
  end: number;
  spans: CompareSpan[];
}

const bySpan = (x: CompareSpan, y: CompareSpan): number => x.start - y.start || x.end - y.end;

/** Groups spans into places (connected by overlap), in reading order. */
export function groupPlaces(spans: readonly CompareSpan[]): Place[] {
  const sorted = [...spans].sort(bySpan);
  const places: Place[] = [];
  let current: Place | null = null;
  for (const s of sorted) {
    if (current && s.start < current.end) {
      current.spans.push(s);
      current.end = Math.max(current.end, s.end);
    } else {
      current = { start: s.start, end: s.end, spans: [s] };
      places.push(current);
    }
  }
  return places;
}

export function classifyPlace(place: Place, annotatorIds: readonly string[]): DifferenceKind {
  const extents = new Map<string, Set<string>>();
  const labelled = new Map<string, Set<string>>();
  for (const s of place.spans) {
    if (!extents.has(s.annotatorId)) {
      extents.set(s.annotatorId, new Set());
      labelled.set(s.annotatorId, new Set());
    }
    extents.get(s.annotatorId)!.add(`${s.start}-${s.end}`);
    labelled.get(s.annotatorId)!.add(`${s.start}-${s.end}-${s.labelId}`);
  }
  if (annotatorIds.some((id) => !extents.has(id))) return 'missed';
  if (!allEqual([...extents.values()])) return 'boundary-conflict';
  if (!allEqual([...labelled.values()])) return 'label-conflict';
  return 'agreement';
}

function allEqual(sets: Array<Set<string>>): boolean {
  const [first, ...rest] = sets;
  return rest.every((s) => s.size === first.size && [...s].every((x) => first.has(x)));
}

export const differenceId = (start: number, end: number, kind: DifferenceKind): string => `${start}-${end}-${kind}`;

/**
 * The differences of one document. `spans` must belong to `annotatorIds` only; they are
 * listed per difference in the order of `annotatorIds`, then by position.
 */
export function buildDifferences(spans: readonly CompareSpan[], annotatorIds: readonly string[]): Difference[] {
  const order = new Map(annotatorIds.map((id, k) => [id, k]));
  return groupPlaces(spans).map((place) => {
    const kind = classifyPlace(place, annotatorIds);
    const listed = [...place.spans].sort((x, y) => (order.get(x.annotatorId) ?? 0) - (order.get(y.annotatorId) ?? 0) || bySpan(x, y));
    return { id: differenceId(place.start, place.end, kind), kind, start: place.start, end: place.end, spans: listed, settled: false };
  });
}
