import { useCallback, useMemo } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import type { AttributeValues, Relation, RelationKind } from '../../../shared/claim-structure';
import type { Annotation } from '../../../shared/types';
import { useStore, type ClaimtagStore } from '../store/claimtag-store';
import { clip, type useWorkbench } from './use-workbench';
import { liveRelations } from './claim-links';
import { structureApi } from './structure-calls';

const NO_RELATIONS: Relation[] = [];
const KIND_NAME: Record<RelationKind, string> = { source: 'source', cue: 'cue' };

/**
 * The open document's claim structure (#20): links from claims to source and cue spans, and
 * attribute values. Each change is one call to the core; the row it returns goes into the store.
 */
export function useClaimStructure(api: ClaimtagApi, store: ClaimtagStore, wb: ReturnType<typeof useWorkbench>, documentId: string) {
  const calls = useMemo(() => structureApi(api), [api]);
  const stored = useStore(store, (s) => (s.open?.documentId === documentId ? s.open.relations : NO_RELATIONS));
  const relations = useMemo(() => liveRelations(stored, wb.annotations), [stored, wb.annotations]);
  const { persist, notify, upsert, create } = wb;

  /** Links a claim to an existing source or cue span. */
  const link = useCallback(
    async (claim: Annotation, target: Annotation, kind: RelationKind) => {
      if (relations.some((r) => r.claimId === claim.id && r.targetId === target.id)) {
        notify(`“${clip(target.quote, 40)}” is already this claim’s ${KIND_NAME[kind]}.`);
        return null;
      }
      const made = await persist(() => calls.linkAnnotations({ claimId: claim.id, targetId: target.id }));
      if (!made) return null;
      store.applyRelation(made);
      notify(`Linked “${clip(claim.quote, 40)}” to its ${KIND_NAME[kind]} “${clip(target.quote, 40)}”.`);
      return made;
    },
    [calls, notify, persist, relations, store],
  );

  /** Marks [start, end) with `labelId` (or reuses her span there) and links the claim to it. */
  const markAndLink = useCallback(
    async (claim: Annotation, kind: RelationKind, labelId: string, start: number, end: number) => {
      const target = await create(labelId, start, end, { select: false });
      if (!target) return null;
      return link(claim, target, kind);
    },
    [create, link],
  );

  const unlink = useCallback(
    async (relation: Relation) => {
      const removed = await persist(() => calls.unlinkAnnotations({ id: relation.id }));
      if (!removed) return;
      store.applyRelation({ ...removed, deletedAt: removed.deletedAt ?? new Date().toISOString() });
      notify(`Removed the ${KIND_NAME[relation.kind]} link.`);
    },
    [calls, notify, persist, store],
  );

  /** Sets (or, with null, clears) one attribute value: one call. */
  const setAttribute = useCallback(
    async (annotation: Annotation, key: string, value: AttributeValues[string] | null) => {
      const updated = await persist(() => calls.setAnnotationAttribute({ id: annotation.id, key, value }));
      if (updated) upsert(updated);
      return updated;
    },
    [calls, persist, upsert],
  );

  return { relations, link, markAndLink, unlink, setAttribute };
}

export type ClaimStructure = ReturnType<typeof useClaimStructure>;
