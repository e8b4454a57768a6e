import { useCallback, useMemo } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import type { AttributeValues, Relation, RelationKind } from '../../../shared/claim-structure';
import type { Annotation } from '../../../shared/types';
import { useStore, type ClaimtagStore } from '../store/claimtag-store';
import { clip, type useWorkbench } from './use-workbench';
import { liveRelations } from './claim-links';

const NO_RELATIONS: Relation[] = [];

/**
 * The open document's claim structure (#20): links from claims to source and cue spans, and
 * attribute values. Each change is one call to the core; the rows it returns go into the store.
 */
export function useClaimStructure(api: ClaimtagApi, store: ClaimtagStore, wb: ReturnType<typeof useWorkbench>, documentId: string) {
  const stored = useStore(store, (s) => (s.open?.documentId === documentId ? s.open.relations : NO_RELATIONS));
  const relations = useMemo(() => liveRelations(stored, wb.annotations), [stored, wb.annotations]);
  const { persist, notify, upsert, record, annotations } = wb;

  /** Links a claim to her existing span (`target`), or to a span of `labelId` the same call marks. */
  const link = useCallback(
    async (claim: Annotation, kind: RelationKind, target: Annotation | { labelId: string; start: number; end: number }) => {
      if ('id' in target && relations.some((r) => r.claimId === claim.id && r.targetId === target.id)) {
        notify(`“${clip(target.quote, 40)}” is already this claim’s ${kind}.`);
        return null;
      }
      const made = await persist(() => api.linkClaim('id' in target ? { claimId: claim.id, targetId: target.id } : { claimId: claim.id, target }));
      if (!made) return null;
      const madeTarget = !annotations.some((a) => a.id === made.target.id);
      upsert(made.target);
      store.applyRelation(made.relation);
      record({ kind: 'link', relation: made.relation, target: made.target, madeTarget });
      notify(`Linked “${clip(claim.quote, 40)}” to its ${kind} “${clip(made.target.quote, 40)}”.`);
      return made;
    },
    [api, notify, persist, relations, store, upsert, record, annotations],
  );

  const unlink = useCallback(
    async (relation: Relation) => {
      const removed = await persist(() => api.unlinkClaim({ id: relation.id }));
      if (!removed) return;
      store.applyRelation({ ...removed, deletedAt: removed.deletedAt ?? new Date().toISOString() });
      const target = annotations.find((a) => a.id === relation.targetId);
      if (target) record({ kind: 'unlink', relation, target });
      notify(`Removed the ${relation.kind} link.`);
    },
    [api, notify, persist, store, record, annotations],
  );

  /** Sets (or, with null, clears) one attribute value: one call carrying the annotation's values. */
  const setAttribute = useCallback(
    async (annotation: Annotation, key: string, value: AttributeValues[string] | null) => {
      const values: AttributeValues = { ...(annotation.attributes ?? {}) };
      if (value === null || (Array.isArray(value) && value.length === 0) || value === '') delete values[key];
      else values[key] = value;
      const updated = await persist(() => api.setAnnotationAttributes({ id: annotation.id, values }));
      if (updated) {
        upsert(updated);
        record({ kind: 'attributes', id: annotation.id, before: annotation.attributes ?? {}, after: updated.attributes ?? {} });
      }
      return updated;
    },
    [api, persist, upsert, record],
  );

  return { relations, link, unlink, setAttribute };
}

export type ClaimStructure = ReturnType<typeof useClaimStructure>;
