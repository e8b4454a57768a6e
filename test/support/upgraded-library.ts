// Test fixture (never imported by production code): a library file at schema 10, before stored
// fingerprints (migration 11), with documents written as that release wrote them.
import Database from 'better-sqlite3';
import { migrate } from '../../src/core/db/migrate';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { blocksOfLines } from '../../src/core/library-io/merge-import';
import { sha256Of } from '../../src/core/store/documents-repo';

/** Writes `file` at schema 10 holding one document per text (ids doc-0, doc-1, …). */
export function writeUpgradedLibrary(file: string, texts: readonly string[]): void {
  const db = new Database(file);
  try {
    migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
    const insert = db.prepare('INSERT INTO documents (id, title, source, text, sha256, blocks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => texts.forEach((t, i) => insert.run(`doc-${i}`, `Document ${i}`, 'v10', t, sha256Of(t), JSON.stringify(blocksOfLines(t)), new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString())))();
    if (db.pragma('user_version', { simple: true }) !== 10) throw new Error('the fixture is not at schema 10');
  } finally {
    db.close();
  }
}
