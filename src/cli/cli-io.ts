import { parseArgs, type ParseArgsConfig } from 'node:util';
import fs from 'node:fs';
import { databasePathIn, resolveDataDir } from '../core/data-dir';
import { Library } from '../core/store/library';
import { AppFailure } from '../shared/result';
import { UsageError } from './usage-error';

// Kept here too so commands import everything about argv from one place.
export { UsageError };

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify a positional argument.*$/, '') : String(err));
  }
}

/** The library the command works on: --db, else the app's own. */
export function libraryPath(db: string | undefined, env: NodeJS.ProcessEnv): string {
  return db ?? databasePathIn(resolveDataDir(env));
}

/**
 * For commands that only read: when the disk is full (SQLite cannot create its working files),
 * the library is read from a copy in memory instead, and the analyst is told why.
 */
export function openLibraryForReading(file: string, io: CliIo): Library {
  try {
    return openLibrary(file, { create: false });
  } catch (err) {
    if (!(err instanceof AppFailure) || err.error.code !== 'disk-full') throw err;
    const snapshot = Library.openSnapshotForReading(file);
    io.err('Note: the disk holding the library is full, so it was read from a copy in memory; nothing can be saved until space is freed.');
    return snapshot;
  }
}

export function openLibrary(file: string, { create }: { create: boolean }): Library {
  if (!create && !fs.existsSync(file)) {
    throw new AppFailure({ code: 'not-found', message: `There is no claimtag library at ${file}. Import something first, or pass --db PATH.` });
  }
  return Library.open(file);
}
