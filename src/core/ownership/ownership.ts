// Ownership of annotations and what each analyst may see: the rules every service applies.
// An annotation belongs to its annotator; only she changes, deletes or restores it. The
// reference version changes only through adjudication (src/core/compare/adjudicate.ts).

import { AppFailure } from '../../shared/result';
import type { DocumentLayers, Layer, LayerKind } from '../../shared/layers';
import type { Annotation, Annotator } from '../../shared/types';
import { findReferenceAnnotator } from '../compare/reference';
import type { Library } from '../store/library';

/** The settings key naming the analyst who uses this library. */
export const CURRENT_ANNOTATOR_SETTING = 'current-annotator';

/** The analyst who uses this library (set by the app on first run), or null when none is named yet. */
export function currentAnnotatorOf(library: Library): Annotator | null {
  const id = library.settings.get(CURRENT_ANNOTATOR_SETTING);
  return id ? library.annotators.find(id) : null;
}

export function layerKind(library: Library, annotatorId: string, me: Annotator | null): LayerKind {
  if (me && annotatorId === me.id) return 'mine';
  return findReferenceAnnotator(library)?.id === annotatorId ? 'reference' : 'colleague';
}

/** The message and reason for a change to an annotation that is not the current analyst's. */
export function notYoursFailure(library: Library, annotation: Pick<Annotation, 'annotatorId' | 'annotatorName'>, me: Annotator | null): AppFailure {
  if (layerKind(library, annotation.annotatorId, me) === 'reference') {
    return AppFailure.forbidden('reference', 'This is the reference version. Change it in Compare, by adjudicating, so the decision and its reason are recorded.');
  }
  return AppFailure.forbidden('not-owner', `This is ${annotation.annotatorName}'s annotation. Copy it to your own work to change it.`);
}

/** The current analyst; refused (conflict) while the library has none named yet. */
export function requireCurrentAnnotator(library: Library): Annotator {
  const annotator = currentAnnotatorOf(library);
  if (!annotator) throw new AppFailure({ code: 'conflict', message: 'Enter your name before tagging, so your work is attributed to you.' });
  return annotator;
}

/** Throws unless the current analyst owns `annotation`. */
export function requireOwn(library: Library, annotation: Annotation, me: Annotator): void {
  if (annotation.annotatorId !== me.id) throw notYoursFailure(library, annotation, me);
}

/** Whether other analysts' layers are withheld from `me` in this document by blind mode. */
export function othersHidden(library: Library, documentId: string, me: Annotator | null): boolean {
  if (!library.blindMode.appliesTo(documentId)) return false;
  return !me || !library.documents.isDone(documentId, me.id);
}

export function requireNotBlind(library: Library, documentId: string, me: Annotator | null): void {
  if (othersHidden(library, documentId, me)) {
    throw AppFailure.forbidden('blind', 'This document is blind: the other analysts’ work stays hidden until you mark it done.');
  }
}

export function documentLayers(library: Library, documentId: string, me: Annotator | null): DocumentLayers {
  if (!library.documents.exists(documentId)) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
  const blind = library.blindMode.library() ? 'library' : library.blindMode.document(documentId) ? 'document' : null;
  const doneByMe = me ? library.documents.isDone(documentId, me.id) : false;
  const hidden = blind !== null && !doneByMe;
  const all: Layer[] = library.annotations
    .layersOf(documentId)
    .filter((l) => l.live > 0 || l.annotatorId === me?.id)
    .map((l) => ({ annotatorId: l.annotatorId, name: l.name, kind: layerKind(library, l.annotatorId, me), count: l.live }));
  if (me && !all.some((l) => l.kind === 'mine')) all.unshift({ annotatorId: me.id, name: me.name, kind: 'mine', count: 0 });
  const order: Record<LayerKind, number> = { mine: 0, colleague: 1, reference: 2 };
  all.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
  const layers = hidden ? all.filter((l) => l.kind === 'mine') : all;
  return { documentId, blind, doneByMe, hidden, layers, hiddenLayers: all.length - layers.length };
}
