// Migration 10 (#20): label roles and attributes, annotation attribute values, the relations
// table, and the bundled Source and Cue labels added only where their ids, names and keys are free.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpFile } from '../../../../test/support/db-helpers';
import { makeTempDir } from '../../../../test/support/temp-library';
import { migrate } from '../migrate';
import { MIGRATIONS } from '.';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => (tmp = makeTempDir('claimtag-m10-')));
afterAll(() => tmp.cleanup());

let n = 0;
/** A library at schema 9 with `setup` applied, then migrated; returns the open database and the dump before. */
function migrated(setup: string): { db: Database.Database; before: Record<string, unknown[]> } {
  const file = path.join(tmp.dir, `v9-${n++}.sqlite`);
  const v9 = new Database(file);
  migrate(v9, MIGRATIONS.filter((m) => m.version <= 9));
  v9.exec(setup);
  v9.close();
  const before = dumpFile(file);
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db);
  return { db, before };
}

const labelsOf = (db: Database.Database) => db.prepare('SELECT id, name, shortcut, role, archived FROM labels ORDER BY sort_order').all();

describe('migration 10', () => {
  it('makes every existing label a claim label and adds Source and Cue after them on keys 8 and 9', () => {
    const { db, before } = migrated(`
      INSERT INTO documents (id, title, text, sha256, blocks, created_at) VALUES ('d1', 'One', 'Alpha said beta.', 'h1', '[]', 'now');
      INSERT INTO annotators (id, name, created_at) VALUES ('me', 'Me', 'now');
      INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, created_at, updated_at) VALUES ('a1', 'd1', 'me', 'fact', 0, 5, 'Alpha', 'now', 'now');
    `);
    try {
      expect(labelsOf(db)).toEqual([
        { id: 'fact', name: 'Fact', shortcut: '1', role: 'claim', archived: 0 },
        { id: 'opinion', name: 'Opinion', shortcut: '2', role: 'claim', archived: 0 },
        { id: 'allegation', name: 'Allegation', shortcut: '3', role: 'claim', archived: 0 },
        { id: 'source', name: 'Source', shortcut: '8', role: 'source', archived: 0 },
        { id: 'cue', name: 'Cue', shortcut: '9', role: 'cue', archived: 0 },
      ]);
      // existing rows: as they were, with the new columns' defaults
      const annotation = db.prepare("SELECT * FROM annotations WHERE id = 'a1'").get() as Record<string, unknown>;
      expect(annotation).toEqual({ ...(before.annotations[0] as object), attribute_values: '{}' });
      expect(db.prepare("SELECT attributes FROM labels WHERE id = 'fact'").get()).toEqual({ attributes: '[]' });
      // per-label counts (migration 5) count the new labels' spans under their label
      db.prepare(
        "INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, created_at, updated_at) VALUES ('a2', 'd1', 'me', 'source', 0, 5, 'Alpha', 'now', 'now')",
      ).run();
      expect(db.prepare("SELECT label_id, n FROM document_label_counts WHERE document_id = 'd1' ORDER BY label_id").all()).toEqual([
        { label_id: 'fact', n: 1 },
        { label_id: 'source', n: 1 },
      ]);
    } finally {
      db.close();
    }
  });

  it('leaves a library’s own Source label, a label called “cue” and taken keys as they are', () => {
    const { db } = migrated(`
      INSERT INTO labels (id, name, color, shortcut, definition, sort_order) VALUES ('source', 'Where from', '#123456', '8', 'Our own.', 4);
      INSERT INTO labels (id, name, color, shortcut, definition, sort_order) VALUES ('quoted', 'CUE', '#123456', '', '', 5);
    `);
    try {
      expect(labelsOf(db)).toEqual([
        { id: 'fact', name: 'Fact', shortcut: '1', role: 'claim', archived: 0 },
        { id: 'opinion', name: 'Opinion', shortcut: '2', role: 'claim', archived: 0 },
        { id: 'allegation', name: 'Allegation', shortcut: '3', role: 'claim', archived: 0 },
        { id: 'source', name: 'Where from', shortcut: '8', role: 'claim', archived: 0 },
        { id: 'quoted', name: 'CUE', shortcut: '', role: 'claim', archived: 0 },
      ]);
    } finally {
      db.close();
    }
  });

  it('gives the new labels no key where an active label holds 8 or 9 (an archived one gives it up)', () => {
    const { db } = migrated(`
      INSERT INTO labels (id, name, color, shortcut, definition, sort_order) VALUES ('eight', 'Eight', '#123456', '8', '', 4);
      INSERT INTO labels (id, name, color, shortcut, definition, archived, sort_order) VALUES ('nine', 'Nine', '#123456', '9', '', 1, 5);
    `);
    try {
      expect(db.prepare("SELECT id, shortcut FROM labels WHERE id IN ('source', 'cue') ORDER BY sort_order").all()).toEqual([
        { id: 'source', shortcut: '' },
        { id: 'cue', shortcut: '9' },
      ]);
    } finally {
      db.close();
    }
  });

  it('keeps relations well formed: known kinds, live links unique, gone with their annotations', () => {
    const { db } = migrated(`
      INSERT INTO documents (id, title, text, sha256, blocks, created_at) VALUES ('d1', 'One', 'Alpha said beta.', 'h1', '[]', 'now');
      INSERT INTO annotators (id, name, created_at) VALUES ('me', 'Me', 'now');
      INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, created_at, updated_at) VALUES
        ('claim', 'd1', 'me', 'fact', 11, 15, 'beta', 'now', 'now'),
        ('who', 'd1', 'me', 'fact', 0, 5, 'Alpha', 'now', 'now');
    `);
    try {
      const link = db.prepare("INSERT INTO relations (id, document_id, annotator_id, kind, claim_id, target_id, created_at, deleted_at) VALUES (?, 'd1', 'me', ?, ?, ?, 'now', ?)");
      link.run('r1', 'source', 'claim', 'who', null);
      expect(() => link.run('r2', 'source', 'claim', 'who', null)).toThrow(/UNIQUE/);
      link.run('r3', 'source', 'claim', 'who', 'then'); // a deleted one beside the live one
      expect(() => link.run('r4', 'speaker', 'claim', 'who', null)).toThrow(/CHECK/);
      expect(() => link.run('r5', 'cue', 'claim', 'claim', null)).toThrow(/CHECK/);
      expect(() => link.run('r6', 'cue', 'claim', 'nowhere', null)).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare("UPDATE labels SET role = 'speaker' WHERE id = 'fact'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE annotations SET attribute_values = '[1]' WHERE id = 'claim'").run()).toThrow(/CHECK/);
      db.prepare("DELETE FROM annotations WHERE id = 'who'").run();
      expect(db.prepare('SELECT count(*) AS n FROM relations').get()).toEqual({ n: 0 });
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('leaves team mode’s outbox triggers working: setting attribute values queues her annotation', () => {
    const { db } = migrated(`
      INSERT INTO documents (id, title, text, sha256, blocks, created_at) VALUES ('d1', 'One', 'Alpha said beta.', 'h1', '[]', 'now');
      INSERT INTO annotators (id, name, created_at) VALUES ('me', 'Me', 'now'), ('other', 'Other', 'now');
      INSERT INTO settings (key, value) VALUES ('team:study', 's1'), ('team:annotator', 'me');
      INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, created_at, updated_at) VALUES
        ('mine', 'd1', 'me', 'fact', 0, 5, 'Alpha', 'now', 'now'),
        ('theirs', 'd1', 'other', 'fact', 0, 5, 'Alpha', 'now', 'now');
    `);
    try {
      const revision = () => db.prepare("SELECT row_id, revision FROM team_outbox WHERE kind = 'annotation' ORDER BY row_id").all();
      expect(revision()).toEqual([{ row_id: 'mine', revision: 1 }]);
      db.prepare(`UPDATE annotations SET attribute_values = '{"verdict":"true"}', updated_at = 'later' WHERE id IN ('mine', 'theirs')`).run();
      expect(revision()).toEqual([{ row_id: 'mine', revision: 2 }]);
    } finally {
      db.close();
    }
  });
});
