import type { Migration } from './migration';

/**
 * Annotation studies (documents, analysts, tag set and guideline version in force,
 * assignments), and the adjudication log as a table instead of a JSON array per document in
 * `settings` (key "adjudication:<documentId>"): existing logs are carried over row by row and
 * their settings keys removed. Entries of a log that are not decisions, or belong to a
 * document that no longer exists, are dropped (they could not be shown anyway).
 */
export const studiesAndAdjudications: Migration = {
  version: 6,
  name: 'studies with assignments; adjudications table',
  up(db) {
    db.exec(`
      CREATE TABLE studies (
        id                 TEXT PRIMARY KEY,
        name               TEXT NOT NULL UNIQUE,
        tag_set            TEXT NOT NULL,
        guideline_version  TEXT NOT NULL DEFAULT '',
        double_share       REAL NOT NULL DEFAULT 0 CHECK (double_share >= 0 AND double_share <= 1),
        created_at         TEXT NOT NULL
      );

      CREATE TABLE study_documents (
        study_id     TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
        document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        PRIMARY KEY (study_id, document_id)
      );

      CREATE TABLE study_analysts (
        study_id      TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
        annotator_id  TEXT NOT NULL REFERENCES annotators(id),
        PRIMARY KEY (study_id, annotator_id)
      );

      CREATE TABLE study_assignments (
        study_id      TEXT NOT NULL,
        document_id   TEXT NOT NULL,
        annotator_id  TEXT NOT NULL,
        assigned_at   TEXT NOT NULL,
        PRIMARY KEY (study_id, document_id, annotator_id),
        FOREIGN KEY (study_id, document_id) REFERENCES study_documents(study_id, document_id) ON DELETE CASCADE,
        FOREIGN KEY (study_id, annotator_id) REFERENCES study_analysts(study_id, annotator_id) ON DELETE CASCADE
      );
      CREATE INDEX study_assignments_by_annotator ON study_assignments (annotator_id, study_id);

      CREATE TABLE adjudications (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind           TEXT NOT NULL CHECK (kind IN ('accept', 'reject', 'new', 'auto-merge')),
        start_offset   INTEGER NOT NULL,
        end_offset     INTEGER NOT NULL,
        label_id       TEXT REFERENCES labels(id),
        span_start     INTEGER,
        span_end       INTEGER,
        source_annotator TEXT NOT NULL DEFAULT '',
        reason         TEXT NOT NULL DEFAULT '',
        decided_by     TEXT NOT NULL,
        decided_at     TEXT NOT NULL
      );
      CREATE INDEX adjudications_by_document ON adjudications (document_id, id);
    `);

    const logs = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'adjudication:%'").all() as Array<{ key: string; value: string }>;
    const documentExists = db.prepare('SELECT 1 FROM documents WHERE id = ?');
    const insert = db.prepare(
      'INSERT INTO adjudications (document_id, kind, start_offset, end_offset, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const removeLog = db.prepare('DELETE FROM settings WHERE key = ?');
    for (const { key, value } of logs) {
      const documentId = key.slice('adjudication:'.length);
      if (documentExists.get(documentId)) {
        let entries: unknown;
        try {
          entries = JSON.parse(value);
        } catch {
          entries = [];
        }
        for (const e of Array.isArray(entries) ? (entries as Array<Record<string, unknown>>) : []) {
          if (
            e && typeof e === 'object' &&
            ['accept', 'reject', 'new', 'auto-merge'].includes(e.kind as string) &&
            Number.isInteger(e.start) && Number.isInteger(e.end) &&
            typeof e.by === 'string' && typeof e.at === 'string'
          ) {
            insert.run(documentId, e.kind, e.start, e.end, typeof e.reason === 'string' ? e.reason : '', e.by, e.at);
          }
        }
      }
      removeLog.run(key);
    }
  },
};
