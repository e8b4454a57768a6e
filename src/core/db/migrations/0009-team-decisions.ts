import type { Migration } from './migration';

/**
 * Team mode carries adjudication decisions too. Each decision gets a team-wide id
 * (`team_id`, unique) and, when it came from a colleague through the server, that colleague's
 * server role (`team_owner`; NULL for decisions made in this library). The outbox accepts a
 * second kind, 'decision', keyed by team_id. A trigger queues a decision made here only in team
 * mode ("team:study" set) and only when this library's analyst is the study's adjudicator
 * ("team:adjudicator" = '1'); pulled decisions never queue. (These setting keys are frozen here;
 * src/core/team/local-team.ts uses the same ones.)
 * The outbox is rebuilt to widen its kind check; the annotation triggers of migration 8 are
 * dropped and re-created from their own stored SQL, unchanged.
 */
export const teamDecisions: Migration = {
  version: 9,
  name: 'team mode syncs adjudication decisions',
  up(db) {
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'annotations' AND sql LIKE '%team_outbox%'").all() as Array<{ name: string; sql: string }>;
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
    db.exec(`
      CREATE TABLE team_outbox_next (
        kind             TEXT NOT NULL CHECK (kind IN ('annotation', 'decision')),
        row_id           TEXT NOT NULL,
        revision         INTEGER NOT NULL CHECK (revision > 0),
        pushed_revision  INTEGER NOT NULL DEFAULT 0,
        changed_at       TEXT NOT NULL,
        refused          TEXT,
        PRIMARY KEY (kind, row_id)
      ) WITHOUT ROWID;
      INSERT INTO team_outbox_next SELECT kind, row_id, revision, pushed_revision, changed_at, refused FROM team_outbox;
      DROP TABLE team_outbox;
      ALTER TABLE team_outbox_next RENAME TO team_outbox;
      CREATE INDEX team_outbox_waiting ON team_outbox (kind, changed_at) WHERE revision > pushed_revision;

      ALTER TABLE adjudications ADD COLUMN team_id TEXT;
      ALTER TABLE adjudications ADD COLUMN team_owner TEXT;
      CREATE UNIQUE INDEX adjudications_by_team_id ON adjudications (team_id);

      CREATE TRIGGER team_outbox_on_decision AFTER INSERT ON adjudications
      WHEN NEW.team_owner IS NULL
        AND EXISTS (SELECT 1 FROM settings WHERE key = 'team:study')
        AND EXISTS (SELECT 1 FROM settings WHERE key = 'team:adjudicator' AND value = '1')
      BEGIN
        UPDATE adjudications SET team_id = lower(hex(randomblob(16))) WHERE id = NEW.id AND team_id IS NULL;
        INSERT INTO team_outbox (kind, row_id, revision, changed_at)
          SELECT 'decision', team_id, 1, NEW.decided_at FROM adjudications WHERE id = NEW.id
          ON CONFLICT (kind, row_id) DO UPDATE SET revision = revision + 1, changed_at = excluded.changed_at, refused = NULL;
      END;
    `);
    for (const t of triggers) db.exec(t.sql);
  },
};
