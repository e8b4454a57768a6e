import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppFailure, type Result } from '../../shared/result';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { importClaimtagJson } from '../interchange/claimtag-json-import';
import type { ParsedImport } from '../interchange/types';
import { Library } from '../store/library';
import { loadBundle } from './load-bundle';

/**
 * Reads a colleague's whole claimtag library file as an import, without changing it: the
 * file is opened read-only and copied with SQLite's backup (safe even with a -wal beside it),
 * and only the copy is brought up to our schema and read.
 */
export async function readOtherLibrary(file: string): Promise<Result<ParsedImport>> {
  const name = path.basename(file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-other-'));
  try {
    let source: Database.Database;
    try {
      source = new Database(file, { readonly: true, fileMustExist: true });
      source.pragma('schema_version'); // fails now if this is not a database
    } catch {
      return { ok: false, error: { code: 'invalid-input', message: `"${name}" is not a claimtag library file.` } };
    }
    const copy = path.join(dir, 'copy.sqlite');
    try {
      await source.backup(copy);
    } finally {
      source.close();
    }
    let other: Library;
    try {
      other = Library.open(copy);
    } catch (err) {
      const reason = err instanceof AppFailure ? err.error.message : String(err);
      return { ok: false, error: { code: 'invalid-input', message: `"${name}" could not be read as a claimtag library: ${reason}` } };
    }
    try {
      const hasDocuments = other.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get();
      if (!hasDocuments) return { ok: false, error: { code: 'invalid-input', message: `"${name}" is not a claimtag library file.` } };
      return importClaimtagJson(exportClaimtagJson(loadBundle(other, { documents: 'all' })));
    } finally {
      other.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
