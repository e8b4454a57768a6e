import type { Migration } from './migration';

/**
 * Stored fingerprints for the similar-document check of an import (#14), so it no longer reads
 * every text of the library (see src/core/similarity/text-fingerprint.ts):
 * - document_fingerprints: one row per document, its MinHash signature and the scheme that made it;
 * - document_fingerprint_bands: the signature's LSH band buckets, indexed by bucket, so the
 *   documents sharing a band with an arriving text are one indexed lookup per band.
 * The documents repository writes a document's fingerprint when it adds the document. Deleting a
 * document, or changing its text, deletes its fingerprint (foreign keys and, for connections
 * without them, triggers): a deleted document is never a candidate, a changed text is
 * fingerprinted again.
 * documents_by_source: a W3C import finds the documents its file names by source without
 * reading every row (it named them by id, claimtag URN or source; it used to read every text).
 * Existing documents are not fingerprinted here (hashing every text would hold the library's
 * opening for minutes at 10,000 articles, inside the migration's one transaction): a document
 * without a current fingerprint is fingerprinted, in batches of their own transactions, before
 * the next similar-document check (src/core/library-io/similar-documents.ts), which never
 * compares with a document it has no fingerprint for.
 */
export const documentFingerprints: Migration = {
  version: 11,
  name: 'document fingerprints (MinHash signature, LSH band buckets) for the similar-document check; documents by source',
  up(db) {
    db.exec(`
      CREATE TABLE document_fingerprints (
        document_id  TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        scheme       INTEGER NOT NULL,
        signature    BLOB NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE document_fingerprint_bands (
        bucket       INTEGER NOT NULL,
        document_id  TEXT NOT NULL REFERENCES document_fingerprints(document_id) ON DELETE CASCADE,
        PRIMARY KEY (bucket, document_id)
      ) WITHOUT ROWID;
      CREATE INDEX document_fingerprint_bands_by_document ON document_fingerprint_bands (document_id);
      CREATE INDEX documents_by_source ON documents (source) WHERE source <> '';

      CREATE TRIGGER document_fingerprints_delete AFTER DELETE ON documents BEGIN
        DELETE FROM document_fingerprint_bands WHERE document_id = old.id;
        DELETE FROM document_fingerprints WHERE document_id = old.id;
      END;
      CREATE TRIGGER document_fingerprints_text AFTER UPDATE OF text ON documents BEGIN
        DELETE FROM document_fingerprint_bands WHERE document_id = old.id;
        DELETE FROM document_fingerprints WHERE document_id = old.id;
      END;
    `);
  },
};
