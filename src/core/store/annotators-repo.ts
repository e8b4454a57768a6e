import type { Database } from 'better-sqlite3';
import { StatementCache } from './statement-cache';
import type { Annotator } from '../../shared/types';
import { AppFailure } from '../../shared/result';
import { newId, nowIso } from './ids';

export class AnnotatorsRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
  }

  add(name: string, id: string = newId()): Annotator {
    const annotator = { id, name };
    this.sql.get('INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?)').run(annotator.id, name, nowIso());
    return annotator;
  }

  get(id: string): Annotator {
    const row = this.sql.get('SELECT id, name FROM annotators WHERE id = ?').get(id) as Annotator | undefined;
    if (!row) throw new AppFailure({ code: 'not-found', message: 'That annotator is not in this library.' });
    return row;
  }

  find(id: string): Annotator | null {
    return (this.sql.get('SELECT id, name FROM annotators WHERE id = ?').get(id) as Annotator | undefined) ?? null;
  }

  rename(id: string, name: string): Annotator {
    const info = this.sql.get('UPDATE annotators SET name = ? WHERE id = ?').run(name, id);
    if (info.changes === 0) throw new AppFailure({ code: 'not-found', message: 'That annotator is not in this library.' });
    return { id, name };
  }

  findByName(name: string): Annotator[] {
    return this.sql.get('SELECT id, name FROM annotators WHERE name = ?').all(name) as Annotator[];
  }

  list(): Annotator[] {
    return this.sql.get('SELECT id, name FROM annotators ORDER BY name').all() as Annotator[];
  }
}
