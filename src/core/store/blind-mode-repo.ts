import type { Database } from 'better-sqlite3';
import { StatementCache } from './statement-cache';
import type { SettingsRepo } from './settings-repo';
import { nowIso } from './ids';

const LIBRARY_KEY = 'blind-library';

/** Blind mode: for the whole library (a setting) or per document (a row each). */
export class BlindModeRepo {
  private readonly sql: StatementCache;

  constructor(db: Database, private readonly settings: SettingsRepo) {
    this.sql = new StatementCache(db);
  }

  library(): boolean {
    return this.settings.get(LIBRARY_KEY) === '1';
  }

  setLibrary(on: boolean): void {
    this.settings.set(LIBRARY_KEY, on ? '1' : '0');
  }

  documents(): string[] {
    return (this.sql.get('SELECT document_id FROM blind_documents ORDER BY document_id').all() as Array<{ document_id: string }>).map((r) => r.document_id);
  }

  document(documentId: string): boolean {
    return this.sql.get('SELECT 1 FROM blind_documents WHERE document_id = ?').get(documentId) !== undefined;
  }

  setDocument(documentId: string, on: boolean): void {
    if (on) this.sql.get('INSERT INTO blind_documents (document_id, set_at) VALUES (?, ?) ON CONFLICT DO NOTHING').run(documentId, nowIso());
    else this.sql.get('DELETE FROM blind_documents WHERE document_id = ?').run(documentId);
  }

  /** Whether `documentId` is blind, by its own mark or the library's. */
  appliesTo(documentId: string): boolean {
    return this.library() || this.document(documentId);
  }
}
