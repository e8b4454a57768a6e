import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { openDatabase } from '../db/open-database';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { createBackup, restoreBackup } from './backups';
import { moveAsideDamaged } from './recovery';
import { corruptMiddlePages, dumpDatabase, dumpFile, populate } from '../../../test/support/db-helpers';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir('claimtag-recovery-');
  file = path.join(tmp.dir, 'claimtag.sqlite');
});
afterEach(() => tmp.cleanup());

const now = new Date(Date.UTC(2026, 10, 27, 10, 0, 0, 0));
const stamp = '2026-11-27T10-00-00-000Z';

const openFailure = (f: string): AppFailure => {
  try {
    openDatabase(f).close();
  } catch (err) {
    if (err instanceof AppFailure) return err;
    throw err;
  }
  throw new Error('expected the damaged library to be refused');
};

describe('a damaged library', () => {
  it('is refused at start, moved aside untouched with its -wal/-shm, and a backup restores', async () => {
    const library = Library.open(file);
    populate(library, 60);
    const { backup } = await createBackup(library.db, tmp.dir, { now: new Date(now.getTime() - 60_000) });
    const good = dumpDatabase(library.db);
    library.close();

    const pages = corruptMiddlePages(file, 4);
    expect(pages).toHaveLength(4);
    const damaged = fs.readFileSync(file);
    const failure = openFailure(file);
    expect(failure.error.code).toBe('storage');
    expect(failure.error.message).toMatch(/damaged/);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);

    // What a crash leaves beside the file; they must travel with it, unread.
    fs.writeFileSync(`${file}-wal`, 'wal bytes');
    fs.writeFileSync(`${file}-shm`, 'shm bytes');

    const moved = moveAsideDamaged(file, { now });
    const target = `${file}.damaged-${stamp}`;
    expect(moved.damagedFile).toBe(target);
    expect(moved.moved.sort()).toEqual([target, `${target}-shm`, `${target}-wal`]);
    expect(fs.readFileSync(target).equals(damaged)).toBe(true);
    expect(fs.readFileSync(`${target}-wal`, 'utf8')).toBe('wal bytes');
    expect(fs.readFileSync(`${target}-shm`, 'utf8')).toBe('shm bytes');
    for (const suffix of ['', '-wal', '-shm']) expect(fs.existsSync(file + suffix)).toBe(false);
    expect(moved.backups.map((b) => b.file)).toEqual([backup.file]);

    expect(restoreBackup(moved.backups[0].file, file).movedAside).toEqual([]);
    const reopened = Library.open(file);
    expect(dumpDatabase(reopened.db)).toEqual(good);
    reopened.close();
    expect(fs.readFileSync(target).equals(damaged)).toBe(true);
  });

  it('never overwrites an earlier damaged copy and lists no backups when there are none', () => {
    const first = Library.open(file);
    populate(first, 20);
    first.close();
    corruptMiddlePages(file, 2);
    const a = moveAsideDamaged(file, { now });
    fs.writeFileSync(file, 'second damaged file');
    const b = moveAsideDamaged(file, { now });
    expect(b.damagedFile).toBe(`${file}.damaged-${stamp}-1`);
    expect(fs.readFileSync(b.damagedFile, 'utf8')).toBe('second damaged file');
    expect(fs.statSync(a.damagedFile).size).toBeGreaterThan(20 * 4096);
    expect(a.backups).toEqual([]);
    // a fresh library can be started in its place
    const fresh = Library.open(file);
    expect(fresh.documents.list()).toEqual([]);
    fresh.close();
    // the bundled tag set: fact, opinion, allegation, and the Source and Cue labels of migration 10
    expect((dumpFile(file).labels as Array<{ id: string }>).map((l) => l.id).sort()).toEqual(['allegation', 'cue', 'fact', 'opinion', 'source']);
  });

  it('reports a missing file instead of inventing one', () => {
    expect(() => moveAsideDamaged(path.join(tmp.dir, 'none.sqlite'))).toThrow(AppFailure);
    expect(fs.readdirSync(tmp.dir)).toEqual([]);
  });
});
