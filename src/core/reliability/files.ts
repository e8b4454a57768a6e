// Small file helpers for backups and recovery. Nothing here opens a database.
import fs from 'node:fs';
import path from 'node:path';

/** SQLite's companion files, which belong with the main file wherever it goes. */
export const COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** An ISO time usable in a file name on every platform (no colons or dots): 2026-11-27T15-31-47-123Z. */
export function fileStamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** The time back from `fileStamp`, or null if `stamp` is not one. */
export function parseFileStamp(stamp: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp);
  if (!m) return null;
  const date = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `base`, or `base-1`, `base-2`, … : the first for which neither it nor a companion exists. */
export function freeName(base: string, suffix = ''): string {
  const taken = (p: string) => fs.existsSync(p) || COMPANION_SUFFIXES.some((s) => fs.existsSync(p + s));
  if (!taken(base + suffix)) return base + suffix;
  for (let i = 1; ; i++) if (!taken(`${base}-${i}${suffix}`)) return `${base}-${i}${suffix}`;
}

/** Makes renames and creations in `dir` durable. Directories cannot be opened on Windows. */
export function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Moves a database file and its companions to `target` (companions get the same suffix
 * there, so SQLite still pairs them). Companions go first: if we are interrupted, the main
 * file is either in place with no stray log beside it, or already moved with its own.
 * With `keepLink`, the main file is hard-linked rather than renamed, so `file` stays a
 * valid database until the caller atomically replaces it. Returns the paths created.
 */
export function moveDatabaseFiles(file: string, target: string, { keepLink = false } = {}): string[] {
  const moved: string[] = [];
  for (const suffix of COMPANION_SUFFIXES) {
    if (fs.existsSync(file + suffix)) {
      fs.renameSync(file + suffix, target + suffix);
      moved.push(target + suffix);
    }
  }
  if (fs.existsSync(file)) {
    let linked = false;
    if (keepLink) {
      try {
        fs.linkSync(file, target);
        linked = true;
      } catch {
        // File systems without hard links (FAT, some network shares): fall back to a rename.
      }
    }
    if (!linked) fs.renameSync(file, target);
    moved.unshift(target);
  }
  syncDirectory(path.dirname(path.resolve(target)));
  return moved;
}
