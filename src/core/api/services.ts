import type { ApiServices, StartupState } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { Annotator } from '../../shared/types';
import type { Library } from '../store/library';
import type { NewDocument } from '../store/documents-repo';
import { createCompareServices } from './compare-services';
import { createTagSetServices } from './tag-set-services';
import { createDocumentServices } from './document-services';
import { headlessPorts, type HostPorts } from './host-ports';

const CURRENT_ANNOTATOR = 'current-annotator';
const LAST_DOCUMENT = 'last-document';
const SAMPLE_DOCUMENT = 'sample-document';

export interface ServiceContext {
  library: Library;
  dataDir: string;
  /** Reads the bundled sample article; called once, on first run. */
  loadSample: () => NewDocument;
  /** Dialogs and printing; the CLI and unit tests run without them. */
  ports?: HostPorts;
}

/** The renderer's API, implemented on the core. Inputs arrive already validated by the contract. */
export function createServices(ctx: ServiceContext): ApiServices {
  const { library } = ctx;

  const currentAnnotator = (): Annotator | null => {
    const id = library.settings.get(CURRENT_ANNOTATOR);
    return id ? library.annotators.find(id) : null;
  };

  const requireAnnotator = (): Annotator => {
    const annotator = currentAnnotator();
    if (!annotator) throw new AppFailure({ code: 'conflict', message: 'Enter your name before tagging, so your work is attributed to you.' });
    return annotator;
  };

  const ensureSample = (): string => {
    const known = library.settings.get(SAMPLE_DOCUMENT);
    if (known && library.documents.exists(known)) return known;
    return library.transaction(() => {
      const { document } = library.documents.add(ctx.loadSample());
      library.settings.set(SAMPLE_DOCUMENT, document.id);
      return document.id;
    });
  };

  const requireLabel = (labelId: string) => {
    const label = library.labels.find(labelId);
    if (!label) throw new AppFailure({ code: 'not-found', message: `There is no label "${labelId}" in this tag set.` });
    if (label.archived) throw new AppFailure({ code: 'conflict', message: `The label "${label.name}" is archived.` });
    return label;
  };

  return {
    ...createDocumentServices(library, ctx.ports ?? headlessPorts, () => currentAnnotator()?.name),
    ...createCompareServices(library, currentAnnotator),
    ...createTagSetServices(library, ctx.ports ?? headlessPorts),

    getStartupState(): StartupState {
      const last = library.settings.get(LAST_DOCUMENT);
      const initialDocumentId = last && library.documents.exists(last) ? last : ensureSample();
      return { dataDir: ctx.dataDir, databasePath: library.path, annotator: currentAnnotator(), initialDocumentId };
    },

    setAnnotatorName({ name }) {
      return library.transaction(() => {
        const current = currentAnnotator();
        if (current) return library.annotators.rename(current.id, name);
        const created = library.annotators.add(name);
        library.settings.set(CURRENT_ANNOTATOR, created.id);
        return created;
      });
    },

    listDocuments: () => library.documents.list(),
    listDocumentPage: (query) => library.documents.page(query, currentAnnotator()?.id ?? null),
    getDocument: ({ id }) => library.documents.get(id),

    rememberOpenDocument({ id }) {
      if (!library.documents.exists(id)) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
      library.settings.set(LAST_DOCUMENT, id);
      return null;
    },

    listLabels: () => library.labels.list(),
    listAnnotators: () => library.annotators.list(),

    setDocumentDone({ documentId, done }) {
      library.documents.setDone(documentId, requireAnnotator().id, done);
      return library.documents.summary(documentId);
    },
    listAnnotations: ({ documentId, limit }) => library.annotations.listForDocument(documentId, limit),

    createAnnotation({ documentId, labelId, start, end }) {
      const annotator = requireAnnotator();
      requireLabel(labelId);
      const text = library.documents.textOf(documentId);
      return library.annotations.add({ documentId, annotatorId: annotator.id, labelId, start, end }, text);
    },

    updateAnnotation({ id, ...patch }) {
      if (patch.labelId !== undefined) requireLabel(patch.labelId);
      return library.annotations.update(id, patch);
    },

    // The library is open, so there is nothing to recover; LibrarySession replaces these when it is not.
    getRecoveryOptions: () => ({ databasePath: library.path, problem: null, backups: [] }),
    recoverLibrary: () => {
      throw new AppFailure({ code: 'conflict', message: 'The library is fine; there is nothing to recover.' });
    },

    deleteAnnotation: ({ id }) => library.annotations.softDelete(id),
    restoreAnnotation: ({ id }) => library.annotations.restore(id),
  };
}
