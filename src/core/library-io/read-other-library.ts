import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppFailure, fail, type Result } from '../../shared/result';
import { LATEST_SCHEMA_VERSION } from '../db/migrate';
import { checkRegularFile } from '../fs/regular-file';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { importClaimtagJson } from '../interchange/claimtag-json-import';
import { formatBytes, IMPORT_LIMITS } from '../interchange/limits';
import type { ParsedImport } from '../interchange/types';
import { Library } from '../store/library';
import { describeSchemaObject, foreignSchemaObjects } from './foreign-schema';
import { loadBundle } from './load-bundle';

export interface OtherLibraryLimits {
  maxLibraryFileBytes: number;
  maxLibraryCopyMs: number;
}

/**
 * Reads a colleague's whole claimtag library file as an import, without changing it and
 * without running any SQL of theirs:
 * 1. only a regular file no larger than the cap (stat, before it is opened);
 * 2. opened read-only, `query_only`, `trusted_schema=OFF`, SQLite's defensive mode;
 * 3. refused unless every schema object (table, index, view, trigger, virtual table) is one
 *    some version of claimtag creates, byte for byte — checked before any row is read, so a
 *    view or trigger of theirs never runs;
 * 4. page count × page size checked against the cap before the copy;
 * 5. copied with SQLite's backup (safe with a -wal beside it) under a wall-clock budget;
 *    the copy's schema is checked again, and only then brought up to our schema — by our
 *    migrations, over our own objects — and read.
 */
export async function readOtherLibrary(file: string, limits: OtherLibraryLimits = IMPORT_LIMITS): Promise<Result<ParsedImport>> {
  const name = path.basename(file);
  const regular = await checkRegularFile(file);
  if (!regular.ok) return regular;
  if (regular.size > limits.maxLibraryFileBytes) return tooLarge(name, regular.size, limits);

  let source: Database.Database;
  try {
    source = openForeign(file);
  } catch {
    return notALibrary(name);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-other-'));
  try {
    const copy = path.join(dir, 'copy.sqlite');
    try {
      const checked = checkForeign(source, name, limits);
      if (!checked.ok) return checked;
      await copyWithin(source, copy, name, limits);
    } catch (err) {
      if (err instanceof AppFailure) return { ok: false, error: err.error };
      return notALibrary(name);
    } finally {
      source.close();
    }
    const recheck = withForeign(copy, (db) => checkForeign(db, name, limits));
    if (!recheck.ok) return recheck;
    let other: Library;
    try {
      other = Library.open(copy);
    } catch (err) {
      const reason = err instanceof AppFailure ? err.error.message : String(err);
      return fail('invalid-input', `"${name}" could not be read as a claimtag library: ${reason}`);
    }
    try {
      return importClaimtagJson(exportClaimtagJson(loadBundle(other, { documents: 'all' })));
    } finally {
      other.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function openForeign(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.unsafeMode(false); // SQLITE_DBCONFIG_DEFENSIVE on (better-sqlite3's default, made explicit)
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    db.pragma('cell_size_check = ON');
    db.pragma('schema_version'); // fails now if this is not a database
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function withForeign<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = openForeign(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Everything decided from the header and sqlite_master alone; reads no row of theirs. */
function checkForeign(db: Database.Database, name: string, limits: OtherLibraryLimits): Result<void> {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_SCHEMA_VERSION) {
    return fail('unsupported', `"${name}" was saved by a newer version of claimtag (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update claimtag to import it.`);
  }
  const foreign = foreignSchemaObjects(db);
  if (foreign.length > 0) {
    return fail(
      'unsupported',
      `"${name}" is not a plain claimtag library: it holds ${foreign.length === 1 ? 'an object' : `${foreign.length} objects`} claimtag did not make (${foreign.slice(0, 3).map(describeSchemaObject).join(', ')}${foreign.length > 3 ? ', …' : ''}), which could run code of its own. Nothing was read from it; ask your colleague for a claimtag JSON export instead.`,
      foreign.slice(0, IMPORT_LIMITS.maxReportedErrors).map(describeSchemaObject),
    );
  }
  const hasDocuments = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get();
  if (!hasDocuments) return notALibrary(name);
  const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  if (bytes > limits.maxLibraryFileBytes) return tooLarge(name, bytes, limits);
  return { ok: true, value: undefined };
}

async function copyWithin(source: Database.Database, copy: string, name: string, limits: OtherLibraryLimits): Promise<void> {
  const deadline = Date.now() + limits.maxLibraryCopyMs;
  await source.backup(copy, {
    progress: () => {
      if (Date.now() > deadline) {
        throw new AppFailure({ code: 'too-large', message: `"${name}" took too long to read (over ${Math.round(limits.maxLibraryCopyMs / 1000)} s); nothing was imported.` });
      }
      return 256;
    },
  });
}

const notALibrary = (name: string) => fail('invalid-input', `"${name}" is not a claimtag library file.`);

const tooLarge = (name: string, bytes: number, limits: OtherLibraryLimits) =>
  fail('too-large', `"${name}" is ${formatBytes(bytes)}, larger than the ${formatBytes(limits.maxLibraryFileBytes)} claimtag reads from a colleague's library. Ask for a claimtag JSON export of the documents you need.`);
