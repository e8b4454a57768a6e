// A colleague's .sqlite library that tries to run its own SQL inside claimtag, or to make
// claimtag copy gigabytes: every one is refused before a row of it is read, and neither our
// library nor their file changes.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../db/migrations';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { dumpDatabase, populate } from '../../../test/support/db-helpers';
import { makeTempDir } from '../../../test/support/temp-library';
import { importPaths } from './import-paths';
import { readOtherLibrary } from './read-other-library';

const RESOURCES = path.resolve(__dirname, '../../../resources');
let tmp: ReturnType<typeof makeTempDir>;
let ours: Library;

beforeEach(() => {
  tmp = makeTempDir();
  ours = Library.open(path.join(tmp.dir, 'ours.sqlite'));
  ours.documents.add(loadBundledSample(RESOURCES));
});
afterEach(() => {
  ours.close();
  tmp.cleanup();
});

/** A genuine colleague library (their work on the sample), closed, then altered with `sql`. */
function colleagueFile(name: string, sql: string, options: { schemaVersion?: number } = {}): string {
  const file = path.join(tmp.dir, name);
  const version = options.schemaVersion ?? MIGRATIONS.length;
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  for (const step of MIGRATIONS.slice(0, version)) step.up(db);
  db.pragma(`user_version = ${MIGRATIONS[version - 1].version}`);
  const sample = loadBundledSample(RESOURCES);
  db.prepare('INSERT INTO documents (id, title, source, text, sha256, blocks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    'doc-1',
    sample.title,
    sample.source,
    sample.text,
    createHash('sha256').update(sample.text).digest('hex'),
    JSON.stringify(sample.blocks),
    new Date().toISOString(),
  );
  db.exec(sql);
  db.close();
  return file;
}

/** Their file's bytes, or (for a huge sparse file) its size and modification time. */
function fingerprint(file: string): string {
  const info = fs.statSync(file);
  if (info.size > 64 * 1024 * 1024) return `${info.size} ${info.mtimeMs}`;
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

const tempCopies = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('claimtag-other-')).length;

async function expectRefusedUntouched(file: string, code: string, mention: RegExp): Promise<void> {
  const before = { ours: dumpDatabase(ours.db), theirs: fingerprint(file), copies: tempCopies() };
  const [outcome] = await importPaths(ours, [file]);
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error.code).toBe(code);
  expect(`${outcome.error.message} ${(outcome.error.details ?? []).join(' ')}`).toMatch(mention);
  expect(dumpDatabase(ours.db)).toEqual(before.ours);
  expect(fingerprint(file)).toBe(before.theirs);
  expect(tempCopies()).toBe(before.copies);
}

describe("a colleague's library that carries SQL of its own", () => {
  it('refuses a view over an endless recursive CTE in place of one of our tables, without running it', async () => {
    const file = colleagueFile(
      'endless-view.sqlite',
      `PRAGMA foreign_keys = OFF;
       DROP TABLE annotators;
       CREATE VIEW annotators AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
         SELECT 'a' || i AS id, 'x' AS name, '2026-01-01' AS created_at FROM n;`,
    );
    await expectRefusedUntouched(file, 'unsupported', /a view "annotators"/);
  });

  it('refuses a trigger that would fire inside claimtag while the copy is migrated (zeroblob writes)', async () => {
    const file = colleagueFile(
      'trigger.sqlite',
      `CREATE TRIGGER grow AFTER UPDATE ON labels BEGIN
         UPDATE documents SET source = zeroblob(100000000);
       END;`,
      { schemaVersion: 1 }, // migration 3 updates labels: the trigger would fire in our process
    );
    await expectRefusedUntouched(file, 'unsupported', /a trigger "grow"/);
  });

  it('refuses a virtual table and a table of ours redefined with other SQL', async () => {
    const file = colleagueFile(
      'vtab.sqlite',
      `CREATE VIRTUAL TABLE notes_fts USING fts5(x);
       PRAGMA foreign_keys = OFF;
       DROP TABLE document_status;
       CREATE TABLE document_status (document_id TEXT, annotator_id TEXT, done_at TEXT DEFAULT (randomblob(1e9)));`,
    );
    await expectRefusedUntouched(file, 'unsupported', /a virtual table "notes_fts".*a table "document_status"|a table "document_status".*a virtual table "notes_fts"/);
  });

  it('still imports a genuine library of an older schema (migrated on the copy by our own steps)', async () => {
    const theirs = Library.open(path.join(tmp.dir, 'bilal.sqlite'));
    populate(theirs, 2, 'b');
    theirs.close();
    const [outcome] = await importPaths(ours, [path.join(tmp.dir, 'bilal.sqlite')]);
    expect(outcome).toMatchObject({ ok: true, kind: 'annotations', report: { annotationsAdded: 6 } });
    const old = colleagueFile('v1.sqlite', '', { schemaVersion: 1 });
    expect((await readOtherLibrary(old)).ok).toBe(true);
  });
});

describe("a colleague's library that is too large to copy", () => {
  it('refuses a sparse 4 GiB file from its size, before opening or copying it', async () => {
    const file = colleagueFile('sparse.sqlite', '');
    fs.truncateSync(file, 4 * 1024 ** 3); // sparse: costs no disk
    await expectRefusedUntouched(file, 'too-large', /4096 MB, larger than the 1024 MB/);
  });

  it('refuses a library whose pages (with its WAL) exceed the cap though the main file is small', async () => {
    const file = path.join(tmp.dir, 'wal-heavy.sqlite');
    const theirs = Library.open(file);
    theirs.db.pragma('wal_autocheckpoint = 0');
    populate(theirs, 200, 'w'); // lands in the -wal, not the main file
    const mainBytes = fs.statSync(file).size;
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(mainBytes);
    const result = await readOtherLibrary(file, { maxLibraryFileBytes: mainBytes + 4096, maxLibraryCopyMs: 60_000 });
    theirs.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('gives up a copy that runs past its time budget', async () => {
    const file = path.join(tmp.dir, 'slow.sqlite');
    const theirs = Library.open(file);
    populate(theirs, 200, 's');
    theirs.close();
    const result = await readOtherLibrary(file, { maxLibraryFileBytes: 1024 ** 3, maxLibraryCopyMs: -1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'too-large', message: expect.stringMatching(/took too long/) } });
  });
});
