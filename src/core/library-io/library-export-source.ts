// A library's export read a document at a time (#14): the small lists (labels, annotators, live
// links) up front, each document's text and annotations only when the exporter reaches it, so
// the export's memory stays flat with the library's size.
import type { Annotation } from '../../shared/types';
import { OffsetConverter } from '../../shared/offsets';
import { compareAnnotations, completeSelection, type DocumentExport, type DocumentSequence, type ExportSelection } from '../interchange/export-selection';
import type { Library } from '../store/library';
import { annotatorsInScope, type BundleScope } from './load-bundle';

export interface LibraryExportScope extends BundleScope {
  /** Which annotations may be exported (blind mode), asked per annotation; default all. */
  keep?: (annotation: Annotation) => boolean;
  /** Only these annotators' work (by id), after `annotators` (by name). */
  annotatorIds?: readonly string[];
}

/** The library's export selection, with how many annotations it carries; documents are read when walked, and on every walk. */
export function librarySelection(library: Library, scope: LibraryExportScope): ExportSelection & { annotationCount: number } {
  const ids = scope.documents === 'all' ? library.documents.list().map((d) => d.id) : [...scope.documents];
  const everyone = library.annotators.list();
  const annotators = annotatorsInScope(everyone, scope.annotators);
  const allowed = new Set(annotators.map((a) => a.id));
  const chosen = scope.annotatorIds?.length ? new Set(scope.annotatorIds) : null;
  const keep = scope.keep ?? (() => true);

  // Annotators listed: those with work in the chosen documents (before blind mode), or the ones named.
  const used = new Set<string>();
  const annotationsOf = (documentId: string): Annotation[] => {
    const own = library.annotations.listForDocument(documentId).filter((a) => allowed.has(a.annotatorId));
    for (const a of own) used.add(a.annotatorId);
    return own.filter((a) => keep(a) && (!chosen || chosen.has(a.annotatorId))).sort(compareAnnotations);
  };
  const annotationLists = function* (): Generator<Annotation[]> {
    for (const id of ids) yield annotationsOf(id);
  };
  let annotationCount = 0;
  const counted = function* (): Generator<Annotation[]> {
    for (const list of annotationLists()) {
      annotationCount += list.length;
      yield list;
    }
  };
  const documents: DocumentSequence = {
    count: ids.length,
    annotations: annotationLists,
    *[Symbol.iterator](): Generator<DocumentExport> {
      for (const id of ids) {
        const document = library.documents.get(id);
        yield { document, annotations: annotationsOf(id), offsets: new OffsetConverter(document.text) };
      }
    },
  };
  // The first pass reads annotations only; `used` is complete once it has run.
  const listed = (): typeof annotators => annotators.filter((a) => (used.has(a.id) || scope.annotators?.length) && (!chosen || chosen.has(a.id)));
  const selection = completeSelection({
    labels: library.labels.list(),
    annotatorList: listed,
    annotators: listed,
    relations: library.relations.listForDocuments(ids),
    documents,
    annotationLists: counted,
  });
  return Object.assign(selection, { annotationCount });
}
