// A completely full disk: SQLite cannot create its working files beside the library, and
// `claimtag list` said only "disk I/O error". Reading must still work, and a full disk must
// be named as such.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isDiskFull } from '../core/db/open-database';
import { Library } from '../core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import { cli } from '../../test/cli/harness';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('claimtag-full-');
});
afterEach(() => tmp.cleanup());

/** A closed library (no -wal, no -shm beside it) holding one document. */
function closedLibrary(dir: string): string {
  const file = path.join(dir, 'claimtag.sqlite');
  const library = Library.open(file);
  const text = 'The minister said the bridge was finished on time.';
  library.documents.add({ title: 'Bridge', source: 't', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] });
  library.close();
  expect(fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`)).toBe(false);
  return file;
}

describe('a full disk', () => {
  it('is named as such: SQLITE_FULL, ENOSPC, or an I/O error where no room is left', () => {
    const ioError = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_SHMSIZE' });
    expect(isDiskFull(ioError, tmp.dir, () => 0)).toBe(true);
    expect(isDiskFull(ioError, tmp.dir, () => 10 * 1024 * 1024)).toBe(false);
    expect(isDiskFull(Object.assign(new Error('full'), { code: 'SQLITE_FULL' }), tmp.dir, () => 1e9)).toBe(true);
    expect(isDiskFull(Object.assign(new Error('corrupt'), { code: 'SQLITE_CORRUPT' }), tmp.dir, () => 0)).toBe(false);
  });

  it('a library can be read from a copy in memory without touching the file; refused when a -wal holds changes', () => {
    const file = closedLibrary(tmp.dir);
    const before = fs.readFileSync(file);
    const snapshot = Library.openSnapshotForReading(file);
    expect(snapshot.documents.list().map((d) => d.title)).toEqual(['Bridge']);
    expect(() => snapshot.db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'y')").run()).toThrow();
    snapshot.close();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`)).toBe(false);
    fs.writeFileSync(`${file}-wal`, Buffer.alloc(100));
    expect(() => Library.openSnapshotForReading(file)).toThrow(/recent changes in its -wal/);
  });

  // A real full disk needs a small file system of its own (root may mount a tmpfs).
  const canMount = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    try {
      execFileSync('mount', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.runIf(canMount)('on a real full disk: list reads the library, import names the full disk, nothing changes', async () => {
    const mountPoint = path.join(tmp.dir, 'tiny');
    fs.mkdirSync(mountPoint);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint]);
    } catch {
      return; // not allowed here (e.g. an unprivileged container): the tests above still hold
    }
    try {
      const data = path.join(mountPoint, 'data');
      fs.mkdirSync(data);
      const file = closedLibrary(data);
      const filler = fs.openSync(path.join(mountPoint, 'fill'), 'w');
      const block = Buffer.alloc(4096);
      try {
        for (;;) fs.writeSync(filler, block);
      } catch {
        // ENOSPC: the disk is full
      } finally {
        fs.closeSync(filler);
      }
      const before = fs.readFileSync(file);
      const env = { CLAIMTAG_DATA_DIR: data };
      const listed = await cli(['list'], env);
      expect(listed.code).toBe(0);
      expect(listed.out).toContain('Bridge');
      expect(listed.err).toContain('the disk holding the library is full');
      const imported = await cli(['import', path.join(__dirname, '../../test/cli/minimal.claimtag.json')], env);
      expect(imported.code).toBe(1);
      expect(imported.err).toContain('The disk holding the library is full');
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  });
});
