import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { makeTempDir } from '../../../test/support/temp-library';
import { migrate, schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION } from './migrations';
import type { Migration } from './migrations/migration';
import { openDatabase } from './open-database';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => tmp.cleanup());

const failureOf = (fn: () => unknown): AppFailure => {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppFailure) return err;
    throw err;
  }
  throw new Error('expected an AppFailure');
};

describe('openDatabase', () => {
  it('creates a new library at the latest schema with durable settings', () => {
    const file = path.join(tmp.dir, 'nested', 'lib.sqlite');
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const labels = db.prepare('SELECT id, shortcut FROM labels ORDER BY sort_order').all();
    expect(labels).toEqual([
      { id: 'fact', shortcut: '1' },
      { id: 'opinion', shortcut: '2' },
      { id: 'allegation', shortcut: '3' },
      { id: 'source', shortcut: '8' },
      { id: 'cue', shortcut: '9' },
    ]);
    db.close();
  });

  it('reopens an existing library without re-running migrations', () => {
    const file = path.join(tmp.dir, 'lib.sqlite');
    const first = openDatabase(file);
    first.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
    first.close();
    const second = openDatabase(file);
    expect(second.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' });
    expect(second.prepare('SELECT count(*) AS n FROM labels').get()).toEqual({ n: 5 });
    second.close();
  });

  it('refuses a library from a newer schema and leaves the file byte for byte unchanged', () => {
    const file = path.join(tmp.dir, 'future.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future_things (x)');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    const failure = failureOf(() => openDatabase(file));
    expect(failure.error.code).toBe('unsupported');
    expect(failure.error.message).toMatch(/newer version of claimtag/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database and does not overwrite it', () => {
    const file = path.join(tmp.dir, 'notes.sqlite');
    fs.writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    const before = fs.readFileSync(file);
    const failure = failureOf(() => openDatabase(file));
    expect(failure.error.code).toBe('storage');
    expect(failure.error.message).toMatch(/not a SQLite database/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('migrate', () => {
  it('runs all pending steps in one transaction: a failing step leaves the old schema', () => {
    const db = new Database(path.join(tmp.dir, 'm.sqlite'));
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x)') },
      {
        version: 2,
        name: 'two fails midway',
        up: (d) => {
          d.exec('CREATE TABLE two (x)');
          throw new Error('power cut');
        },
      },
    ];
    expect(() => migrate(db, steps)).toThrow('power cut');
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
    db.close();
  });

  it('applies steps in order and records the version', () => {
    const db = new Database(path.join(tmp.dir, 'm2.sqlite'));
    const steps: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x)') },
      { version: 2, name: 'two', up: (d) => d.exec('ALTER TABLE one ADD COLUMN y') },
    ];
    expect(migrate(db, steps)).toEqual({ from: 0, to: 2 });
    expect(migrate(db, steps)).toEqual({ from: 2, to: 2 });
    db.close();
  });
});
