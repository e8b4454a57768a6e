// Checked before a user-named file is opened: opening a FIFO (named pipe) blocks until
// something writes to it, and a device or socket is never an article or a library.
import fs from 'node:fs';
import path from 'node:path';
import type { AppError } from '../../shared/result';

export type RegularFileCheck = { ok: true; size: number } | { ok: false; error: AppError };

/** A regular file's size, or why the path cannot be read as one. Uses stat only; never opens. */
export async function checkRegularFile(file: string): Promise<RegularFileCheck> {
  try {
    return describe(file, await fs.promises.stat(file));
  } catch (err) {
    return { ok: false, error: unreadable(file, err) };
  }
}

/** The synchronous form, for synchronous callers (the CLI's argument checks). */
export function checkRegularFileSync(file: string): RegularFileCheck {
  try {
    return describe(file, fs.statSync(file));
  } catch (err) {
    return { ok: false, error: unreadable(file, err) };
  }
}

function describe(file: string, info: fs.Stats): RegularFileCheck {
  const name = path.basename(file);
  if (info.isFile()) return { ok: true, size: info.size };
  if (info.isDirectory()) return { ok: false, error: { code: 'invalid-input', message: `"${name}" is a folder, not a file.` } };
  const kind = info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file';
  return { ok: false, error: { code: 'invalid-input', message: `"${name}" is ${kind}, not a file claimtag can import.` } };
}

function unreadable(file: string, err: unknown): AppError {
  const name = path.basename(file);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { code: 'not-found', message: `"${name}" could not be read: it does not exist (it may have been moved).` };
  return { code: 'not-found', message: `"${name}" could not be read (you may not have permission).` };
}
