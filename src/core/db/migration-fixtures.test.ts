// Every released schema has a fixture: a library file as that release left it. Each is
// migrated by the current code and checked table by table. A migration killed midway
// (SIGKILL inside a heavy step) leaves exactly the old schema or exactly the new one.
// (A newer schema being refused untouched is tested in open-database.test.ts.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../api/dispatch';
import { createServices } from '../api/services';
import { childCommand, childEnv, REPO_ROOT } from '../../../test/support/child-runner';
import { dumpFile, integrityOf } from '../../../test/support/db-helpers';
import { sha256Of } from '../store/documents-repo';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import type { Result } from '../../shared/result';
import type { Annotation } from '../../shared/types';
import { LATEST_SCHEMA_VERSION, migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './open-database';

const FIXTURES = path.join(__dirname, '../../../test/db/migration-fixtures');
/**
 * Schema versions that shipped in a release. When a release ships a new schema, add its
 * version here and commit its fixture (make-fixture.ts); users have such files on disk.
 */
const RELEASED_SCHEMAS = [1];
const fixtures = fs
  .readdirSync(FIXTURES)
  .map((name) => /^v(\d+)\.sqlite$/.exec(name))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ version: Number(m[1]), file: path.join(FIXTURES, m[0]) }))
  .sort((a, b) => a.version - b.version);

/** Rows later migrations add to a released library on purpose (by id): the bundled source and cue labels (10). */
const BUNDLED_ROWS: Record<string, string[]> = { labels: ['source', 'cue'] };

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => (tmp = makeTempDir('claimtag-migrations-')));
afterAll(() => tmp.cleanup());

const copyFixture = (version: number, name = `v${version}-${Math.random().toString(36).slice(2)}.sqlite`): string => {
  const target = path.join(tmp.dir, name);
  fs.copyFileSync(path.join(FIXTURES, `v${version}.sqlite`), target);
  return target;
};

/** Tables, columns, indexes, triggers: everything that makes a schema, as text. */
function schemaOf(file: string): { version: number; objects: string[] } {
  const db = new Database(file, { readonly: true });
  try {
    const objects = (db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<Record<string, string>>).map(
      (o) => `${o.type} ${o.name} on ${o.tbl_name}: ${(o.sql ?? '').replace(/\s+/g, ' ')}`,
    );
    return { version: db.pragma('user_version', { simple: true }) as number, objects };
  } finally {
    db.close();
  }
}

describe('schema fixtures', () => {
  it('exist for every released schema version', () => {
    const have = fixtures.map((f) => f.version);
    for (const v of RELEASED_SCHEMAS) {
      expect(MIGRATIONS.map((m) => m.version)).toContain(v);
      expect(have, `a fixture for released schema ${v}: npx tsx ${path.relative(REPO_ROOT, FIXTURES)}/make-fixture.ts ${v}`).toContain(v);
    }
  });

  for (const fixture of fixtures) {
    it(`v${fixture.version} is migrated to v${LATEST_SCHEMA_VERSION} with every table and row intact`, () => {
      const file = copyFixture(fixture.version);
      expect(schemaOf(file).version).toBe(fixture.version);
      expect(integrityOf(file)).toBe('ok');
      const before = dumpFile(file);

      openDatabase(file).close();

      // Same schema as a library created today.
      const fresh = path.join(tmp.dir, `fresh-${fixture.version}.sqlite`);
      openDatabase(fresh).close();
      expect(schemaOf(file)).toEqual(schemaOf(fresh));
      expect(integrityOf(file)).toBe('ok');

      // Table by table: every row that was there is still there, column for column.
      const after = dumpFile(file);
      for (const [table, rows] of Object.entries(before)) {
        if (table === '__user_version') continue;
        expect(after[table], `table ${table} survives`).toBeDefined();
        const afterRows = after[table] as Array<Record<string, unknown>>;
        const bundled = BUNDLED_ROWS[table] ?? [];
        expect(afterRows, `rows of ${table}`).toHaveLength(rows.length + bundled.length);
        for (const id of bundled) expect(afterRows.map((r) => r.id), `${table} bundles ${id}`).toContain(id);
        for (const row of rows as Array<Record<string, unknown>>) {
          expect(afterRows, `a row of ${table}`).toContainEqual(expect.objectContaining(row));
        }
      }
    });
  }

  it('v1 data reads and writes through the current store and API after migrating', async () => {
    const file = copyFixture(1);
    const library = Library.open(file);
    try {
      expect(library.documents.list().map((d) => d.id).sort()).toEqual(['doc-bridge', 'doc-urdu']);
      for (const id of ['doc-bridge', 'doc-urdu']) {
        const d = library.documents.get(id);
        expect(d.sha256).toBe(sha256Of(d.text));
      }
      expect(library.annotators.list()).toEqual([
        { id: 'ann-ayesha', name: 'Ayesha Khan' },
        { id: 'ann-bilal', name: 'Bilal Ahmed' },
      ]);
      expect(library.labels.list().map((l) => [l.id, l.archived])).toEqual([
        ['fact', false],
        ['opinion', false],
        ['allegation', false],
        ['rumour', true],
        // bundled by migration 10; the library's own labels as they were
        ['source', false],
        ['cue', false],
      ]);
      expect(library.settings.get('current-annotator')).toBe('ann-ayesha');
      // Search (schema 2) indexed the documents that were already there.
      expect(library.documents.search('auditors').map((h) => h.documentId)).toEqual(['doc-bridge']);

      const dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => { throw new Error('no sample needed'); } }), (err) => {
        throw err;
      });
      const listed = (await dispatch('listAnnotations', { documentId: 'doc-bridge' })) as Result<Annotation[]>;
      expect(listed.ok && listed.value.map((a) => [a.id, a.annotatorName, a.labelId, a.quote.slice(0, 12)])).toEqual([
        ['a-1', 'Ayesha Khan', 'allegation', 'The minister'],
        ['a-2', 'Ayesha Khan', 'fact', 'Auditors say'],
        ['a-3', 'Bilal Ahmed', 'opinion', 'Auditors say'],
      ]);
      const urdu = (await dispatch('listAnnotations', { documentId: 'doc-urdu' })) as Result<Annotation[]>;
      expect(urdu.ok && urdu.value.map((a) => a.id)).toEqual(['a-5']); // a-4 was deleted in v1
      const created = await dispatch('createAnnotation', { documentId: 'doc-urdu', labelId: 'fact', start: 0, end: 3 });
      expect(created.ok).toBe(true);
    } finally {
      library.close();
    }
  });
});

