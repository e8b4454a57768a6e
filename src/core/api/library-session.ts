import type { ApiServices } from '../../shared/contract';
import { AppFailure, type AppError } from '../../shared/result';
import type { OpenOptions } from '../db/open-database';
import { createBackup, listBackups, restoreBackup } from '../reliability/backups';
import { moveAsideDamaged } from '../reliability/recovery';
import type { NewDocument } from '../store/documents-repo';
import { Library } from '../store/library';
import { createDispatch, type Dispatch } from './dispatch';
import type { HostPorts } from './host-ports';
import { createServices } from './services';
import { createUnavailableServices } from './unavailable-services';

export interface SessionOptions {
  databasePath: string;
  dataDir: string;
  loadSample: () => NewDocument;
  ports?: HostPorts;
  open?: OpenOptions;
  /** Take a rolling backup at open when the newest is older than this (default 6 h); 0 disables. */
  backupEveryMs?: number;
  onInternalError?: (err: unknown) => void;
}

/**
 * The library as the app holds it: open and served, or failed with a reason and a way
 * out (move the damaged file aside, restore a backup, or start anew — always the user's
 * explicit choice, never silently). Main and the e2e harness both run through this.
 */
export class LibrarySession {
  private library: Library | null = null;
  private failure: AppError | null = null;
  private services: ApiServices;
  readonly dispatch: Dispatch;

  constructor(private readonly options: SessionOptions) {
    this.services = this.open();
    this.dispatch = createDispatch(
      new Proxy({} as ApiServices, { get: (_t, method: string) => this.services[method as keyof ApiServices] }),
      options.onInternalError,
    );
  }

  get current(): Library | null {
    return this.library;
  }

  close(): void {
    this.library?.close();
    this.library = null;
  }

  private open(): ApiServices {
    const { databasePath, dataDir } = this.options;
    try {
      this.library = Library.open(databasePath, this.options.open);
      this.failure = null;
      this.scheduleBackup();
      return { ...createServices({ library: this.library, dataDir, loadSample: this.options.loadSample, ports: this.options.ports }), ...this.recoveryServices() };
    } catch (err) {
      this.library = null;
      this.failure = err instanceof AppFailure ? err.error : { code: 'storage', message: `The library could not be opened: ${String(err)}` };
      return { ...createUnavailableServices(databasePath, this.failure), ...this.recoveryServices() };
    }
  }

  private recoveryServices(): Pick<ApiServices, 'getRecoveryOptions' | 'recoverLibrary'> {
    const { databasePath, dataDir } = this.options;
    return {
      getRecoveryOptions: () => ({
        databasePath,
        problem: this.failure?.message ?? null,
        backups: listBackups(dataDir).map((b) => ({ name: b.name, createdAt: b.createdAt, sizeBytes: b.sizeBytes })),
      }),
      recoverLibrary: ({ restore }) => {
        if (!this.failure) throw new AppFailure({ code: 'conflict', message: 'The library is fine; there is nothing to recover.' });
        const backup = restore === null ? null : listBackups(dataDir).find((b) => b.name === restore);
        if (restore !== null && !backup) throw new AppFailure({ code: 'not-found', message: `There is no backup named ${restore}.` });
        let movedAside: string[] = [];
        if (backup) movedAside = restoreBackup(backup.file, databasePath).movedAside;
        else {
          try {
            movedAside = moveAsideDamaged(databasePath, { dataDir }).moved;
          } catch (err) {
            if (!(err instanceof AppFailure && err.error.code === 'not-found')) throw err;
          }
        }
        this.services = this.open();
        if (this.failure) throw new AppFailure({ code: 'storage', message: `The library still cannot be opened: ${this.failure.message}` });
        return { movedAside, restoredFrom: backup?.name ?? null };
      },
    };
  }

  /** A verified rolling backup in the background, unless a recent one exists. */
  private scheduleBackup(): void {
    const every = this.options.backupEveryMs ?? 6 * 60 * 60 * 1000;
    const library = this.library;
    if (!library || every <= 0) return;
    const newest = listBackups(this.options.dataDir)[0];
    if (newest && Date.now() - Date.parse(newest.createdAt) < every) return;
    setTimeout(() => {
      if (this.library !== library || !library.db.open) return;
      createBackup(library.db, this.options.dataDir).catch((err) => this.options.onInternalError?.(err));
    }, 2_000).unref?.();
  }
}
