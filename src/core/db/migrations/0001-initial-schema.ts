import type { Migration } from './migration';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema: documents, annotators, labels, annotations, settings',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        source      TEXT NOT NULL DEFAULT '',
        text        TEXT NOT NULL,
        sha256      TEXT NOT NULL UNIQUE,
        blocks      TEXT NOT NULL,
        created_at  TEXT NOT NULL
      );

      CREATE TABLE annotators (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        created_at  TEXT NOT NULL
      );

      CREATE TABLE labels (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        color       TEXT NOT NULL,
        shortcut    TEXT NOT NULL,
        definition  TEXT NOT NULL DEFAULT '',
        archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        sort_order  INTEGER NOT NULL
      );

      CREATE TABLE annotations (
        id            TEXT PRIMARY KEY,
        document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id  TEXT NOT NULL REFERENCES annotators(id),
        label_id      TEXT NOT NULL REFERENCES labels(id),
        start_offset  INTEGER NOT NULL CHECK (start_offset >= 0),
        end_offset    INTEGER NOT NULL CHECK (end_offset > start_offset),
        quote         TEXT NOT NULL,
        prefix        TEXT NOT NULL DEFAULT '',
        suffix        TEXT NOT NULL DEFAULT '',
        note          TEXT NOT NULL DEFAULT '',
        attribution   TEXT NOT NULL DEFAULT '',
        confidence    TEXT CHECK (confidence IN ('low', 'medium', 'high')),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        deleted_at    TEXT
      );
      CREATE INDEX annotations_by_document ON annotations (document_id, start_offset, end_offset);

      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
    `);

    const insertLabel = db.prepare(
      'INSERT INTO labels (id, name, color, shortcut, definition, sort_order) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insertLabel.run('fact', 'Fact', '#2f7d4f', '1', 'A statement that can be checked against evidence and is presented as true.', 1);
    insertLabel.run('opinion', 'Opinion', '#2d6cb5', '2', "A judgement, belief or evaluation that expresses the writer's or a source's view.", 2);
    insertLabel.run('allegation', 'Allegation', '#b5562d', '3', 'A claim that someone did something wrong, asserted but not (yet) proven.', 3);
  },
};
