import type { Database } from 'better-sqlite3';
import { StatementCache } from './statement-cache';
import { FINGERPRINT_SCHEME, signatureBytes, type TextFingerprint } from '../similarity/text-fingerprint';

/**
 * The stored fingerprints of the documents' texts (migration 11): written by the documents
 * repository as it adds a document, removed with the document or when its text changes (SQL),
 * and filled in for documents that lack a current one (an upgraded library) in the background
 * after the library opens (fingerprint-backfill.ts), and by the similar-document check before it
 * compares.
 */
export class FingerprintsRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
  }

  /** Stores (or replaces) a document's fingerprint and its band buckets. */
  save(documentId: string, fingerprint: TextFingerprint): void {
    this.sql.get('DELETE FROM document_fingerprint_bands WHERE document_id = ?').run(documentId);
    this.sql
      .get('INSERT INTO document_fingerprints (document_id, scheme, signature) VALUES (?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET scheme = excluded.scheme, signature = excluded.signature')
      .run(documentId, FINGERPRINT_SCHEME, signatureBytes(fingerprint.signature));
    const band = this.sql.get('INSERT OR IGNORE INTO document_fingerprint_bands (bucket, document_id) VALUES (?, ?)');
    for (const bucket of fingerprint.buckets) band.run(bucket, documentId);
  }

  /** True when some document lacks a fingerprint of the current scheme (reads no text). */
  anyMissing(): boolean {
    return this.sql.get(`SELECT EXISTS (SELECT 1 FROM documents d WHERE ${MISSING}) AS missing`).pluck().get(FINGERPRINT_SCHEME) === 1;
  }

  /** True when document `id` is there with exactly `text` and lacks a fingerprint of the current scheme. */
  stillWithout(id: string, text: string): boolean {
    return this.sql.get(`SELECT EXISTS (SELECT 1 FROM documents d WHERE d.id = ? AND d.text = ? AND ${MISSING}) AS missing`).pluck().get(id, text, FINGERPRINT_SCHEME) === 1;
  }

  /**
   * Up to `limit` documents without a fingerprint of the current scheme, with their texts as
   * stored (not checked against their SHA-256: a damaged text is refused where it is shown).
   */
  textsWithout(limit: number): Array<{ id: string; text: string }> {
    return this.sql
      .get(`SELECT d.id, d.text FROM documents d WHERE d.id IN (SELECT d.id FROM documents d WHERE ${MISSING} LIMIT ?)`)
      .all(FINGERPRINT_SCHEME, limit) as Array<{ id: string; text: string }>;
  }
}

/** A document row `d` without a fingerprint of the scheme bound to the statement's first parameter. */
const MISSING = 'NOT EXISTS (SELECT 1 FROM document_fingerprints f WHERE f.document_id = d.id AND f.scheme = ?)';
