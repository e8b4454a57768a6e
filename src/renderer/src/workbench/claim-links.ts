// Reading the claim structure of the open document (#20): which spans a claim is linked to, which
// claims a source backs, and what each annotation's label marks. Pure, so the panel, the outlines
// and the margin marks all derive the same answer from the store's rows.

import type { LabelRole, Relation, RelationKind } from '../../../shared/claim-structure';
import type { Annotation, Label } from '../../../shared/types';

export const roleOf = (labels: readonly Label[], labelId: string): LabelRole => labels.find((l) => l.id === labelId)?.role ?? 'claim';

/** The active labels that mark spans of `kind` (source or cue). */
export const labelsFor = (labels: readonly Label[], kind: RelationKind): Label[] => labels.filter((l) => !l.archived && l.role === kind);

export interface LinkedSpan {
  relation: Relation;
  annotation: Annotation;
}

export interface ClaimLinks {
  /** For a claim: its sources and cues. */
  sources: LinkedSpan[];
  cues: LinkedSpan[];
  /** For a source or cue: the claims it is linked from. */
  claims: LinkedSpan[];
}

const NONE: ClaimLinks = { sources: [], cues: [], claims: [] };

/** Relations whose two ends are both shown (a deleted end hides its links until it is restored). */
export function liveRelations(relations: readonly Relation[], annotations: readonly Annotation[]): Relation[] {
  const ids = new Set(annotations.map((a) => a.id));
  return relations.filter((r) => !r.deletedAt && ids.has(r.claimId) && ids.has(r.targetId));
}

/** What `annotation` is linked to, from either end, in reading order. */
export function linksOf(annotation: Annotation | null, relations: readonly Relation[], annotations: readonly Annotation[]): ClaimLinks {
  if (!annotation) return NONE;
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const out: ClaimLinks = { sources: [], cues: [], claims: [] };
  for (const r of relations) {
    if (r.deletedAt) continue;
    if (r.claimId === annotation.id) {
      const target = byId.get(r.targetId);
      if (target) (r.kind === 'source' ? out.sources : out.cues).push({ relation: r, annotation: target });
    } else if (r.targetId === annotation.id) {
      const claim = byId.get(r.claimId);
      if (claim) out.claims.push({ relation: r, annotation: claim });
    }
  }
  const order = (x: LinkedSpan, y: LinkedSpan) => x.annotation.start - y.annotation.start || x.annotation.end - y.annotation.end;
  out.sources.sort(order);
  out.cues.sort(order);
  out.claims.sort(order);
  return out;
}

/** The spans to outline when `annotation` is selected or hovered: what it links to or from. */
export function outlinedSpans(links: ClaimLinks): Array<{ annotation: Annotation; kind: RelationKind | 'claim' }> {
  return [
    ...links.sources.map((s) => ({ annotation: s.annotation, kind: 'source' as const })),
    ...links.cues.map((s) => ({ annotation: s.annotation, kind: 'cue' as const })),
    ...links.claims.map((s) => ({ annotation: s.annotation, kind: 'claim' as const })),
  ];
}

/** Candidates for linking a claim of `annotatorId`: her own spans of the kind's labels, in reading order. */
export function candidatesFor(kind: RelationKind, annotatorId: string, annotations: readonly Annotation[], labels: readonly Label[]): Annotation[] {
  const ids = new Set(labels.filter((l) => l.role === kind).map((l) => l.id));
  return annotations.filter((a) => a.annotatorId === annotatorId && ids.has(a.labelId));
}
