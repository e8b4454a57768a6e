import type { ApiServices, LibraryNotice } from '../../shared/contract';
import { AppFailure, type AppError } from '../../shared/result';
import type { OpenOptions } from '../db/open-database';
import { createBackup, listBackups, restoreBackup } from '../reliability/backups';
import { moveAsideDamaged } from '../reliability/recovery';
import { verifyDatabaseFile } from '../reliability/verify';
import type { NewDocument } from '../store/documents-repo';
import { Library } from '../store/library';
import { createDispatch, type Dispatch } from './dispatch';
import { JobRunner } from '../jobs/job-runner';
import type { JobEvent } from '../../shared/jobs';
import type { HostPorts } from './host-ports';
import { createServices } from './services';
import { createUnavailableServices } from './unavailable-services';
import { startFingerprintBackfill, type Backfill } from '../library-io/fingerprint-backfill';

export interface SessionOptions {
  databasePath: string;
  dataDir: string;
  loadSample: () => NewDocument;
  ports?: HostPorts;
  open?: OpenOptions;
  /** Take a rolling backup at open when the newest is older than this (default 6 h); 0 disables. */
  backupEveryMs?: number;
  /** Delay after opening before the background backup or integrity check runs (default 2 s). */
  backgroundDelayMs?: number;
  onInternalError?: (err: unknown) => void;
  /** Long jobs' events (progress, end), for the page (#14). */
  onJobEvent?: (event: JobEvent) => void;
  /** Job ids start with this (one prefix per thread, so a cancel can be routed); default 'job-'. */
  jobIdPrefix?: string;
  /** The cancel board shared with the thread that asks for cancels (job-runner.ts). */
  cancelBoard?: Int32Array;
  /** Jobs run one after the other, a later one queued (the writer lane, lanes.ts). */
  jobsOneAtATime?: boolean;
  /**
   * Run the background work after opening — the rolling backup / full integrity check, and the
   * fingerprints of an upgraded library's documents — (default true; in the worker only the writer lane runs it).
   */
  backgroundCheck?: boolean;
  /** After each batch of the background fingerprinting (fingerprint-backfill.ts): how many documents it did. */
  onFingerprintBatch?: (documents: number) => void;
}

/**
 * The library as the app holds it: open and served, or failed with a reason and a way
 * out (move the damaged file aside, restore a backup, or start anew — always the user's
 * explicit choice, never silently). Main and the e2e harness both run through this.
 */
export class LibrarySession {
  private library: Library | null = null;
  private failure: AppError | null = null;
  /** Findings of background work, until the app takes them (takeLibraryNotices). */
  private notices: LibraryNotice[] = [];
  private services: ApiServices;
  readonly dispatch: Dispatch;
  readonly jobs: JobRunner;
  /** The background fingerprinting of the open library, while it runs. */
  private backfill: Backfill | null = null;
  /** Calls being answered: the background fingerprinting waits for them (an import starts before its job does). */
  private answering = 0;

  constructor(private readonly options: SessionOptions) {
    this.jobs = new JobRunner({ emit: options.onJobEvent ?? (() => {}), idPrefix: options.jobIdPrefix, cancelBoard: options.cancelBoard, oneAtATime: options.jobsOneAtATime });
    this.services = this.open();
    const dispatch = createDispatch(
      new Proxy({} as ApiServices, { get: (_t, method: string) => this.services[method as keyof ApiServices] }),
      options.onInternalError,
    );
    this.dispatch = async (method, payload) => {
      this.answering++;
      try {
        return await dispatch(method, payload);
      } finally {
        this.answering--;
      }
    };
  }

  get current(): Library | null {
    return this.library;
  }

  close(): void {
    this.backfill?.stop();
    this.backfill = null;
    this.library?.close();
    this.library = null;
  }

  /**
   * Opens the library file again (after another thread restored a backup into place: the
   * restore hand-over, library-worker.ts). Closes what is open first.
   */
  reopen(): void {
    this.close();
    this.services = this.open();
  }

