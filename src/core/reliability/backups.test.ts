import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { LATEST_SCHEMA_VERSION } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { backupsDir, createBackup, listBackups, restoreBackup } from './backups';
import { corruptMiddlePages, dumpDatabase, dumpFile, integrityOf, populate } from '../../../test/support/db-helpers';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
let library: Library;

beforeEach(() => {
  tmp = makeTempDir('claimtag-backups-');
  file = path.join(tmp.dir, 'claimtag.sqlite');
  library = Library.open(file);
  populate(library, 30);
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

const failureOf = async (fn: () => unknown): Promise<AppFailure> => {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AppFailure) return err;
    throw err;
  }
  throw new Error('expected an AppFailure');
};

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 9, minute, 0, 0));

describe('createBackup', () => {
  it('takes an online backup of the open library, self-contained and verified, under an ISO-time name', async () => {
    // Committed but not yet checkpointed: these rows live only in the -wal so far.
    populate(library, 2, 'late');
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const { backup, pruned } = await createBackup(library.db, tmp.dir, { now: at(0) });
    expect(pruned).toEqual([]);
    expect(backup.file).toBe(path.join(tmp.dir, 'backups', 'claimtag-2026-11-27T09-00-00-000Z.sqlite'));
    expect(backup.createdAt).toBe('2026-11-27T09:00:00.000Z');
    expect(fs.readdirSync(backupsDir(tmp.dir))).toEqual([backup.name]); // no -wal, -shm or .partial left
    expect(integrityOf(backup.file)).toBe('ok');
    const copy = new Database(backup.file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    expect(dumpFile(backup.file)).toEqual(dumpDatabase(library.db));

    // the live library is still usable
    populate(library, 1, 'after');
    expect(dumpFile(backup.file)).not.toEqual(dumpDatabase(library.db));
  });

  it('keeps the newest N and touches nothing else in the folder', async () => {
    fs.mkdirSync(backupsDir(tmp.dir), { recursive: true });
    const foreign = path.join(backupsDir(tmp.dir), 'my-notes.txt');
    fs.writeFileSync(foreign, 'keep me');
    const made: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { backup, pruned } = await createBackup(library.db, tmp.dir, { keep: 10, now: at(i) });
      made.push(backup.file);
      expect(pruned).toEqual(i >= 10 ? [made[i - 10]] : []);
    }
    const listed = listBackups(tmp.dir);
    expect(listed.map((b) => b.file)).toEqual(made.slice(2).reverse());
    expect(fs.readFileSync(foreign, 'utf8')).toBe('keep me');
  });

  it('never reuses a name taken in the same millisecond', async () => {
    const a = await createBackup(library.db, tmp.dir, { now: at(5) });
    const b = await createBackup(library.db, tmp.dir, { now: at(5) });
    expect(b.backup.file).not.toBe(a.backup.file);
    expect(listBackups(tmp.dir).map((x) => x.name)).toEqual([b.backup.name, a.backup.name]);
  });

  it('deletes a backup that fails verification, reports it, and keeps the older ones', async () => {
    const good = await createBackup(library.db, tmp.dir, { now: at(0) });
    const failure = await failureOf(() =>
      createBackup(library.db, tmp.dir, { now: at(1), keep: 1, beforeVerify: (f) => void corruptMiddlePages(f, 3) }),
    );
    expect(failure.error.code).toBe('storage');
    expect(failure.error.message).toMatch(/failed verification .* was deleted/);
    expect(fs.readdirSync(backupsDir(tmp.dir))).toEqual([good.backup.name]);
    expect(integrityOf(good.backup.file)).toBe('ok');
  });
});

