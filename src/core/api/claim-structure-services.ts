// Claims with structure (#20): linking a claim to its source and cue spans, and the values of
// its label's attributes. Only the current analyst's own live annotations are linked or given
// values; colleagues' links are read like their annotations (hidden while blind).
import type { ApiServices } from '../../shared/contract';
import { RELATION_KINDS, type LabelRole, type Relation, type RelationKind } from '../../shared/claim-structure';
import { checkAttributeValues, problemDetails, valuesThatStillHold } from '../../shared/attribute-rules';
import { AppFailure } from '../../shared/result';
import type { Annotation, Annotator, Label } from '../../shared/types';
import { nowIso } from '../store/ids';
import type { Library } from '../store/library';
import type { AnnotationPatch } from '../store/annotations-repo';
import { currentAnnotatorOf, notYoursFailure, othersHidden, requireCurrentAnnotator } from '../ownership/ownership';
import { requireUsableLabel } from './label-lookup';

type ClaimStructureServices = Pick<ApiServices, 'linkClaim' | 'unlinkClaim' | 'listRelations' | 'setAnnotationAttributes'>;

const roleOf = (label: Pick<Label, 'role'> | null): LabelRole => label?.role ?? 'claim';
const isKind = (role: LabelRole): role is RelationKind => (RELATION_KINDS as readonly string[]).includes(role);

/** The annotation, when it is the analyst's own and live; refused otherwise, with the reason. */
function requireOwnLive(library: Library, id: string, me: Annotator, what: string): Annotation {
  const annotation = library.annotations.get(id);
  if (annotation.annotatorId !== me.id) throw notYoursFailure(library, annotation, me);
  if (annotation.deletedAt) throw new AppFailure({ code: 'conflict', message: `That ${what} was deleted; undo the deletion first.` });
  return annotation;
}

/** Links `claim` to `target` (checked: same document, roles), or returns the live link already there. */
function link(library: Library, claim: Annotation, target: Annotation): Relation {
  if (claim.documentId !== target.documentId) {
    throw new AppFailure({ code: 'invalid-input', message: 'A claim can only be linked to a span in the same article.' });
  }
  if (claim.id === target.id) throw new AppFailure({ code: 'invalid-input', message: 'A claim cannot be linked to itself.' });
  const claimLabel = library.labels.find(claim.labelId);
  if (roleOf(claimLabel) !== 'claim') {
    throw new AppFailure({ code: 'invalid-input', message: `“${claimLabel?.name ?? claim.labelId}” marks a ${roleOf(claimLabel)}, not a claim; select the claim first, then link its source or cue.` });
  }
  const targetLabel = library.labels.find(target.labelId);
  const kind = roleOf(targetLabel);
  if (!isKind(kind)) {
    throw new AppFailure({ code: 'invalid-input', message: `“${targetLabel?.name ?? target.labelId}” marks a claim; link a claim to a span tagged as a source or a cue.` });
  }
  return (
    library.relations.findLive(claim.id, kind, target.id) ??
    library.relations.add({ documentId: claim.documentId, annotatorId: claim.annotatorId, kind, claimId: claim.id, targetId: target.id })
  );
}

export function createClaimStructureServices(library: Library): ClaimStructureServices {
  return {
    linkClaim(input) {
      const me = requireCurrentAnnotator(library);
      return library.transaction(() => {
        const claim = requireOwnLive(library, input.claimId, me, 'claim');
        let target: Annotation;
        if ('targetId' in input) target = requireOwnLive(library, input.targetId, me, 'span');
        else {
          const label = requireUsableLabel(library, input.target.labelId);
          if (!isKind(roleOf(label))) {
            throw new AppFailure({ code: 'invalid-input', message: `“${label.name}” marks a claim; mark the source or cue with a source or cue label.` });
          }
          const { start, end } = input.target;
          const same = library.annotations.findSame(claim.documentId, me.id, label.id, start, end);
          target = same ? library.annotations.get(same) : library.annotations.add({ documentId: claim.documentId, annotatorId: me.id, labelId: label.id, start, end }, library.documents.textOf(claim.documentId));
        }
        return { relation: link(library, claim, target), target };
      });
    },

    unlinkClaim({ id }) {
      const me = requireCurrentAnnotator(library);
      return library.transaction(() => {
        const relation = library.relations.get(id);
        if (relation.annotatorId !== me.id) {
          throw AppFailure.forbidden('not-owner', `This link is in ${relation.annotatorName}'s work. Only ${relation.annotatorName} can remove it.`);
        }
        return library.relations.softDelete(id);
      });
    },

    /** Blind mode withholds the other layers' links here, as it does their annotations. */
    listRelations({ documentId }) {
      if (!library.documents.exists(documentId)) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
      const me = currentAnnotatorOf(library);
      if (!othersHidden(library, documentId, me)) return library.relations.listForDocument(documentId);
      return me ? library.relations.listForDocument(documentId, me.id) : [];
    },

    setAnnotationAttributes({ id, values }) {
      const me = requireCurrentAnnotator(library);
      return library.transaction(() => {
        const annotation = requireOwnLive(library, id, me, 'annotation');
        const label = library.labels.find(annotation.labelId);
        const checked = checkAttributeValues(values, label?.attributes ?? [], label?.name ?? annotation.labelId);
        if (checked.problems.length > 0) {
          throw new AppFailure({
            code: 'invalid-input',
            message: checked.problems.length === 1 ? checked.problems[0].message : `${checked.problems[0].message} (and ${checked.problems.length - 1} more)`,
            details: problemDetails(checked.problems),
          });
        }
        return library.annotations.update(id, { attributes: checked.values });
      });
    },
  };
}

/** Deletes an annotation with its links (stamped with the annotation's deletion time, so undo brings back just those). */
export function deleteAnnotationWithLinks(library: Library, id: string): Annotation {
  return library.transaction(() => {
    const deleted = library.annotations.softDelete(id);
    if (deleted.deletedAt) library.relations.softDeleteOf(id, deleted.deletedAt);
    return deleted;
  });
}

/** Restores an annotation and the links deleted with it. */
export function restoreAnnotationWithLinks(library: Library, id: string): Annotation {
  return library.transaction(() => {
    const before = library.annotations.get(id);
    const restored = library.annotations.restore(id);
    if (before.deletedAt) library.relations.restoreOf(id);
    return restored;
  });
}

/**
 * Edits an annotation. A new label keeps only the attribute values its own attributes accept
 * (the rest are dropped), and the links that no longer fit the new label's role are removed:
 * a claim relabelled as a source loses its links to sources and cues; a source relabelled as a
 * cue (or a claim) is unlinked from its claims.
 */
export function updateAnnotationKeepingStructure(library: Library, id: string, patch: AnnotationPatch): Annotation {
  return library.transaction(() => {
    const current = library.annotations.get(id);
    if (patch.labelId === undefined || patch.labelId === current.labelId) return library.annotations.update(id, patch);
    const label = library.labels.find(patch.labelId);
    const attributes = valuesThatStillHold(current.attributes ?? {}, label?.attributes ?? []);
    const updated = library.annotations.update(id, { ...patch, attributes });
    const role = roleOf(label);
    const at = nowIso();
    for (const r of library.relations.liveOf(id)) {
      const fits = r.claimId === id ? role === 'claim' : role === r.kind;
      if (!fits) library.relations.softDelete(r.id, at);
    }
    return updated;
  });
}
