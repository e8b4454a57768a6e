import type { Migration } from './migration';

/** Documents tagged blind: other analysts' layers stay hidden from each analyst until she marks it done. */
export const blindDocuments: Migration = {
  version: 4,
  name: 'blind mode per document',
  up(db) {
    db.exec(`
      CREATE TABLE blind_documents (
        document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        set_at       TEXT NOT NULL
      );
    `);
  },
};
