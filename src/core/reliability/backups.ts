// Rolling backups of the library. A backup is taken with SQLite's online backup API from
// an open connection (never a file copy of a live database), made self-contained
// (rollback journal, no -wal), verified with integrity_check, and only then given its
// final name. Restoring moves the current file aside first; nothing is ever overwritten.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppFailure } from '../../shared/result';
import { COMPANION_SUFFIXES, fileStamp, freeName, moveDatabaseFiles, parseFileStamp, syncDirectory, syncFile } from './files';
import { verifyDatabaseFile } from './verify';
import type { JobControl } from '../jobs/job-runner';

export const BACKUPS_FOLDER = 'backups';
export const DEFAULT_BACKUPS_KEPT = 10;
const BACKUP_NAME = /^claimtag-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?\.sqlite$/;

export interface BackupInfo {
  file: string;
  name: string;
  /** When the backup was taken (from its name), ISO. */
  createdAt: string;
  sizeBytes: number;
}

export interface BackupOutcome {
  backup: BackupInfo;
  /** Older backups deleted to keep the newest `keep`. */
  pruned: string[];
}

export interface BackupOptions {
  /** How many backups to keep, newest first (default 10, at least 1). */
  keep?: number;
  now?: Date;
  /** Test seam: runs on the finished copy just before it is verified. */
  beforeVerify?: (file: string) => void;
  /** A job (#14): progress in pages copied, and a cancel between steps (the partial copy is deleted). */
  job?: Pick<JobControl, 'progress' | 'check'>;
}

/** Pages copied per step of a backup that reports progress (between steps the thread answers other work). */
const BACKUP_PAGES_PER_STEP = 1_000;

export const backupsDir = (dataDir: string): string => path.join(dataDir, BACKUPS_FOLDER);

/** Backups in `<dataDir>/backups`, newest first. Other files there are ignored. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: Array<BackupInfo & { seq: number }> = [];
  for (const name of names) {
    const m = BACKUP_NAME.exec(name);
    const date = m ? parseFileStamp(m[1]) : null;
    if (!m || !date) continue;
    const file = path.join(dir, name);
    try {
      const stat = fs.statSync(file);
      if (stat.isFile()) found.push({ file, name, createdAt: date.toISOString(), sizeBytes: stat.size, seq: Number(m[2] ?? 0) });
    } catch {
      // vanished while listing
    }
  }
  found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.seq - a.seq);
  return found.map(({ seq: _seq, ...info }) => info);
}

/**
 * Backs up the open library `db` into `<dataDir>/backups/claimtag-<ISO time>.sqlite`,
 * verifies the copy, then deletes backups beyond the newest `keep`. A copy that fails
 * verification is deleted and reported as an AppFailure ('storage'); older backups are
 * then left alone.
 */
export async function createBackup(db: Database.Database, dataDir: string, options: BackupOptions = {}): Promise<BackupOutcome> {
  const keep = Math.max(1, Math.floor(options.keep ?? DEFAULT_BACKUPS_KEPT));
  const dir = backupsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const final = freeName(path.join(dir, `claimtag-${fileStamp(options.now ?? new Date())}`), '.sqlite');
  const partial = `${final}.partial`;
  removeDatabaseFiles(partial);

  try {
    let pages = 0;
    await db.backup(
      partial,
      options.job && {
        progress: ({ totalPages, remainingPages }) => {
          pages = totalPages;
          options.job!.check();
          options.job!.progress(totalPages - remainingPages, totalPages);
          return BACKUP_PAGES_PER_STEP;
        },
      },
    );
    options.job?.check();
    options.job?.progress(pages, pages); // the last step is not reported by the driver
    // The copy inherits WAL mode; switch it to a rollback journal so it is one self-contained file.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  } catch (err) {
    removeDatabaseFiles(partial);
    if (err instanceof AppFailure) throw err;
    if ((err as { code?: unknown }).code === 'SQLITE_FULL' || (err as { code?: unknown }).code === 'ENOSPC') {
      throw new AppFailure({ code: 'disk-full', message: 'The disk is full, so no backup could be made. The library itself was not changed.' });
    }
    throw new AppFailure({ code: 'storage', message: `The backup could not be written (${describe(err)}). The library itself was not changed.` });
  }

  options.beforeVerify?.(partial);
  const verification = verifyDatabaseFile(partial);
  if (options.job) {
    try {
      options.job.check();
    } catch (err) {
      removeDatabaseFiles(partial);
      throw err;
    }
  }
  if (!verification.ok) {
    removeDatabaseFiles(partial);
    throw new AppFailure({
      code: 'storage',
      message: `The new backup failed verification (${verification.problem}) and was deleted. The library itself was not changed; older backups were kept.`,
    });
  }
  syncFile(partial);
  fs.renameSync(partial, final);
  syncDirectory(dir);

  const all = listBackups(dataDir);
  const pruned: string[] = [];
  for (const old of all.slice(keep)) {
    if (old.file === final) continue;
    fs.rmSync(old.file, { force: true });
    pruned.push(old.file);
  }
  if (pruned.length) syncDirectory(dir);
  const backup = all.find((b) => b.file === final);
  if (!backup) throw new AppFailure({ code: 'internal', message: 'The backup was written but could not be listed.' });
  return { backup, pruned };
}

