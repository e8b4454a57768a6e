import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../core/store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { corruptMiddlePages, dumpFile, populate } from '../../../test/support/db-helpers';
import { cli, spawnCli } from '../../../test/cli/harness';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;
beforeEach(() => {
  tmp = makeTempDir('claimtag-cli-backup-');
  db = path.join(tmp.dir, 'claimtag.sqlite');
  const library = Library.open(db);
  populate(library, 30);
  library.close();
});
afterEach(() => tmp.cleanup());

const backupFiles = () => fs.readdirSync(path.join(tmp.dir, 'backups')).sort();

describe('claimtag backup', () => {
  it('makes verified backups beside the library, keeps the newest N and lists them', async () => {
    const first = await cli(['backup', '--db', db]);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/^Backed up and verified: .*backups[/\\]claimtag-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(-\d+)?\.sqlite \(\d+ KB\)$/);
    expect(dumpFile(path.join(tmp.dir, 'backups', backupFiles()[0]))).toEqual(dumpFile(db));
    for (let i = 0; i < 3; i++) expect((await cli(['backup', '--db', db, '--keep', '2'])).code).toBe(0);
    expect(backupFiles()).toHaveLength(2);
    const listed = await cli(['backup', '--list', '--db', db]);
    expect(listed.code).toBe(0);
    const names = backupFiles().reverse();
    expect(listed.out.split('\n').slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(names);
  });

  it('uses the data folder from $CLAIMTAG_DATA_DIR without --db, through the installed entry point', async () => {
    fs.renameSync(db, path.join(tmp.dir, 'claimtag.sqlite.tmp'));
    const dataDir = path.join(tmp.dir, 'data');
    fs.mkdirSync(dataDir);
    fs.renameSync(path.join(tmp.dir, 'claimtag.sqlite.tmp'), path.join(dataDir, 'claimtag.sqlite'));
    const made = await spawnCli(['backup'], { CLAIMTAG_DATA_DIR: dataDir });
    expect(made.code, made.err).toBe(0);
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toHaveLength(1);
    const listed = await cli(['backup', '--list'], { CLAIMTAG_DATA_DIR: dataDir });
    expect(listed.out).toMatch(/claimtag-.*\.sqlite/);
  });

  it('reports a missing library, an empty list and wrong usage', async () => {
    expect((await cli(['backup', '--db', path.join(tmp.dir, 'none.sqlite')])).code).toBe(1);
    expect((await cli(['backup', '--list', '--db', db])).out).toMatch(/No backups/);
    expect((await cli(['backup', '--db', db, '--keep', 'lots'])).code).toBe(2);
    expect((await cli(['backup', '--db', db, '--keep', '0'])).code).toBe(2);
    expect((await cli(['backup', 'extra', '--db', db])).code).toBe(2);
    expect((await cli(['restore', '--db', db])).code).toBe(2);
    expect((await cli(['backup', '--help'])).out).toMatch(/online backup/);
  });
});

describe('claimtag restore', () => {
  it('brings back a backup after the live library is corrupted, keeping the damaged file', async () => {
    expect((await cli(['backup', '--db', db])).code).toBe(0);
    const [name] = backupFiles();
    const saved = dumpFile(path.join(tmp.dir, 'backups', name));
    corruptMiddlePages(db, 4);
    const damaged = fs.readFileSync(db);
    const refused = await cli(['list', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/damaged/);
    expect((await cli(['backup', '--db', db])).code).toBe(1); // a damaged library is not backed up

    const restored = await cli(['restore', name, '--db', db]);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(/kept as .*claimtag\.sqlite\.before-restore-/);
    const aside = fs.readdirSync(tmp.dir).find((n) => n.startsWith('claimtag.sqlite.before-restore-'))!;
    expect(fs.readFileSync(path.join(tmp.dir, aside)).equals(damaged)).toBe(true);
    expect((await cli(['list', '--db', db])).code).toBe(0);
    expect(dumpFile(db)).toEqual(saved);
  });

  it('refuses a backup that does not verify and changes nothing', async () => {
    expect((await cli(['backup', '--db', db])).code).toBe(0);
    const bad = path.join(tmp.dir, 'bad.sqlite');
    fs.copyFileSync(path.join(tmp.dir, 'backups', backupFiles()[0]), bad);
    corruptMiddlePages(bad, 3);
    const before = fs.readFileSync(db);
    const files = fs.readdirSync(tmp.dir).sort();
    const refused = await cli(['restore', bad, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/cannot be restored: it (is damaged|could not be read).*Nothing was changed/);
    expect(fs.readFileSync(db).equals(before)).toBe(true);
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(files);
    expect((await cli(['restore', 'claimtag-nope.sqlite', '--db', db])).code).toBe(1);
  });
});