  private open(): ApiServices {
    const { databasePath, dataDir } = this.options;
    try {
      this.library = Library.open(databasePath, this.options.open);
      this.failure = null;
      this.scheduleBackgroundCheck();
      return {
        ...createServices({ library: this.library, dataDir, loadSample: this.options.loadSample, ports: this.options.ports, jobs: this.jobs }),
        ...this.recoveryServices(),
        takeLibraryNotices: () => this.notices.splice(0),
      };
    } catch (err) {
      this.library = null;
      this.failure = err instanceof AppFailure ? err.error : { code: 'storage', message: `The library could not be opened: ${String(err)}` };
      return {
        ...createUnavailableServices(databasePath, this.failure),
        ...this.recoveryServices(),
        takeLibraryNotices: () => this.notices.splice(0),
        cancelJob: ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
      };
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
        return this.jobs.run('restore', backup?.name ?? 'an empty library', (job) => {
          job.check();
          return this.recover(backup);
        });
      },
    };
  }

  /** Restores `backup` (or starts empty when null) with the damaged file moved aside, then opens the result. */
  private recover(backup: { file: string; name: string } | null | undefined): { movedAside: string[]; restoredFrom: string | null } {
    const { databasePath, dataDir } = this.options;
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
  }

  /**
   * Once the library is open and the first screen is up: a verified rolling backup when the
   * newest is old (its verification runs the full integrity_check on a page-for-page copy),
   * otherwise the full integrity_check on a read-only connection — the damage quick_check at
   * open cannot see (an index out of step with its table). What either finds is told to the
   * analyst through takeLibraryNotices, never only to the console.
   */
  private scheduleBackgroundCheck(): void {
    const every = this.options.backupEveryMs ?? 6 * 60 * 60 * 1000;
    const library = this.library;
    if (!library || this.options.backgroundCheck === false) return;
    const newest = listBackups(this.options.dataDir)[0];
    const backupDue = every > 0 && !(newest && Date.now() - Date.parse(newest.createdAt) < every);
    setTimeout(() => {
      if (this.library !== library || !library.db.open) return;
      if (backupDue) {
        this.jobs.run('backup', 'the library', (job) => createBackup(library.db, this.options.dataDir, { job })).catch((err) => {
          if (err instanceof AppFailure && err.error.code === 'cancelled') return;
          if (!(err instanceof AppFailure)) this.options.onInternalError?.(err);
          const message = err instanceof AppFailure ? err.error.message : 'The backup could not be made.';
          this.notify(err instanceof AppFailure ? err.error.code : 'storage', `The automatic backup did not succeed: ${message} Backups stop until this is resolved.`);
        });
        return;
      }
      const verification = verifyDatabaseFile(this.options.databasePath);
      if (!verification.ok && verification.code === 'storage') {
        this.notify(
          'storage',
          `claimtag's background check found damage in the library file that the check at opening cannot see. Your work is still open: export what you need now, then close claimtag and restore a backup (claimtag backup --list, then claimtag restore NAME).`,
        );
      }
    }, this.options.backgroundDelayMs ?? 2_000).unref?.();
    this.scheduleFingerprintBackfill(library);
  }

  /**
   * An upgraded library's documents without a fingerprint are fingerprinted in the background
   * (fingerprint-backfill.ts), so its first import does not do them all. It waits while a call
   * or a job runs here, stops when the library closes (app closing, or a restore opening another
   * file), and what it saved stays: the next opening goes on from there. Nothing for a library
   * with every fingerprint.
   */
  private scheduleFingerprintBackfill(library: Library): void {
    this.backfill?.stop();
    this.backfill = null;
    let backfill: Backfill | null;
    try {
      backfill = startFingerprintBackfill(library, {
        busy: () => this.answering > 0 || this.jobs.active.length > 0,
        onBatch: this.options.onFingerprintBatch,
        onError: (err) => this.options.onInternalError?.(err),
      });
    } catch (err) {
      this.options.onInternalError?.(err);
      return;
    }
    this.backfill = backfill;
    void backfill?.ended.then(() => {
      if (this.backfill === backfill) this.backfill = null;
    });
  }

  private notify(code: AppError['code'], message: string): void {
    this.notices.push({ code, message, at: new Date().toISOString() });
  }
}
