import type { Migration } from './migration';

/**
 * Library summaries kept up to date by triggers as rows change, so the library list never
 * re-reads every text and every annotation:
 * - document_summaries: one row per document with its text length (in characters, SQLite's
 *   length()) and its number of live annotations;
 * - document_label_counts: live annotations per document, annotator and label (no row for zero).
 * A live annotation is one with deleted_at NULL. Covering indexes let the list page through
 * documents in created or title order without touching the rows that hold the texts.
 * Existing libraries are backfilled in the same step.
 */
export const librarySummaries: Migration = {
  version: 5,
  name: 'library summaries (lengths, label counts) kept by triggers; list indexes',
  up(db) {
    db.exec(`
      CREATE TABLE document_summaries (
        document_id  TEXT PRIMARY KEY,
        text_length  INTEGER NOT NULL,
        annotations  INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE INDEX document_summaries_by_length ON document_summaries (text_length);
      CREATE INDEX document_summaries_by_annotations ON document_summaries (annotations);

      CREATE TABLE document_label_counts (
        document_id   TEXT NOT NULL,
        annotator_id  TEXT NOT NULL,
        label_id      TEXT NOT NULL,
        n             INTEGER NOT NULL,
        PRIMARY KEY (document_id, annotator_id, label_id)
      ) WITHOUT ROWID;

      CREATE INDEX documents_listing ON documents (created_at DESC, title, id, source, sha256);
      CREATE INDEX documents_by_title ON documents (title COLLATE NOCASE, created_at, id, source, sha256);

      CREATE TRIGGER document_summaries_insert AFTER INSERT ON documents BEGIN
        INSERT INTO document_summaries (document_id, text_length) VALUES (new.id, length(new.text));
      END;
      CREATE TRIGGER document_summaries_text AFTER UPDATE OF text ON documents BEGIN
        UPDATE document_summaries SET text_length = length(new.text) WHERE document_id = new.id;
      END;
      CREATE TRIGGER document_summaries_delete AFTER DELETE ON documents BEGIN
        DELETE FROM document_summaries WHERE document_id = old.id;
        DELETE FROM document_label_counts WHERE document_id = old.id;
      END;

      CREATE TRIGGER annotation_counts_insert AFTER INSERT ON annotations WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO document_label_counts (document_id, annotator_id, label_id, n) VALUES (new.document_id, new.annotator_id, new.label_id, 1)
          ON CONFLICT (document_id, annotator_id, label_id) DO UPDATE SET n = n + 1;
        UPDATE document_summaries SET annotations = annotations + 1 WHERE document_id = new.document_id;
      END;
      CREATE TRIGGER annotation_counts_delete AFTER DELETE ON annotations WHEN old.deleted_at IS NULL BEGIN
        UPDATE document_label_counts SET n = n - 1 WHERE document_id = old.document_id AND annotator_id = old.annotator_id AND label_id = old.label_id;
        DELETE FROM document_label_counts WHERE document_id = old.document_id AND annotator_id = old.annotator_id AND label_id = old.label_id AND n <= 0;
        UPDATE document_summaries SET annotations = annotations - 1 WHERE document_id = old.document_id;
      END;
      CREATE TRIGGER annotation_counts_update_old AFTER UPDATE OF deleted_at, label_id, document_id, annotator_id ON annotations WHEN old.deleted_at IS NULL BEGIN
        UPDATE document_label_counts SET n = n - 1 WHERE document_id = old.document_id AND annotator_id = old.annotator_id AND label_id = old.label_id;
        DELETE FROM document_label_counts WHERE document_id = old.document_id AND annotator_id = old.annotator_id AND label_id = old.label_id AND n <= 0;
        UPDATE document_summaries SET annotations = annotations - 1 WHERE document_id = old.document_id;
      END;
      CREATE TRIGGER annotation_counts_update_new AFTER UPDATE OF deleted_at, label_id, document_id, annotator_id ON annotations WHEN new.deleted_at IS NULL BEGIN
        INSERT INTO document_label_counts (document_id, annotator_id, label_id, n) VALUES (new.document_id, new.annotator_id, new.label_id, 1)
          ON CONFLICT (document_id, annotator_id, label_id) DO UPDATE SET n = n + 1;
        UPDATE document_summaries SET annotations = annotations + 1 WHERE document_id = new.document_id;
      END;

      INSERT INTO document_summaries (document_id, text_length) SELECT id, length(text) FROM documents;
      INSERT INTO document_label_counts (document_id, annotator_id, label_id, n)
        SELECT document_id, annotator_id, label_id, count(*) FROM annotations WHERE deleted_at IS NULL GROUP BY document_id, annotator_id, label_id;
      UPDATE document_summaries SET annotations =
        (SELECT coalesce(sum(n), 0) FROM document_label_counts c WHERE c.document_id = document_summaries.document_id);
    `);
  },
};
