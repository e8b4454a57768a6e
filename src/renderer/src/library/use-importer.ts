import { useCallback, useRef, useState } from 'react';
import type { ApiInput, ClaimtagApi, Imported } from '../../../shared/contract';
import { MAX_IMPORT_BYTES, tooLargeToImport } from '../../../shared/import-limits';
import { asksAnalyst } from '../../../shared/import-questions';
import type { ErrorCode, Result } from '../../../shared/result';

export interface ImportProgress {
  done: number;
  total: number;
  current: string;
}

/** How to file what arrives: names, consent to join her own layer, similar documents kept apart or mapped. */
export type Arriving = NonNullable<ApiInput<'importFileData'>['arriving']>;

/** A file waiting for the user's word, e.g. to import invalid UTF-8 with replacement characters; with the choices already made for it. */
export type RetryableFile = ({ kind: 'data'; name: string; dataBase64: string } | { kind: 'chosen'; name: string; token: string }) & { arriving?: Arriving };

/** One file (or the clipboard) of a run: its name, and what it added or the error (with its typed reason) that refused it. */
export type ImportRow = { name: string } & Result<Imported>;

export interface ImportRun {
  rows: ImportRow[];
  /** Files refused for invalid bytes: asked about all at once, imported again with the bytes replaced. */
  retryable: RetryableFile[];
  /** Files refused with another question (a name taken here, her own layer, a similar document), by row index. */
  questions: Map<number, RetryableFile>;
}

const failed = (name: string, code: ErrorCode, message: string): ImportRow => ({ name, ok: false, error: { code, message } });
const rowOf = (name: string, r: Result<Imported>): ImportRow => ({ name, ...r });

/** Imports files one at a time, so progress is visible and one failure never stops the rest. */
export function useImporter(api: ClaimtagApi, onImported: (rows: ImportRow[]) => void) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [lastRun, setLastRun] = useState<ImportRun | null>(null);
  /** Set by Cancel: the file being imported is rolled back by the library, the files after it are not started. */
  const cancelled = useRef(false);

  const runAll = useCallback(
    async (items: Array<{ name: string; run: () => Promise<ImportRow>; retry?: () => RetryableFile }>) => {
      const rows: ImportRow[] = [];
      const retryable: RetryableFile[] = [];
      const questions = new Map<number, RetryableFile>();
      cancelled.current = false;
      for (const [i, item] of items.entries()) {
        if (cancelled.current) {
          rows.push(failed(item.name, 'cancelled', `"${item.name}" was not imported: the import was cancelled before it.`));
          continue;
        }
        setProgress({ done: i, total: items.length, current: item.name });
        let row: ImportRow;
        try {
          row = await item.run();
        } catch {
          row = failed(item.name, 'internal', `"${item.name}" could not be imported.`);
        }
        rows.push(row);
        if (!row.ok && asksAnalyst(row.error) && item.retry) {
          if (row.error.reason === 'invalid-text-encoding') retryable.push(item.retry());
          else questions.set(rows.length - 1, item.retry());
        }
      }
      setProgress(null);
      setLastRun({ rows, retryable, questions });
      onImported(rows);
    },
    [onImported],
  );

  const importDropped = useCallback(
    async (files: File[]) => {
      await runAll(
        files.map((file) => {
          let dataBase64 = '';
          return {
            name: file.name,
            run: async (): Promise<ImportRow> => {
              if (file.size > MAX_IMPORT_BYTES) return failed(file.name, 'too-large', tooLargeToImport(`"${file.name}"`));
              dataBase64 = await toBase64(file);
              return rowOf(file.name, await api.importFileData({ name: file.name, dataBase64 }));
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
        run: async () => rowOf(f.name, await api.importChosenFile({ token: f.token })),
        retry: () => ({ kind: 'chosen' as const, name: f.name, token: f.token }),
      })),
    );
  }, [api, runAll]);

  const importPasted = useCallback(
    async (content: { text?: string; html?: string }) => {
      await runAll([{ name: 'Clipboard', run: async () => rowOf('Clipboard', await api.importClipboard(content)) }]);
    },
    [api, runAll],
  );

  const retryWithReplacement = useCallback(
    async (files: RetryableFile[]) => {
      await runAll(
        files.map((f) => ({
          name: f.name,
          run: async () =>
            rowOf(
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
            rowOf(
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
