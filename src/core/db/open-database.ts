import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppFailure } from '../../shared/result';
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

  let db: Database.Database;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding });
  } catch (err) {
    throw new AppFailure({ code: 'storage', message: `The library database could not be opened: ${describe(err)}.` });
  }
  try {
    if (exists) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new AppFailure({ code: 'storage', message: `The library database is damaged (${String(check)}). It was not changed.` });
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
    throw new AppFailure({ code: 'storage', message: `The library database could not be opened: ${describe(err)}. It was not changed.` });
  }
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\.$/, '');
}
