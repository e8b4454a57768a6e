import type { Annotation } from '../../../shared/types';

/**
 * The annotation a click at `offset` selects. Overlapping annotations are ordered
 * innermost first; clicking again on the same place moves to the next one out, so
 * every layer of a claim-inside-a-claim can be reached.
 */
export function pickAnnotationAt(annotations: readonly Annotation[], offset: number, currentId: string | null): Annotation | null {
  const hits = annotations
    .filter((a) => a.start <= offset && offset < a.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  if (hits.length === 0) return null;
  const i = hits.findIndex((a) => a.id === currentId);
  return hits[(i + 1) % hits.length];
}
