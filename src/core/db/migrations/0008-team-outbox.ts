import type { Migration } from './migration';

/**
 * Team mode's outbox: one row per annotation of mine that the team server must receive, with a
 * local revision that grows on every change and the revision the server last acknowledged.
 * Triggers fill it, so every path that writes annotations (tagging, editing, deleting, undo,
 * label merges, adjudication, imports) is caught. Only in team mode ("team:study" is set), and
 * only for the analyst's own annotator ("team:annotator") and the library's reference
 * ("reference-annotator"): colleagues' rows pulled from the server never queue.
 * (These setting keys are frozen here; src/core/team/local-team.ts uses the same ones.)
 */
const QUEUE = `
  INSERT INTO team_outbox (kind, row_id, revision, changed_at) VALUES ('annotation', NEW.id, 1, NEW.updated_at)
  ON CONFLICT (kind, row_id) DO UPDATE SET revision = revision + 1, changed_at = excluded.changed_at, refused = NULL;`;
const MINE = `EXISTS (SELECT 1 FROM settings WHERE key = 'team:study')
  AND NEW.annotator_id IN (SELECT value FROM settings WHERE key IN ('team:annotator', 'reference-annotator'))`;

export const teamOutbox: Migration = {
  version: 8,
  name: 'team mode outbox',
  up(db) {
    db.exec(`
      CREATE TABLE team_outbox (
        kind             TEXT NOT NULL CHECK (kind IN ('annotation')),
        row_id           TEXT NOT NULL,
        revision         INTEGER NOT NULL CHECK (revision > 0),
        pushed_revision  INTEGER NOT NULL DEFAULT 0,
        changed_at       TEXT NOT NULL,
        refused          TEXT,
        PRIMARY KEY (kind, row_id)
      ) WITHOUT ROWID;
      CREATE INDEX team_outbox_waiting ON team_outbox (kind, changed_at) WHERE revision > pushed_revision;
      CREATE TRIGGER team_outbox_on_insert AFTER INSERT ON annotations WHEN ${MINE} BEGIN ${QUEUE} END;
      CREATE TRIGGER team_outbox_on_update AFTER UPDATE ON annotations WHEN ${MINE} BEGIN ${QUEUE} END;
    `);
  },
};