interface ChildRun {
  lines: string[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runChild(command: string[], file: string, mode: 'slow' | 'fast', kill: { afterStepMs: number } | { afterSpawnMs: number }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, file, mode], { cwd: REPO_ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    const timers: NodeJS.Timeout[] = [setTimeout(() => child.kill('SIGKILL'), 20_000)];
    if ('afterSpawnMs' in kill) timers.push(setTimeout(() => child.kill('SIGKILL'), kill.afterSpawnMs));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if ('afterStepMs' in kill && out.includes('IN-STEP') && timers.length === 1) timers.push(setTimeout(() => child.kill('SIGKILL'), kill.afterStepMs));
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ lines: out.split('\n').filter(Boolean), signal, stderr });
    });
  });
}

describe('a migration killed midway', () => {
  it('leaves exactly the old schema or exactly the new one, and the real open then migrates', { timeout: 120_000 }, async () => {
    const command = childCommand(path.join(__dirname, '../../../test/reliability/migrate-crash-child.ts'), path.join(tmp.dir, 'migrate-child.cjs'));
    const file = copyFixture(1, 'killed.sqlite');
    openDatabase(file).close(); // the released library, at today's schema: the heavy step is what is pending
    const oldSchema = schemaOf(file);
    const oldData = dumpFile(file);

    let killsInsideStep = 0;
    let kills = 0;
    let sawNew: ReturnType<typeof schemaOf> | null = null;
    const modes: Array<['slow' | 'fast', { afterStepMs: number } | { afterSpawnMs: number }]> = [
      ['slow', { afterStepMs: 0 }],
      ['slow', { afterStepMs: 30 }],
      ['slow', { afterSpawnMs: 250 }],
      ['slow', { afterSpawnMs: 400 }],
      ['slow', { afterStepMs: 5 }],
      ['fast', { afterSpawnMs: 150 }],
      ['fast', { afterSpawnMs: 300 }],
      ['fast', { afterSpawnMs: 450 }],
    ];
    for (const [mode, kill] of modes) {
      const run = await runChild(command, file, mode, kill);
      const where = `${mode} ${JSON.stringify(kill)}: ${run.lines.join(' | ')} ${run.stderr}`;
      expect(integrityOf(file), where).toBe('ok');
      const schema = schemaOf(file);
      if (run.lines.some((l) => l.startsWith('DONE'))) {
        expect(schema.version, where).toBe(LATEST_SCHEMA_VERSION + 1);
        sawNew = schema;
        break;
      }
      expect(run.signal, where).toBe('SIGKILL');
      kills++;
      if (run.lines.includes('IN-STEP')) killsInsideStep++;
      if (schema.version === LATEST_SCHEMA_VERSION + 1) {
        // Killed after the commit, before DONE was printed: the whole new schema.
        sawNew = schema;
        break;
      }
      expect(schema, where).toEqual(oldSchema);
      expect(dumpFile(file), where).toEqual(oldData);
    }
    expect(killsInsideStep).toBeGreaterThanOrEqual(3);
    console.log(`migration kills: ${kills} SIGKILLs (${killsInsideStep} inside the heavy step), each left exactly the old schema and data; ${sawNew ? 'a fast run committed: exactly the new schema' : 'no fast run got to commit'}`);

    // Let one run finish, on a copy, to know the new schema exactly.
    const finished = path.join(tmp.dir, 'finished.sqlite');
    fs.copyFileSync(path.join(FIXTURES, 'v1.sqlite'), finished);
    openDatabase(finished).close();
    const done = await runChild(command, finished, 'fast', { afterSpawnMs: 60_000 });
    expect(done.lines.at(-1)).toBe(`DONE ${LATEST_SCHEMA_VERSION} ${LATEST_SCHEMA_VERSION + 1}`);
    const newSchema = schemaOf(finished);
    expect(newSchema.objects.some((o) => o.includes('crash_test_payload'))).toBe(true);
    expect(newSchema.objects.join('\n')).not.toEqual(oldSchema.objects.join('\n'));
    if (sawNew) expect(sawNew).toEqual(newSchema);
    else {
      // Still old after every kill: the real open sees nothing pending and works.
      const db = openDatabase(file);
      expect(db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 5 });
      db.close();
    }
  });

  it('a failing step in the real open leaves the released file as it was', () => {
    const file = copyFixture(1);
    const before = fs.readFileSync(file);
    const db = new Database(file);
    const failing = [...MIGRATIONS.filter((m) => m.version <= 1), { version: 2, name: 'fails', up: (d: Database.Database) => (d.exec('CREATE TABLE half (x)'), (() => { throw new Error('power cut'); })()) }];
    expect(() => migrate(db, failing)).toThrow('power cut');
    db.close();
    expect(schemaOf(file).version).toBe(1);
    expect(schemaOf(file).objects.join()).not.toContain('half');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
