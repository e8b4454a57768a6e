import type { Database } from 'better-sqlite3';
import { AppFailure } from '../../shared/result';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations';
import type { Migration } from './migrations/migration';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date. All pending steps run in one transaction, so a crash
 * leaves either the old schema or the new one. A newer schema is refused untouched.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = assertSchemaNotNewer(db, migrations);
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const step of pending) {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }
  }).immediate();
  return { from, to: schemaVersion(db) };
}

/** Returns the current schema version, or throws if it is newer than any step we know. */
export function assertSchemaNotNewer(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) {
    throw new AppFailure({
      code: 'unsupported',
      message: `This library was saved by a newer version of claimtag (schema ${current}; this version knows up to ${latest}). Update claimtag to open it; nothing was changed.`,
    });
  }
  return current;
}

export { LATEST_SCHEMA_VERSION };
