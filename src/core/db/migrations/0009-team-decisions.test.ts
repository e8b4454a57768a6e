// Migration 9 widens the team outbox to decisions: queued annotation rows and every other row
// survive the rebuild, and migration 8's annotation triggers still queue afterwards.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpFile } from '../../../../test/support/db-helpers';
import { makeTempDir } from '../../../../test/support/temp-library';
import { migrate } from '../migrate';
import { MIGRATIONS } from '.';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => (tmp = makeTempDir('claimtag-m9-')));
afterAll(() => tmp.cleanup());

describe('migration 9', () => {
  it('keeps the queue and the annotation triggers; queues only the adjudicator’s own decisions', () => {
    const file = path.join(tmp.dir, 'v8.sqlite');
    const v8 = new Database(file);
    migrate(v8, MIGRATIONS.filter((m) => m.version <= 8));
    v8.exec(`
      INSERT INTO documents (id, title, text, sha256, blocks, created_at) VALUES ('d1', 'One', 'Alpha beta gamma.', 'h1', '[]', 'now');
      INSERT INTO annotators (id, name, created_at) VALUES ('me', 'Me', 'now');
      INSERT INTO settings (key, value) VALUES ('team:study', 's1'), ('team:annotator', 'me');
      INSERT INTO team_outbox (kind, row_id, revision, pushed_revision, changed_at) VALUES ('annotation', 'a0', 3, 2, 'then');
      INSERT INTO adjudications (document_id, kind, start_offset, end_offset, decided_by, decided_at) VALUES ('d1', 'reject', 0, 5, 'Me', 'then');
    `);
    v8.close();
    const before = dumpFile(file);
    const db = new Database(file);
    try {
      db.pragma('foreign_keys = ON');
      migrate(db);
      const after = dumpFile(file);
      expect(after.team_outbox).toEqual(before.team_outbox);
      expect(db.prepare('SELECT kind, team_id, team_owner FROM adjudications').all()).toEqual([{ kind: 'reject', team_id: null, team_owner: null }]);
      const label = (db.prepare('SELECT id FROM labels LIMIT 1').get() as { id: string }).id;
      db.prepare(
        "INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, created_at, updated_at) VALUES ('a1', 'd1', 'me', ?, 0, 5, 'Alpha', 'now', 'now')",
      ).run(label);
      const decide = () => db.prepare("INSERT INTO adjudications (document_id, kind, start_offset, end_offset, decided_by, decided_at) VALUES ('d1', 'reject', 6, 10, 'Me', 'now')").run();
      decide(); // not the adjudicator: stays local
      db.prepare("INSERT INTO settings (key, value) VALUES ('team:adjudicator', '1')").run();
      decide();
      const pulled = db.prepare("INSERT INTO adjudications (document_id, kind, start_offset, end_offset, decided_by, decided_at, team_id, team_owner) VALUES ('d1', 'reject', 11, 16, 'Lead', 'now', 'x1', 'carol')");
      pulled.run(); // a colleague's, arrived from the server: never queued
      const queued = db.prepare('SELECT kind, row_id FROM team_outbox ORDER BY kind, row_id').all() as Array<{ kind: string; row_id: string }>;
      const mine = db.prepare("SELECT team_id FROM adjudications WHERE start_offset = 6 AND team_id IS NOT NULL").all() as Array<{ team_id: string }>;
      expect(mine).toHaveLength(1);
      expect(queued).toEqual([{ kind: 'annotation', row_id: 'a0' }, { kind: 'annotation', row_id: 'a1' }, { kind: 'decision', row_id: mine[0].team_id }]);
      expect(() => pulled.run()).toThrow(/UNIQUE/);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
