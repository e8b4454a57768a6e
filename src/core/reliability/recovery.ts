// What to do when the library fails its check at start: keep the damaged file exactly as
// it is (it is evidence, and may still be partly readable by a specialist), get it out of
// the way so a backup can be restored or a fresh library started, and say which backups exist.
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/result';
import { listBackups, type BackupInfo } from './backups';
import { COMPANION_SUFFIXES, fileStamp, freeName, moveDatabaseFiles } from './files';

export interface MovedAside {
  /** The damaged main file's new path: `<name>.damaged-<time>`. */
  damagedFile: string;
  /** Every file moved: the main file and whichever of -wal/-shm/-journal existed. */
  moved: string[];
  /** Backups available to restore from, newest first. */
  backups: BackupInfo[];
}

/**
 * Renames `file` and its -wal/-shm (and -journal) to `<name>.damaged-<ISO time>` in the
 * same folder. Never opens, writes or deletes any of them. Backups are looked up in
 * `<dataDir>/backups` (default: the library's own folder).
 */
export function moveAsideDamaged(file: string, { dataDir = path.dirname(path.resolve(file)), now = new Date() }: { dataDir?: string; now?: Date } = {}): MovedAside {
  const resolved = path.resolve(file);
  if (!fs.existsSync(resolved)) {
    throw new AppFailure({ code: 'not-found', message: `There is no library file at ${resolved} to move aside.` });
  }
  const target = freeName(`${resolved}.damaged-${fileStamp(now)}`);
  let moved: string[];
  try {
    moved = moveDatabaseFiles(resolved, target);
  } catch (err) {
    const leftBehind = [resolved, ...COMPANION_SUFFIXES.map((s) => resolved + s)].filter((p) => fs.existsSync(p));
    throw new AppFailure({
      code: 'storage',
      message: `The damaged library could not be moved aside (${err instanceof Error ? err.message : String(err)}). Nothing was deleted.`,
      details: leftBehind,
    });
  }
  return { damagedFile: target, moved, backups: listBackups(dataDir) };
}
