import { parseArgs, type ParseArgsConfig } from 'node:util';
import fs from 'node:fs';
import { databasePathIn, resolveDataDir } from '../core/data-dir';
import { Library } from '../core/store/library';
import { AppFailure } from '../shared/result';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

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

export function openLibrary(file: string, { create }: { create: boolean }): Library {
  if (!create && !fs.existsSync(file)) {
    throw new AppFailure({ code: 'not-found', message: `There is no claimtag library at ${file}. Import something first, or pass --db PATH.` });
  }
  return Library.open(file);
}
