import type { Migration } from './migration';

/** Guideline examples per label, and "done" marks per document and annotator. */
export const tagSetGuidelinesAndDone: Migration = {
  version: 3,
  name: 'label examples; document done status per annotator',
  up(db) {
    db.exec(`
      ALTER TABLE labels ADD COLUMN examples TEXT NOT NULL DEFAULT '{"positive":[],"negative":[]}';

      CREATE TABLE document_status (
        document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id  TEXT NOT NULL REFERENCES annotators(id),
        done_at       TEXT NOT NULL,
        PRIMARY KEY (document_id, annotator_id)
      );
    `);
    const setExamples = db.prepare('UPDATE labels SET examples = ? WHERE id = ?');
    setExamples.run(
      JSON.stringify({
        positive: ['The ministry said 1,200 people were displaced in March.'],
        negative: ['The ministry’s response was a disgrace.'],
      }),
      'fact',
    );
    setExamples.run(
      JSON.stringify({ positive: ['This was a reckless decision by the government.'], negative: ['The government announced the decision on Monday.'] }),
      'opinion',
    );
    setExamples.run(
      JSON.stringify({ positive: ['Officials are accused of diverting aid money.'], negative: ['An inquiry found that aid money was diverted.'] }),
      'allegation',
    );
  },
};
