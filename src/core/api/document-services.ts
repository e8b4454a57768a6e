import { saveExtension } from '../../shared/export-formats';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ApiServices, Imported } from '../../shared/contract';
import { asksAnalyst } from '../../shared/import-questions';
import { AppFailure } from '../../shared/result';
import { importClipboard } from '../import/import-file';
import { droppedFileName } from '../import/dropped-file-name';
import { MAX_IMPORT_BYTES, tooLargeToImport } from '../../shared/import-limits';
import { readClaimReviewDesk, writeClaimReviewDesk } from '../library-io/claimreview-desk';
import { exportBundle } from '../library-io/export-bundle';
import { importPaths, type FileOutcome } from '../library-io/import-paths';
import { keepLinksOf, loadBundle } from '../library-io/load-bundle';
import type { Library } from '../store/library';
import { newId } from '../store/ids';
import type { HostPorts } from './host-ports';
import type { Annotator } from '../../shared/types';
import { AppFailure as Refusal } from '../../shared/result';
import { othersHidden } from '../ownership/ownership';
import type { JobControl, JobRunner } from '../jobs/job-runner';

type DocumentServices = Pick<
  ApiServices,
  | 'renameDocument'
  | 'deleteDocument'
  | 'searchDocuments'
  | 'chooseImportFiles'
  | 'importChosenFile'
  | 'importFileData'
  | 'importClipboard'
  | 'exportDocuments'
  | 'cancelExport'
  | 'getClaimReviewDesk'
  | 'setClaimReviewDesk'
>;

type Arriving = {
  rename?: Array<{ from: string; to: string }>;
  samePerson?: boolean;
  intoMine?: boolean;
  similar?: 'separate';
  mapOnto?: Array<{ ref: string; documentId: string }>;
};

