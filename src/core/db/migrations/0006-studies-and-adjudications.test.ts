// Migration 6 carries the adjudication logs kept as JSON arrays in `settings` over into the
// adjudications table, drops what cannot be shown, and leaves every other row as it was.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpFile } from '../../../../test/support/db-helpers';
import { makeTempDir } from '../../../../test/support/temp-library';
import { migrate } from '../migrate';
import { MIGRATIONS } from '.';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => (tmp = makeTempDir('claimtag-m6-')));
afterAll(() => tmp.cleanup());

const decisions = [
  { kind: 'accept', start: 0, end: 5, by: 'Lead', reason: 'clear', at: '2026-01-02T10:00:00.000Z' },
  { kind: 'reject', start: 6, end: 9, by: 'Lead', reason: '', at: '2026-01-02T10:01:00.000Z' },
  { kind: 'strange', start: 1, end: 2, by: 'x', reason: '', at: 'y' },
  { kind: 'new', start: 'a', end: 2, by: 'x', reason: '', at: 'y' },
];

function libraryAtSchema3(file: string): void {
  const db = new Database(file);
  migrate(db, MIGRATIONS.filter((m) => m.version <= 3));
  db.prepare("INSERT INTO documents (id, title, text, sha256, blocks, created_at) VALUES ('d1', 'One', 'Alpha beta gamma.', 'h1', '[]', 'now')").run();
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  set.run('adjudication:d1', JSON.stringify(decisions));
  set.run('adjudication:gone', JSON.stringify(decisions.slice(0, 1)));
  set.run('adjudication:broken', '{not json');
  set.run('current-annotator', 'a1');
  db.close();
}

describe('migration 6', () => {
  it('moves adjudication logs into the adjudications table and removes their settings keys', () => {
    const file = path.join(tmp.dir, 'v3.sqlite');
    libraryAtSchema3(file);
    const before = dumpFile(file);
    const db = new Database(file);
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, MIGRATIONS.filter((m) => m.version <= 6));
      const rows = db.prepare('SELECT document_id, kind, start_offset, end_offset, reason, decided_by, decided_at, label_id, span_start FROM adjudications ORDER BY id').all();
      expect(rows).toEqual([
        { document_id: 'd1', kind: 'accept', start_offset: 0, end_offset: 5, reason: 'clear', decided_by: 'Lead', decided_at: '2026-01-02T10:00:00.000Z', label_id: null, span_start: null },
        { document_id: 'd1', kind: 'reject', start_offset: 6, end_offset: 9, reason: '', decided_by: 'Lead', decided_at: '2026-01-02T10:01:00.000Z', label_id: null, span_start: null },
      ]);
      expect(db.prepare('SELECT key, value FROM settings ORDER BY key').all()).toEqual([{ key: 'current-annotator', value: 'a1' }]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // a document's log goes with it
      db.prepare("DELETE FROM documents WHERE id = 'd1'").run();
      expect(db.prepare('SELECT count(*) AS n FROM adjudications').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    const after = dumpFile(path.join(tmp.dir, 'v3.sqlite'));
    for (const table of ['annotators', 'labels', 'annotations', 'document_status']) expect(after[table]).toEqual(before[table]);
  });

  it('refuses an assignment of a document or analyst that is not in the study', () => {
    const file = path.join(tmp.dir, 'fk.sqlite');
    libraryAtSchema3(file);
    const db = new Database(file);
    try {
      db.pragma('foreign_keys = ON');
      migrate(db);
      db.prepare("INSERT INTO studies (id, name, tag_set, created_at) VALUES ('s1', 'Pilot', '[]', 'now')").run();
      db.prepare("INSERT INTO annotators (id, name, created_at) VALUES ('a1', 'Ayesha', 'now')").run();
      expect(() => db.prepare("INSERT INTO study_assignments VALUES ('s1', 'd1', 'a1', 'now')").run()).toThrow(/FOREIGN KEY/);
      db.prepare("INSERT INTO study_documents VALUES ('s1', 'd1', 0)").run();
      db.prepare("INSERT INTO study_analysts VALUES ('s1', 'a1')").run();
      db.prepare("INSERT INTO study_assignments VALUES ('s1', 'd1', 'a1', 'now')").run();
      db.prepare("DELETE FROM studies WHERE id = 's1'").run();
      expect(db.prepare('SELECT count(*) AS n FROM study_assignments').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