describe('restoreBackup', () => {
  it('restores over a corrupted live library, moving the damaged one aside first', async () => {
    const { backup } = await createBackup(library.db, tmp.dir, { now: at(0) });
    const expected = dumpFile(backup.file);
    populate(library, 5, 'lost'); // work after the backup: kept in the moved-aside file, not restored
    library.close();
    corruptMiddlePages(file, 4);
    const damaged = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/damaged/);

    const outcome = restoreBackup(backup.file, file, { now: at(30) });
    const aside = `${file}.before-restore-2026-11-27T09-30-00-000Z`;
    expect(outcome.movedAside).toEqual([aside]);
    expect(fs.readFileSync(aside).equals(damaged)).toBe(true);
    expect(fs.readdirSync(tmp.dir).filter((n) => n.includes('restoring'))).toEqual([]);

    library = Library.open(file);
    expect(dumpDatabase(library.db)).toEqual(expected);
    expect(library.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // the backup itself is untouched and still restorable
    expect(integrityOf(backup.file)).toBe('ok');
  });

  it('moves a healthy library aside with its -wal, so nothing committed is lost', async () => {
    const { backup } = await createBackup(library.db, tmp.dir, { now: at(0) });
    library.close();
    // A process commits a row and dies without closing: the row lives only in the -wal.
    const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]);
      db.prepare("INSERT INTO settings (key, value) VALUES ('after-backup', 'yes')").run();
      process.kill(process.pid, 'SIGKILL');`;
    expect(spawnSync(process.execPath, ['-e', script, file], { cwd: process.cwd() }).signal).toBe('SIGKILL');
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const outcome = restoreBackup(backup.file, file, { now: at(31) });
    const aside = `${file}.before-restore-2026-11-27T09-31-00-000Z`;
    expect(outcome.movedAside.sort()).toEqual([aside, `${aside}-shm`, `${aside}-wal`]);
    const db = new Database(aside, { readonly: true });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'after-backup'").get()).toEqual({ value: 'yes' });
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    library = Library.open(file);
    expect(dumpDatabase(library.db)).toEqual(dumpFile(backup.file));
  });

  it('restores into an empty place without moving anything', async () => {
    const { backup } = await createBackup(library.db, tmp.dir, { now: at(0) });
    const target = path.join(tmp.dir, 'elsewhere', 'claimtag.sqlite');
    expect(restoreBackup(backup.file, target).movedAside).toEqual([]);
    expect(dumpFile(target)).toEqual(dumpFile(backup.file));
  });

  it('refuses backups that do not verify, and changes nothing', async () => {
    const { backup } = await createBackup(library.db, tmp.dir, { now: at(0) });
    library.close();
    const cases: Array<[string, () => string, string]> = [
      ['missing', () => path.join(tmp.dir, 'nope.sqlite'), 'not-found'],
      [
        'damaged',
        () => {
          const f = path.join(tmp.dir, 'damaged-copy.sqlite');
          fs.copyFileSync(backup.file, f);
          corruptMiddlePages(f, 3);
          return f;
        },
        'storage',
      ],
      [
        'not a database',
        () => {
          const f = path.join(tmp.dir, 'notes.sqlite');
          fs.writeFileSync(f, 'not a database '.repeat(500));
          return f;
        },
        'storage',
      ],
      [
        'another app',
        () => {
          const f = path.join(tmp.dir, 'other.sqlite');
          const db = new Database(f);
          db.exec('CREATE TABLE stuff (x)');
          db.close();
          return f;
        },
        'invalid-input',
      ],
      [
        'newer schema',
        () => {
          const f = path.join(tmp.dir, 'future.sqlite');
          fs.copyFileSync(backup.file, f);
          const db = new Database(f);
          db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
          db.close();
          return f;
        },
        'unsupported',
      ],
    ];
    for (const [name, make, code] of cases) {
      const source = make();
      const liveBefore = fs.readFileSync(file);
      const filesBefore = fs.readdirSync(tmp.dir).sort();
      const failure = await failureOf(() => restoreBackup(source, file));
      expect(failure.error.code, name).toBe(code);
      expect(failure.error.message, name).toMatch(/Nothing was changed/);
      expect(fs.readFileSync(file).equals(liveBefore), name).toBe(true);
      expect(fs.readdirSync(tmp.dir).sort(), name).toEqual(filesBefore);
    }
  });
});

describe('a backup run as a job (#14)', () => {
  it('reports pages copied, and a cancel during the copy leaves no backup and no partial file; the library is unchanged', async () => {
    const { backup: earlier } = await createBackup(library.db, tmp.dir, { now: at(0) });
    const before = dumpDatabase(library.db);
    const seen: Array<[number, number | null]> = [];
    let stop = false;
    const job = {
      progress: (done: number, total: number | null) => {
        seen.push([done, total]);
        stop = true; // the analyst presses Cancel once the copy has begun
      },
      check: () => {
        if (stop) throw new AppFailure({ code: 'cancelled', message: 'The backup was cancelled.' });
      },
    };
    const failure = await failureOf(() => createBackup(library.db, tmp.dir, { now: at(5), job }));
    expect(failure.error.code).toBe('cancelled');
    expect(seen.length).toBeGreaterThan(0);
    expect(listBackups(tmp.dir).map((b) => b.file)).toEqual([earlier.file]);
    expect(fs.readdirSync(backupsDir(tmp.dir)).filter((n) => n.includes('partial'))).toEqual([]);
    expect(dumpDatabase(library.db)).toEqual(before);

    // uncancelled, the same job hook sees the copy through to its last page
    const pages: Array<[number, number | null]> = [];
    const { backup } = await createBackup(library.db, tmp.dir, { now: at(10), job: { progress: (d, t) => pages.push([d, t]), check: () => {} } });
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.at(-1)![0]).toBe(pages.at(-1)![1]);
    expect(dumpFile(backup.file)).toEqual(before);
  });
});
