// Writes the library fixture for one released schema version, as that release left it on
// disk (WAL mode in the header, checkpointed). Run once per release, then commit the file:
//
//   npx tsx test/db/migration-fixtures/make-fixture.ts 1
//
// The rows are inserted with plain SQL against the v1 tables, with fixed ids and times, so
// the file only changes when the schema steps do. migration-fixtures.test.ts migrates every
// fixture with the current code and checks it table by table.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../../src/core/db/migrate';
import { MIGRATIONS } from '../../../src/core/db/migrations/index';

const version = Number(process.argv[2]);
if (!MIGRATIONS.some((m) => m.version === version)) throw new Error(`usage: make-fixture.ts <version>, one of ${MIGRATIONS.map((m) => m.version).join(', ')}`);
const file = path.join(__dirname, `v${version}.sqlite`);
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });

const TEXTS = [
  'The minister said the bridge was finished on time. Auditors say it opened two years late and 40% over budget.',
  'وزیر نے کہا کہ پل وقت پر مکمل ہوا۔ Critics 😀 call that “a fairy tale”; the contractor denies any wrongdoing.',
];
const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
const blocks = (t: string) => JSON.stringify([{ kind: 'paragraph', start: 0, end: t.length }]);
const T = '2026-01-15T10:00:00.000Z';

const db = new Database(file);
db.pragma('journal_mode = WAL');
migrate(db, MIGRATIONS.filter((m) => m.version <= 1));
db.transaction(() => {
  const doc = db.prepare('INSERT INTO documents (id, title, source, text, sha256, blocks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  doc.run('doc-bridge', 'Bridge finished on time?', 'bridge.txt', TEXTS[0], sha(TEXTS[0]), blocks(TEXTS[0]), T);
  doc.run('doc-urdu', 'پل — mixed scripts', 'mixed.md', TEXTS[1], sha(TEXTS[1]), blocks(TEXTS[1]), '2026-01-16T09:30:00.000Z');
  const who = db.prepare('INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?)');
  who.run('ann-ayesha', 'Ayesha Khan', T);
  who.run('ann-bilal', 'Bilal Ahmed', T);
  db.prepare('INSERT INTO labels (id, name, color, shortcut, definition, archived, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    'rumour', 'Rumour', '#7a5c99', '4', 'Unsourced claim passed on.', 1, 4,
  );
  const a = db.prepare(
    `INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, prefix, suffix, note, attribution, confidence, created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const add = (id: string, doc: number, who: string, label: string, start: number, end: number, extra: { note?: string; attribution?: string; confidence?: string | null; deleted?: string | null } = {}) => {
    const text = TEXTS[doc];
    a.run(id, doc === 0 ? 'doc-bridge' : 'doc-urdu', who, label, start, end, text.slice(start, end), text.slice(Math.max(0, start - 32), start), text.slice(end, end + 32),
      extra.note ?? '', extra.attribution ?? '', extra.confidence ?? null, T, T, extra.deleted ?? null);
  };
  add('a-1', 0, 'ann-ayesha', 'allegation', 0, 50, { attribution: 'the minister', confidence: 'high' });
  add('a-2', 0, 'ann-ayesha', 'fact', 51, 110, { note: 'Audit report, p. 12' });
  add('a-3', 0, 'ann-bilal', 'opinion', 51, 110, { confidence: 'low' });
  add('a-4', 1, 'ann-bilal', 'rumour', 0, 31, { deleted: '2026-01-17T08:00:00.000Z' });
  add('a-5', 1, 'ann-ayesha', 'opinion', 32, TEXTS[1].length, { note: 'emoji 😀 inside' });
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  set.run('current-annotator', 'ann-ayesha');
  set.run('last-document', 'doc-urdu');
})();
migrate(db, MIGRATIONS.filter((m) => m.version <= version));
db.exec('VACUUM');
db.close();
console.log(`wrote ${path.relative(process.cwd(), file)} (schema ${version}, ${fs.statSync(file).size} bytes)`);
