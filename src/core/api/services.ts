import type { ApiServices, StartupState } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { Annotator } from '../../shared/types';
import type { Library } from '../store/library';
import type { NewDocument } from '../store/documents-repo';
import { createCompareServices } from './compare-services';
import { createStudyServices } from './study-services';
import { createTagSetServices } from './tag-set-services';
import { createDocumentServices } from './document-services';
import { createTeamServices } from './team-services';
import { requireUsableLabel } from './label-lookup';
import { createClaimStructureServices, deleteAnnotationWithLinks, restoreAnnotationWithLinks, updateAnnotationKeepingStructure } from './claim-structure-services';
import { headlessPorts, type HostPorts } from './host-ports';
import { CURRENT_ANNOTATOR_SETTING, currentAnnotatorOf, documentLayers, othersHidden, requireCurrentAnnotator, requireNotBlind, requireOwn } from '../ownership/ownership';
import type { BlindState } from '../../shared/layers';
import { silentJobRunner, type JobRunner } from '../jobs/job-runner';

const LAST_DOCUMENT = 'last-document';
const SAMPLE_DOCUMENT = 'sample-document';

export interface ServiceContext {
  library: Library;
  dataDir: string;
  /** Reads the bundled sample article; called once, on first run. */
  loadSample: () => NewDocument;
  /** Dialogs and printing; the CLI and unit tests run without them. */
  ports?: HostPorts;
  /** Runs long operations as jobs that report progress and can be cancelled; silent when absent. */
  jobs?: JobRunner;
}

/** The renderer's API, implemented on the core. Inputs arrive already validated by the contract. */
export function createServices(ctx: ServiceContext): ApiServices {
  const { library } = ctx;
  const jobs = ctx.jobs ?? silentJobRunner();
  const study = createStudyServices(library, () => currentAnnotatorOf(library), ctx.ports ?? headlessPorts);

  const currentAnnotator = (): Annotator | null => currentAnnotatorOf(library);

  const requireAnnotator = (): Annotator => requireCurrentAnnotator(library);

  /** The bundled sample on first run; once the analyst has deleted it, it stays deleted (null). */
  const ensureSample = (): string | null => {
    const known = library.settings.get(SAMPLE_DOCUMENT);
    if (known) return library.documents.exists(known) ? known : null;
    return library.transaction(() => {
      const { document } = library.documents.add(ctx.loadSample());
      library.settings.set(SAMPLE_DOCUMENT, document.id);
      return document.id;
    });
  };

  const requireLabel = (labelId: string) => requireUsableLabel(library, labelId);

  return {
    ...createDocumentServices(library, ctx.ports ?? headlessPorts, currentAnnotator, jobs),
    ...createCompareServices(library, currentAnnotator),
    ...study,
    // Agreement over a study's documents runs as a job (#14); its figures are built in one go, so a cancel drops them.
    getStudyReport: (input) =>
      jobs.run('agreement', input.name, (job) => {
        const report = study.getStudyReport(input);
        job.check();
        return report;
      }),
    cancelJob: ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    ...createTagSetServices(library, ctx.ports ?? headlessPorts, currentAnnotator),
    ...createTeamServices(library, ctx.ports ?? headlessPorts),
    ...createClaimStructureServices(library),

    getStartupState(): StartupState {
      const last = library.settings.get(LAST_DOCUMENT);
      const initialDocumentId = last && library.documents.exists(last) ? last : ensureSample();
      return { dataDir: ctx.dataDir, databasePath: library.path, annotator: currentAnnotator(), initialDocumentId };
    },

    setAnnotatorName({ name }) {
      return library.transaction(() => {
        const current = currentAnnotator();
        // A name already borne by another annotator (a colleague, the reference) would pass her work off as theirs.
        if (library.annotators.findByName(name).some((a) => a.id !== current?.id)) {
          throw AppFailure.forbidden('name-taken', `"${name}" is already the name of another annotator in this library. Choose a name that is yours alone.`);
        }
        if (current) return library.annotators.rename(current.id, name);
        const created = library.annotators.add(name);
        library.settings.set(CURRENT_ANNOTATOR_SETTING, created.id);
        return created;
      });
    },

    // Counts are the current analyst's own: colleagues and the reference never add to her figures.
    listDocuments: () => library.documents.list(currentAnnotator()?.id ?? null),
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
      return library.documents.summary(documentId, requireAnnotator().id);
    },
    /** Blind mode withholds the other layers' rows here, not only in the view. */
    listAnnotations: ({ documentId, limit }) => {
      const me = currentAnnotator();
      if (!othersHidden(library, documentId, me)) return library.annotations.listForDocument(documentId, limit);
      return me ? library.annotations.listForDocument(documentId, limit, me.id) : [];
    },

    createAnnotation({ documentId, labelId, start, end }) {
      const annotator = requireAnnotator();
      requireLabel(labelId);
      const text = library.documents.textOf(documentId);
      return library.annotations.add({ documentId, annotatorId: annotator.id, labelId, start, end }, text);
    },

    updateAnnotation({ id, ...patch }) {
      const me = requireAnnotator();
      requireOwn(library, library.annotations.get(id), me);
      if (patch.labelId !== undefined) requireLabel(patch.labelId);
      return updateAnnotationKeepingStructure(library, id, patch);
    },

    copyAnnotationToMine({ id }) {
      const me = requireAnnotator();
      return library.transaction(() => {
        const source = library.annotations.get(id);
        if (source.deletedAt) throw new AppFailure({ code: 'conflict', message: 'That annotation was deleted, so there is nothing to copy.' });
        requireNotBlind(library, source.documentId, me);
        if (source.annotatorId === me.id) return source;
        requireLabel(source.labelId);
        const same = library.annotations.findSame(source.documentId, me.id, source.labelId, source.start, source.end);
        if (same) return library.annotations.get(same);
        const text = library.documents.textOf(source.documentId);
        return library.annotations.add(
          {
            documentId: source.documentId,
            annotatorId: me.id,
            labelId: source.labelId,
            start: source.start,
            end: source.end,
            attribution: source.attribution,
            confidence: source.confidence,
            attributes: source.attributes,
          },
          text,
        );
      });
    },

    documentLayers: ({ documentId }) => documentLayers(library, documentId, currentAnnotator()),
    getBlindMode: (): BlindState => ({ library: library.blindMode.library(), documentIds: library.blindMode.documents() }),
    setBlindMode({ documentId, on }): BlindState {
      library.transaction(() => {
        if (documentId === undefined) library.blindMode.setLibrary(on);
        else {
          if (!library.documents.exists(documentId)) throw new AppFailure({ code: 'not-found', message: 'That document is no longer in the library.' });
          library.blindMode.setDocument(documentId, on);
        }
      });
      return { library: library.blindMode.library(), documentIds: library.blindMode.documents() };
    },

    // The library is open, so there is nothing to recover; LibrarySession replaces these when it is not.
    getRecoveryOptions: () => ({ databasePath: library.path, problem: null, backups: [] }),
    recoverLibrary: () => {
      throw new AppFailure({ code: 'conflict', message: 'The library is fine; there is nothing to recover.' });
    },

    // LibrarySession replaces this with its queue of background findings.
    takeLibraryNotices: () => [],

    deleteAnnotation({ id }) {
      requireOwn(library, library.annotations.get(id), requireAnnotator());
      return deleteAnnotationWithLinks(library, id);
    },
    restoreAnnotation({ id }) {
      requireOwn(library, library.annotations.get(id), requireAnnotator());
      return restoreAnnotationWithLinks(library, id);
    },
  };
}
