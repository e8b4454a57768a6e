import { useCallback, useRef, useState } from 'react';
import type { ApiInput, ClaimtagApi, ImportResult } from '../../../shared/contract';
import { MAX_IMPORT_BYTES, tooLargeToImport } from '../../../shared/import-limits';

export interface ImportProgress {
  done: number;
  total: number;
  current: string;
}

/** How to file what arrives: names, consent to join her own layer, similar documents kept apart or mapped. */
export type Arriving = NonNullable<ApiInput<'importFileData'>['arriving']>;

/** A file waiting for the user's word, e.g. to import invalid UTF-8 with replacement characters; with the choices already made for it. */
export type RetryableFile = ({ kind: 'data'; name: string; dataBase64: string } | { kind: 'chosen'; name: string; token: string }) & { arriving?: Arriving };

export interface ImportRun {
  results: ImportResult[];
  retryable: RetryableFile[];
  /** Files refused until the analyst decides (a name taken here, her own layer, a similar document), by result index. */
  clashes: Map<number, RetryableFile>;
}

/** Refusals the analyst can answer in the summary dialog and import again. */
const askable = (r: ImportResult): boolean =>
  !r.ok && (Boolean(r.nameClashes?.length) || r.reason === 'own-layer' || (r.reason === 'similar-document' && Boolean(r.similar?.length)));

/** Imports files one at a time, so progress is visible and one failure never stops the rest. */
export function useImporter(api: ClaimtagApi, onImported: (results: ImportResult[]) => void) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [lastRun, setLastRun] = useState<ImportRun | null>(null);
  /** Set by Cancel: the file being imported is rolled back by the library, the files after it are not started. */
  const cancelled = useRef(false);

  const runAll = useCallback(
    async (items: Array<{ name: string; run: () => Promise<ImportResult>; retry?: () => RetryableFile }>) => {
      const results: ImportResult[] = [];
      const retryable: RetryableFile[] = [];
      const clashes = new Map<number, RetryableFile>();
      cancelled.current = false;
      for (const [i, item] of items.entries()) {
        if (cancelled.current) {
          results.push({ ok: false, name: item.name, message: `"${item.name}" was not imported: the import was cancelled before it.`, details: [], canReplaceInvalid: false });
          continue;
        }
        setProgress({ done: i, total: items.length, current: item.name });
        let result: ImportResult;
        try {
          result = await item.run();
        } catch {
          result = { ok: false, name: item.name, message: `"${item.name}" could not be imported.`, details: [], canReplaceInvalid: false };
        }
        results.push(result);
        if (!result.ok && result.canReplaceInvalid && item.retry) retryable.push(item.retry());
        if (askable(result) && item.retry) clashes.set(results.length - 1, item.retry());
      }
      setProgress(null);
      setLastRun({ results, retryable, clashes });
      onImported(results);
    },
    [onImported],
  );

  const unwrap = (name: string, r: Awaited<ReturnType<ClaimtagApi['importFileData']>>): ImportResult =>
    r.ok ? r.value : { ok: false, name, message: r.error.message, details: r.error.details ?? [], canReplaceInvalid: false, ...(r.error.reason ? { reason: r.error.reason } : {}) };

  const importDropped = useCallback(
    async (files: File[]) => {
      await runAll(
        files.map((file) => {
          let dataBase64 = '';
          return {
            name: file.name,
            run: async (): Promise<ImportResult> => {
              if (file.size > MAX_IMPORT_BYTES) {
                return { ok: false, name: file.name, message: tooLargeToImport(`"${file.name}"`), details: [], canReplaceInvalid: false };
              }
              dataBase64 = await toBase64(file);
              return unwrap(file.name, await api.importFileData({ name: file.name, dataBase64 }));
            },
            retry: () => ({ kind: 'data' as const, name: file.name, dataBase64 }),
          };
        }),
      );
    },
    [api, runAll],
  );

  const importFromDialog = useCallback(async () => {
    const chosen = await api.chooseImportFiles({});
    if (!chosen.ok || chosen.value.files.length === 0) return;
    await runAll(
      chosen.value.files.map((f) => ({
        name: f.name,
        run: async () => unwrap(f.name, await api.importChosenFile({ token: f.token })),
        retry: () => ({ kind: 'chosen' as const, name: f.name, token: f.token }),
      })),
    );
  }, [api, runAll]);

  const importPasted = useCallback(
    async (content: { text?: string; html?: string }) => {
      await runAll([{ name: 'Clipboard', run: async () => unwrap('Clipboard', await api.importClipboard(content)) }]);
    },
    [api, runAll],
  );

  const retryWithReplacement = useCallback(
    async (files: RetryableFile[]) => {
      await runAll(
        files.map((f) => ({
          name: f.name,
          run: async () =>
            unwrap(
              f.name,
              f.kind === 'data'
                ? await api.importFileData({ name: f.name, dataBase64: f.dataBase64, replaceInvalid: true })
                : await api.importChosenFile({ token: f.token, replaceInvalid: true }),
            ),
        })),
      );
    },
    [api, runAll],
  );

  /** Imports a refused file again with the analyst's answer added to the choices already made for it. */
  const retryWithNames = useCallback(
    async (f: RetryableFile, choice: Arriving) => {
      const arriving: Arriving = { ...f.arriving, ...choice };
      await runAll([
        {
          name: f.name,
          run: async () =>
            unwrap(
              f.name,
              f.kind === 'data'
                ? await api.importFileData({ name: f.name, dataBase64: f.dataBase64, arriving })
                : await api.importChosenFile({ token: f.token, arriving }),
            ),
          retry: () => ({ ...f, arriving }),
        },
      ]);
    },
    [api, runAll],
  );

  const cancel = useCallback(() => {
    cancelled.current = true;
  }, []);

  return { progress, lastRun, cancel, dismissRun: () => setLastRun(null), importDropped, importFromDialog, importPasted, retryWithReplacement, retryWithNames };
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
