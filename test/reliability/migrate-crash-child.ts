// Child process for migration-fixtures.test.ts: migrates a library with the real steps plus
// one extra, heavy step (enough writes to spill uncommitted pages into the -wal), so the
// test can SIGKILL it inside the migration. In `slow` mode it then waits inside the step
// for ever; in `fast` mode it finishes and prints DONE.
//
// Usage: node --import tsx migrate-crash-child.ts <library file> slow|fast
import Database from 'better-sqlite3';
import { migrate } from '../../src/core/db/migrate';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../../src/core/db/migrations';
import type { Migration } from '../../src/core/db/migrations/migration';

const [file, mode] = process.argv.slice(2);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const heavyStep: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  name: 'test only: a large table and a changed annotations table',
  up(db) {
    db.exec('CREATE TABLE crash_test_payload (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO crash_test_payload (body) VALUES (randomblob(400))');
    for (let i = 0; i < 15_000; i++) insert.run();
    db.exec("ALTER TABLE annotations ADD COLUMN crash_test_column TEXT NOT NULL DEFAULT ''");
    db.exec("UPDATE annotations SET crash_test_column = 'migrated'");
    say('IN-STEP');
    if (mode === 'slow') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
};

const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('cache_size = -512'); // small cache: uncommitted pages reach the -wal before the commit
say('MIGRATING');
const { from, to } = migrate(db, [...MIGRATIONS, heavyStep]);
say(`DONE ${from} ${to}`);
db.close();
