import { AppFailure } from '../../shared/result';
import type { Annotator, Bundle } from '../../shared/types';
import type { Library } from '../store/library';

export interface BundleScope {
  /** Document ids, or every document in the library. */
  documents: readonly string[] | 'all';
  /** Only these annotators' work (by name); default everyone's. */
  annotators?: readonly string[];
}

/** Reads documents, the tag set, annotators, live annotations and their live links for export or comparison. */
export function loadBundle(library: Library, scope: BundleScope): Bundle {
  const ids = scope.documents === 'all' ? library.documents.list().map((d) => d.id) : [...scope.documents];
  const documents = ids.map((id) => library.documents.get(id));
  const annotators = annotatorsInScope(library.annotators.list(), scope.annotators);
  const allowed = new Set(annotators.map((a) => a.id));
  const annotations = documents.flatMap((d) => library.annotations.listForDocument(d.id).filter((a) => allowed.has(a.annotatorId)));
  const used = new Set(annotations.map((a) => a.annotatorId));
  const relations = keepLinksOf(annotations, library.relations.listForDocuments(ids));
  return {
    documents,
    annotators: annotators.filter((a) => used.has(a.id) || scope.annotators?.length),
    labels: library.labels.list(),
    annotations,
    ...(relations.length > 0 ? { relations } : {}),
  };
}

/** The library's annotators, or only those named (every name must be one of theirs: refused with 'not-found' otherwise). */
export function annotatorsInScope(everyone: Annotator[], names: readonly string[] | undefined): Annotator[] {
  if (!names?.length) return everyone;
  const wanted = new Set(names);
  const unknown = [...wanted].filter((name) => !everyone.some((a) => a.name === name));
  if (unknown.length) {
    throw new AppFailure({ code: 'not-found', message: `No annotator named ${unknown.map((n) => `"${n}"`).join(', ')} in this library.` });
  }
  return everyone.filter((a) => wanted.has(a.name));
}

/** The links whose claim and target are both among `annotations` (what a bundle may carry without dangling). */
export function keepLinksOf<R extends { claimId: string; targetId: string }>(annotations: readonly { id: string }[], relations: readonly R[] | undefined): R[] {
  if (!relations?.length) return [];
  const kept = new Set(annotations.map((a) => a.id));
  return relations.filter((r) => kept.has(r.claimId) && kept.has(r.targetId));
}