/** Library management: search, rename, delete, import from dialogs/drops/clipboard, export. */
export function createDocumentServices(library: Library, ports: HostPorts, currentAnnotator: () => Annotator | null, jobs: JobRunner): DocumentServices {
  // Files picked in the native dialog, by opaque token: the renderer never holds a path.
  const chosen = new Map<string, string>();
  let runningExport: AbortController | null = null;

  /** What one imported file added; a file that failed was thrown as its AppError before this. */
  const toImported = (o: Extract<FileOutcome, { ok: true }>): Imported => {
    if (o.kind === 'article') return { kind: 'article', documentId: o.documentId, title: o.title, existed: o.existed, warnings: o.warnings };
    const r = o.report;
    return {
      kind: 'annotations',
      documentIds: r.documents.map((d) => d.id),
      added: r.annotationsAdded,
      unchanged: r.annotationsUnchanged,
      labelsAdded: r.labelsAdded,
      notes: [
        ...(r.reanchored || r.unanchored
          ? [`Mapped onto your copy of the article: ${r.reanchored} placed where their quote and context occur once, ${r.unanchored} left out because placing them would be a guess.`]
          : []),
        ...(r.attributesAdded.length ? [`Attributes added to labels: ${r.attributesAdded.join(', ')}.`] : []),
        ...(r.relationsAdded ? [`${r.relationsAdded} link${r.relationsAdded === 1 ? '' : 's'} from claims to their sources or cues added.`] : []),
        ...r.rejected.map((x) => `${x.where}: ${x.reason}`),
      ],
    };
  };

  /**
   * One file, as a job: progress per row, and a cancel that rolls the file back (its rows are
   * written in one transaction), so a cancelled file leaves the library as it was; files
   * imported before it stay whole. A file that fails is thrown as its AppError, with its reason
   * and what the analyst is asked about; a cancelled import with the code 'cancelled'.
   */
  const importOne = (file: string, name: string, replaceInvalid?: boolean, arriving?: Arriving) =>
    jobs.run('import', name, async (job) => {
      const outcome = await importOneFile(file, job, replaceInvalid, arriving);
      if (outcome.ok) return toImported(outcome);
      if (outcome.error.code === 'cancelled') throw new AppFailure({ code: 'cancelled', message: `The import of "${name}" was cancelled; nothing of it was kept.` });
      throw new AppFailure(outcome.error);
    });

  const importOneFile = async (file: string, job: JobControl, replaceInvalid?: boolean, arriving?: Arriving): Promise<FileOutcome> => {
    // A null-prototype map: an annotator called "__proto__" is just a name.
    const renameAnnotators: Record<string, string> = Object.create(null);
    for (const r of arriving?.rename ?? []) renameAnnotators[r.from] = r.to;
    const me = currentAnnotator();
    const [outcome] = await importPaths(library, [file], {
      // Formats that name no annotator are filed under the analyst's name: that is her layer, so she is asked first.
      annotator: me?.name,
      article: { replaceInvalid },
      renameAnnotators,
      mergeSameNames: arriving?.samePerson,
      me,
      intoMine: arriving?.intoMine,
      similar: arriving?.similar,
      mapOnto: arriving?.mapOnto ? Object.fromEntries(arriving.mapOnto.map((m) => [m.ref, m.documentId])) : undefined,
      job,
    });
    return outcome;
  };

  return {
    renameDocument: ({ id, title }) => library.documents.rename(id, title),
    deleteDocument: ({ id, includingOthers }) => ({
      annotationsDeleted: library.transaction(() => {
        const me = currentAnnotator();
        const others = library.annotations.layersOf(id).filter((l) => l.annotatorId !== me?.id && l.live > 0);
        if (others.length && !includingOthers) {
          throw Refusal.forbidden(
            'others-work',
            `This document also holds ${others.map((o) => `${o.name}'s`).join(', ')} work. Confirm that their annotations are removed from this library too.`,
            others.map((o) => `${o.name}: ${o.live}`),
          );
        }
        return library.documents.remove(id);
      }),
    }),
    searchDocuments: ({ query }) => library.documents.search(query),

    async chooseImportFiles() {
      const files = (await ports.chooseFilesToImport()) ?? [];
      return {
        files: files.map((file) => {
          const token = newId();
          chosen.set(token, file);
          return { token, name: path.basename(file) };
        }),
      };
    },

    async importChosenFile({ token, replaceInvalid, arriving }) {
      const file = chosen.get(token) ?? (await ports.chosenFile?.(token));
      if (!file) throw new AppFailure({ code: 'not-found', message: 'That file choice has expired; choose the file again.' });
      try {
        const imported = await importOne(file, path.basename(file), replaceInvalid, arriving);
        chosen.delete(token);
        return imported;
      } catch (err) {
        // Kept while the analyst can answer and import it again.
        if (!(err instanceof AppFailure && asksAnalyst(err.error))) chosen.delete(token);
        throw err;
      }
    },

    async importFileData({ name, dataBase64, replaceInvalid, arriving }) {
      const safeName = droppedFileName(name);
      const bytes = Buffer.from(dataBase64, 'base64');
      if (bytes.length > MAX_IMPORT_BYTES) {
        throw new AppFailure({ code: 'too-large', message: tooLargeToImport(`"${safeName}"`) });
      }
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'claimtag-drop-'));
      try {
        const file = path.join(dir, safeName);
        await fs.writeFile(file, bytes);
        if (/\.ann$/i.test(safeName)) {
          throw new AppFailure({ code: 'unsupported', message: 'Import brat files with File › Import, so claimtag can read the .txt beside the .ann.' });
        }
        return await importOne(file, safeName, replaceInvalid, arriving);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },

    async importClipboard({ text, html }) {
      const result = await importClipboard({ text, html });
      if (!result.ok) throw new AppFailure(result.error);
      const { document, existed } = library.documents.add(result.value);
      return { kind: 'article', documentId: document.id, title: document.title, existed, warnings: result.value.warnings };
    },

    async exportDocuments({ format, documentIds, annotatorIds }) {
      const bundle = loadBundle(library, { documents: documentIds ?? 'all' });
      // Blind mode holds for exports too: others' work on a document she has not marked done stays out.
      const me = currentAnnotator();
      bundle.annotations = bundle.annotations.filter((a) => a.annotatorId === me?.id || !othersHidden(library, a.documentId, me));
      if (annotatorIds?.length) {
        const keep = new Set(annotatorIds);
        bundle.annotations = bundle.annotations.filter((a) => keep.has(a.annotatorId));
        bundle.annotators = bundle.annotators.filter((a) => keep.has(a.id));
      }
      const links = keepLinksOf(bundle.annotations, bundle.relations);
      if (bundle.relations) bundle.relations = links;
      const base = bundle.documents.length === 1 ? bundle.documents[0].title : 'claimtag-export';
      const suggested = `${base.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().slice(0, 80) || 'claimtag-export'}${saveExtension(format)}`;
      const target = await ports.chooseExportPath(suggested, saveExtension(format));
      if (!target) return { cancelled: true as const };
      const stop = new AbortController();
      runningExport?.abort();
      runningExport = stop;
      try {
        const desk = format === 'claimreview' ? readClaimReviewDesk(library) : null;
        return await jobs.run('export', path.basename(target), async (job) => {
          const signal = AbortSignal.any([stop.signal, job.signal]);
          return {
            written: await exportBundle(bundle, format, target, {
              printToPdf: ports.printToPdf,
              signal,
              // The job's cancel board is read between documents, so a cancel stops a long export promptly.
              check: () => job.check(),
              onWritten: (chars) => job.progress(chars, null),
              onDocument: (_done, _total, chars) => job.progress(chars, null),
              ...(desk ? { formatOptions: { desk } } : {}),
            }),
          };
        });
      } finally {
        if (runningExport === stop) runningExport = null;
      }
    },

    getClaimReviewDesk() {
      return readClaimReviewDesk(library);
    },

    setClaimReviewDesk({ desk }) {
      return writeClaimReviewDesk(library, desk);
    },

    cancelExport() {
      if (!runningExport) return { cancelled: false };
      runningExport.abort();
      return { cancelled: true };
    },
  };
}
