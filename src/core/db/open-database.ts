import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppFailure } from '../../shared/result';
import { detectLostWal } from '../reliability/wal-loss';
import { assertSchemaNotNewer, migrate } from './migrate';

export interface OpenOptions {
  /** Path to an Electron-ABI build of better-sqlite3, when running inside Electron. */
  nativeBinding?: string;
}

/**
 * Opens (or creates) the library database. Nothing is written to an existing file
 * until it has passed `quick_check` and its schema version is known to be ours or older.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const exists = fs.existsSync(file);
  if (!exists) fs.mkdirSync(path.dirname(file), { recursive: true });
  const walLoss = exists ? detectLostWal(file) : null;
  if (walLoss) {
    // Refused before SQLite touches it: opening would rebuild the index and erase the evidence.
    throw new AppFailure({
      code: 'storage',
      message: `Recent changes are missing from the library: its write-ahead log (${path.basename(file)}-wal) was ${walLoss.why === 'missing' ? 'deleted' : walLoss.why === 'truncated' ? 'cut short' : 'replaced'} while claimtag had it open, and ${walLoss.lostFrames} saved page write${walLoss.lostFrames === 1 ? ' is' : 's are'} gone with it. The library was not opened, so nothing more changes. Restore a backup (the recovery screen lists them; claimtag backup --list), or set the file aside: it is kept as it is.`,
      details: [`lost WAL frames: ${walLoss.lostFrames} (${walLoss.why})`],
    });
  }

  let db: Database.Database;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding });
  } catch (err) {
    throw new AppFailure({ code: 'storage', message: `The library database could not be opened: ${describe(err)}.` });
  }
  try {
    if (exists) {
      const problems = quickCheckProblems(db);
      if (problems.length > 0) {
        throw new AppFailure({
          code: 'storage',
          message: `The library file is damaged: SQLite's check found ${problems.length >= 20 ? 'many' : problems.length} problem${problems.length === 1 ? '' : 's'} in it. It was not changed.`,
          details: problems.slice(0, 3).map((p) => `SQLite: ${p.slice(0, 200)}`),
        });
      }
    }
    // Refuse a newer schema before any pragma that writes (journal_mode rewrites the header).
    assertSchemaNotNewer(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 3000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppFailure) throw err;
    if (sqliteCode(err) === 'SQLITE_CORRUPT') {
      throw new AppFailure({ code: 'storage', message: 'The library file is damaged: SQLite reports it as malformed. It was not changed.' });
    }
    if (sqliteCode(err) === 'SQLITE_NOTADB') {
      throw new AppFailure({ code: 'storage', message: 'The library file is not a SQLite database (it may have been overwritten by another program). It was not changed.' });
    }
    if (isDiskFull(err, path.dirname(path.resolve(file)))) {
      throw new AppFailure({
        code: 'disk-full',
        message: 'The disk holding the library is full, so the library could not be opened (SQLite needs a little room for its working files). Free some space and try again. Nothing was changed.',
      });
    }
    throw new AppFailure({ code: 'storage', message: `The library database could not be opened: ${describe(err)}. It was not changed.` });
  }
}

/** Less room than this on the library's disk counts as full (SQLite's shared-memory file alone needs 32 KB). */
const FULL_BELOW_BYTES = 64 * 1024;

/** SQLITE_FULL, or an I/O error on a disk with no room left: named as a full disk, not "disk I/O error". */
export function isDiskFull(err: unknown, dir: string, freeBytes: (dir: string) => number = freeBytesIn): boolean {
  const code = sqliteCode(err) ?? (err as { code?: unknown }).code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return true;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_IOERR')) return false;
  try {
    return freeBytes(dir) < FULL_BELOW_BYTES;
  } catch {
    return false;
  }
}

function freeBytesIn(dir: string): number {
  const stats = fs.statfsSync(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\.$/, '');
}

/** Up to 20 problems found by SQLite's quick check; empty when the file is sound. */
function quickCheckProblems(db: Database.Database): string[] {
  const rows = db.pragma('quick_check(20)') as Array<{ quick_check: string }>;
  return rows.map((r) => r.quick_check).filter((p) => p !== 'ok');
}

function sqliteCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
