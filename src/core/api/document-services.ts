import { saveExtension } from '../../shared/export-formats';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ApiServices, ImportResult } from '../../shared/contract';
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

  const toResult = (name: string, o: FileOutcome): ImportResult => {
    if (!o.ok) {
      const clash = o.error.reason === 'name-clash';
      return {
        ok: false,
        name,
        message: o.error.message,
        details: clash ? [] : (o.error.details ?? []),
        canReplaceInvalid: o.error.reason === 'invalid-text-encoding',
        ...(clash ? { nameClashes: o.error.details ?? [] } : {}),
        ...(o.error.reason ? { reason: o.error.reason } : {}),
        ...(o.similar ? { similar: o.similar } : {}),
      };
    }
    if (o.kind === 'article') return { ok: true, name, kind: 'article', documentId: o.documentId, title: o.title, existed: o.existed, warnings: o.warnings };
    const r = o.report;
    return {
      ok: true,
      name,
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
   * imported before it stay whole. A cancelled import answers with the code 'cancelled'.
   */
  const importOne = (file: string, name: string, replaceInvalid?: boolean, arriving?: Arriving) =>
    jobs.run(
      'import',
      name,
      async (job) => {
        const result = await importOneFile(file, name, job, replaceInvalid, arriving);
        if (!result.ok && result.cancelled) throw new AppFailure({ code: 'cancelled', message: `The import of "${name}" was cancelled; nothing of it was kept.` });
        return result.result;
      },
      (r) => (r.ok ? null : { outcome: 'failed', message: r.message }),
    );

  const importOneFile = async (file: string, name: string, job: JobControl, replaceInvalid?: boolean, arriving?: Arriving) => {
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
    if (!outcome.ok && outcome.error.code === 'cancelled') return { ok: false as const, cancelled: true as const };
    return { ok: true as const, result: toResult(name, outcome) };
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
      const result = await importOne(file, path.basename(file), replaceInvalid, arriving);
      // Kept while the analyst can answer and import it again.
      const answerable = !result.ok && (result.canReplaceInvalid || result.nameClashes || result.reason === 'own-layer' || result.reason === 'similar-document');
      if (!answerable) chosen.delete(token);
      return result;
    },

    async importFileData({ name, dataBase64, replaceInvalid, arriving }) {
      const safeName = droppedFileName(name);
      const bytes = Buffer.from(dataBase64, 'base64');
      if (bytes.length > MAX_IMPORT_BYTES) {
        return { ok: false, name: safeName, message: tooLargeToImport(`"${safeName}"`), details: [], canReplaceInvalid: false };
      }
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'claimtag-drop-'));
      try {
        const file = path.join(dir, safeName);
        await fs.writeFile(file, bytes);
        if (/\.ann$/i.test(safeName)) {
          return { ok: false, name: safeName, message: 'Import brat files with File › Import, so claimtag can read the .txt beside the .ann.', details: [], canReplaceInvalid: false };
        }
        return await importOne(file, safeName, replaceInvalid, arriving);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },

    async importClipboard({ text, html }) {
      const result = await importClipboard({ text, html });
      if (!result.ok) return { ok: false, name: 'Clipboard', message: result.error.message, details: result.error.details ?? [], canReplaceInvalid: false };
      const { document, existed } = library.documents.add(result.value);
      return { ok: true, name: 'Clipboard', kind: 'article', documentId: document.id, title: document.title, existed, warnings: result.value.warnings };
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
              onWritten: (chars) => job.progress(chars, null),
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
