// Read-only checks of a database file: is it a whole, readable claimtag library?
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { ErrorCode } from '../../shared/result';
import { LATEST_SCHEMA_VERSION } from '../db/migrate';

/** Tables every released schema has; a file without them is not a claimtag library. */
const REQUIRED_TABLES = ['documents', 'annotators', 'labels', 'annotations', 'settings'];

export type Verification =
  | { ok: true; schemaVersion: number }
  | { ok: false; code: Extract<ErrorCode, 'not-found' | 'storage' | 'unsupported' | 'invalid-input'>; problem: string };

/**
 * Opens `file` read-only and runs the full `integrity_check` (not the quicker
 * `quick_check`: this is for backups, where we can afford to read every page).
 * Never writes into the file and never throws.
 */
export function verifyDatabaseFile(file: string): Verification {
  if (!fs.existsSync(file)) return { ok: false, code: 'not-found', problem: 'the file does not exist' };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    if (rows.length !== 1 || rows[0].integrity_check !== 'ok') {
      const first = rows.slice(0, 3).map((r) => r.integrity_check).join('; ');
      return { ok: false, code: 'storage', problem: `it is damaged (${first})` };
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      return { ok: false, code: 'unsupported', problem: `it was saved by a newer version of claimtag (schema ${version})` };
    }
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (version < 1 || missing.length > 0) {
      return { ok: false, code: 'invalid-input', problem: 'it is not a claimtag library' };
    }
    return { ok: true, schemaVersion: version };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, code: 'storage', problem: `it could not be read (${message.replace(/\.$/, '')})` };
  } finally {
    db?.close();
  }
}