export interface RestoreOutcome {
  restoredFrom: string;
  target: string;
  /** Where the replaced library (and its -wal/-shm) now are; empty if there was none. */
  movedAside: string[];
}

/**
 * Replaces `targetFile` with a copy of `backupFile`. Refuses a backup that does not pass
 * verification (integrity_check, known schema, claimtag tables). The current library, if
 * any, is moved aside to `<name>.before-restore-<time>` with its companions, and the copy
 * is renamed into place, so at every moment `targetFile` is either the old or the restored
 * database. The library must not be open while this runs.
 */
export function restoreBackup(backupFile: string, targetFile: string, { now = new Date() }: { now?: Date } = {}): RestoreOutcome {
  const source = path.resolve(backupFile);
  const target = path.resolve(targetFile);
  if (source === target) throw new AppFailure({ code: 'invalid-input', message: 'The backup and the library are the same file.' });
  const walSize = fileSize(`${source}-wal`);
  if (walSize > 0) {
    throw new AppFailure({
      code: 'invalid-input',
      message: `${path.basename(source)} has unsaved changes in its -wal file, so a copy of it would be incomplete. Nothing was changed.`,
    });
  }
  const verification = verifyDatabaseFile(source);
  if (!verification.ok) {
    throw new AppFailure({
      code: verification.code,
      message: `${path.basename(source)} cannot be restored: ${verification.problem}. Nothing was changed.`,
    });
  }

  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = fileStamp(now);
  const temp = freeName(`${target}.restoring-${stamp}`);
  try {
    fs.copyFileSync(source, temp, fs.constants.COPYFILE_EXCL);
    syncFile(temp);
    const copied = verifyDatabaseFile(temp);
    if (!copied.ok) throw new AppFailure({ code: 'storage', message: `The copy of the backup is unreadable (${copied.problem}). Nothing was changed.` });
  } catch (err) {
    removeDatabaseFiles(temp);
    if (err instanceof AppFailure) throw err;
    if ((err as { code?: unknown }).code === 'ENOSPC') {
      throw new AppFailure({ code: 'disk-full', message: 'The disk is full, so the backup could not be copied. Nothing was changed.' });
    }
    throw new AppFailure({ code: 'storage', message: `The backup could not be copied (${describe(err)}). Nothing was changed.` });
  }

  const exists = fs.existsSync(target) || COMPANION_SUFFIXES.some((s) => fs.existsSync(target + s));
  const movedAside = exists ? moveDatabaseFiles(target, freeName(`${target}.before-restore-${stamp}`), { keepLink: true }) : [];
  fs.renameSync(temp, target); // atomic: replaces the hard link left in place, if any
  syncDirectory(dir);
  return { restoredFrom: source, target, movedAside };
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', ...COMPANION_SUFFIXES]) fs.rmSync(file + suffix, { force: true });
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\.$/, '');
}
