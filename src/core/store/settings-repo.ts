import type { Database } from 'better-sqlite3';
import { StatementCache } from './statement-cache';

/** Small key/value preferences that belong with the library (current annotator, last document). */
export class SettingsRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
  }

  get(key: string): string | null {
    const row = this.sql.get('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.sql
      .get('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }
}
