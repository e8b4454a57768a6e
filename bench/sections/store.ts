// Store: importing 100,000 annotations through the app's import path (claimtag JSON parse +
// mergeImport into a fresh library), and loading 10,000 for one document. Baselines: raw
// better-sqlite3 inserts of the same rows into the same schema in one transaction, and a
// plain prepared indexed select.
import fs from 'node:fs';
import path from 'node:path';
import { exportClaimtagJson } from '../../src/core/interchange/claimtag-json';
import { importClaimtagJson } from '../../src/core/interchange/claimtag-json-import';
import { mergeImport } from '../../src/core/library-io/merge-import';
import { openDatabase } from '../../src/core/db/open-database';
import { Library } from '../../src/core/store/library';
import { sha256Of } from '../../src/core/store/documents-repo';
import { makeTempDir } from '../../test/support/temp-library';
import type { Annotation, Bundle, DocumentRecord } from '../../src/shared/types';
import type { ParsedImport } from '../../src/core/interchange/types';
import { BENCH_LABELS, makeArticle, makeSpans } from '../lib/fixture';
import { Figures } from '../lib/result';

const DOCS = 10;
const PER_DOC = 10_000;
const RUNS = 3;

export async function run() {
  const f = new Figures('store');
  const tmp = makeTempDir('claimtag-bench-store-');
  try {
    // 10 documents × 10,000 annotations (three annotators), all seeded.
    const createdAt = '2025-06-02T10:00:00.000Z';
    const docs: DocumentRecord[] = [];
    const annotations: Annotation[] = [];
    for (let d = 0; d < DOCS; d++) {
      const article = makeArticle(100 + d);
      const id = `doc-${d}`;
      docs.push({ id, title: `Bench ${d}`, source: 'bench', text: article.text, sha256: sha256Of(article.text), blocks: article.blocks, createdAt });
      makeSpans(article, PER_DOC, 200 + d).forEach((s, i) => {
        const who = i % 3;
        annotations.push({
          id: `d${d}-a${i}`, documentId: id, annotatorId: `u${who}`, annotatorName: ['Ayesha', 'Bilal', 'Chen'][who], labelId: s.label,
          start: s.start, end: s.end, quote: article.text.slice(s.start, s.end), prefix: '', suffix: '', note: '', attribution: '', confidence: null,
          createdAt, updatedAt: createdAt, deletedAt: null,
        });
      });
    }
    const bundle: Bundle = { documents: docs, annotators: [{ id: 'u0', name: 'Ayesha' }, { id: 'u1', name: 'Bilal' }, { id: 'u2', name: 'Chen' }], labels: BENCH_LABELS, annotations };
    const fileText = exportClaimtagJson(bundle, { generatedAt: createdAt });
    let n = 0;
    const freshPath = () => path.join(tmp.dir, `lib-${n++}.sqlite`);

    // App path: parse + merge into a fresh library.
    const parseTimes: number[] = [];
    const mergeTimes: number[] = [];
    const totalTimes: number[] = [];
    let lastLib = '';
    let added = 0;
    for (let r = 0; r < RUNS; r++) {
      const file = freshPath();
      const library = Library.open(file);
      const t0 = performance.now();
      const parsed = importClaimtagJson(fileText);
      const t1 = performance.now();
      if (!parsed.ok) throw new Error(`parse failed: ${parsed.error.message}`);
      const report = mergeImport(library, parsed.value as ParsedImport);
      const t2 = performance.now();
      added = report.annotationsAdded;
      library.close();
      parseTimes.push(t1 - t0);
      mergeTimes.push(t2 - t1);
      totalTimes.push(t2 - t0);
      lastLib = file;
    }
    if (added !== DOCS * PER_DOC) throw new Error(`mergeImport added ${added}, expected ${DOCS * PER_DOC}`);

    /** The raw baselines' documents and annotators, before their annotation rows. */
    const insertDocumentsAndAnnotators = (db: ReturnType<typeof openDatabase>) => {
      const insDoc = db.prepare('INSERT INTO documents (id, title, source, text, sha256, blocks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const d of docs) insDoc.run(d.id, d.title, d.source, d.text, d.sha256, JSON.stringify(d.blocks), d.createdAt);
      const insWho = db.prepare('INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?)');
      for (const a of bundle.annotators) insWho.run(a.id, a.name, createdAt);
    };

    // Baseline: the same rows, same schema and pragmas, raw prepared inserts in one transaction.
    const rawTimes: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const db = openDatabase(freshPath());
      const t0 = performance.now();
      db.transaction(() => {
        insertDocumentsAndAnnotators(db);
        const ins = db.prepare(
          `INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, prefix, suffix, note, attribution, confidence, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const a of annotations) ins.run(a.id, a.documentId, a.annotatorId, a.labelId, a.start, a.end, a.quote, a.prefix, a.suffix, a.note, a.attribution, a.confidence, a.createdAt, a.updatedAt);
      })();
      rawTimes.push(performance.now() - t0);
      db.close();
    }

    // Diagnostic: the same raw inserts, 32 rows per INSERT statement as mergeImport writes them
    // (AnnotationsRepo.importer), to show what batching alone buys over the per-row baseline.
    const rawBatchedTimes: number[] = [];
    const BATCH = 32;
    for (let r = 0; r < RUNS; r++) {
      const db = openDatabase(freshPath());
      const t0 = performance.now();
      db.transaction(() => {
        insertDocumentsAndAnnotators(db);
        const insert = (rows: number) =>
          db.prepare(
            `INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, prefix, suffix, note, attribution, confidence, created_at, updated_at)
             VALUES ${Array<string>(rows).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          );
        const ins = insert(BATCH);
        const params: unknown[] = [];
        for (let i = 0; i < annotations.length; i += BATCH) {
          const rows = annotations.slice(i, i + BATCH);
          params.length = 0;
          for (const a of rows) params.push(a.id, a.documentId, a.annotatorId, a.labelId, a.start, a.end, a.quote, a.prefix, a.suffix, a.note, a.attribution, a.confidence, a.createdAt, a.updatedAt);
          (rows.length === BATCH ? ins : insert(rows.length)).run(params);
        }
      })();
      rawBatchedTimes.push(performance.now() - t0);
      db.close();
    }

    // Diagnostics: what the per-row work in mergeImport costs on its own.
    const diag = openDatabase(freshPath());
    const prepareTimes: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      for (let i = 0; i < 20_000; i++)
        diag.prepare('SELECT id FROM annotations WHERE document_id = ? AND annotator_id = ? AND label_id = ? AND start_offset = ? AND end_offset = ? AND deleted_at IS NULL');
      prepareTimes.push((performance.now() - t0) * 5);
    }
    diag.close();

    f.add('import100k', 'import 100k annotations (parse + mergeImport)', totalTimes, { baseline: 'raw100k', target: { maxRatioToBaseline: 1.5, text: '≤ 1.5× raw' } });
    f.add('merge100k', '  of which mergeImport (write)', mergeTimes, { role: 'diagnostic', baseline: 'raw100k' });
    f.add('parse100k', '  of which parse claimtag JSON', parseTimes, { role: 'diagnostic' });
    f.baseline('raw100k', 'raw better-sqlite3: 100k prepared inserts, 1 transaction', rawTimes);
    f.add('rawBatched100k', 'diagnostic: the same raw inserts, 32 rows per statement', rawBatchedTimes, { role: 'diagnostic', baseline: 'raw100k' });
    f.add('prepare100k', 'diagnostic: db.prepare(findSame SQL) alone, per 100k (20k timed ×5)', prepareTimes, { role: 'diagnostic' });

    // Loading 10k annotations for one document, from the library with 100k.
    const library = Library.open(lastLib);
    const docId = 'doc-3';
    const count = library.annotations.listForDocument(docId).length;
    if (count !== PER_DOC) throw new Error(`listForDocument returned ${count}`);
    const loadTimes: number[] = [];
    const plainTimes: number[] = [];
    const plain = library.db.prepare('SELECT * FROM annotations WHERE document_id = ? AND deleted_at IS NULL ORDER BY start_offset, end_offset DESC');
    const plainNoOrder = library.db.prepare('SELECT * FROM annotations WHERE document_id = ?');
    for (let i = 0; i < 2; i++) {
      library.annotations.listForDocument(docId);
      plain.all(docId);
    }
    const noOrderTimes: number[] = [];
    for (let r = 0; r < 7; r++) {
      let t0 = performance.now();
      library.annotations.listForDocument(docId);
      loadTimes.push(performance.now() - t0);
      t0 = performance.now();
      plain.all(docId);
      plainTimes.push(performance.now() - t0);
      t0 = performance.now();
      plainNoOrder.all(docId);
      noOrderTimes.push(performance.now() - t0);
    }
    const plan = library.db
      .prepare(`EXPLAIN QUERY PLAN SELECT a.*, n.name AS annotator_name FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE a.document_id = ? AND a.deleted_at IS NULL ORDER BY a.start_offset, a.end_offset DESC, a.created_at`)
      .all('doc-3') as Array<{ detail: string }>;
    library.close();
    f.add('load10k', 'load 10k annotations of a document (listForDocument)', loadTimes, { baseline: 'plainSelect10k', target: { maxRatioToBaseline: 1.5, text: '≤ 1.5× raw' } });
    f.baseline('plainSelect10k', 'plain prepared indexed select (same rows, same order)', plainTimes);
    f.add('plainSelectNoOrder10k', 'diagnostic: indexed select without ORDER BY', noOrderTimes, { role: 'diagnostic' });
    return { figures: f.list, details: { annotations: annotations.length, documents: DOCS, fileMB: +(Buffer.byteLength(fileText) / 1e6).toFixed(1), listForDocumentPlan: plan.map((p) => p.detail) } };
  } finally {
    tmp.cleanup();
    fs.rmSync(tmp.dir, { recursive: true, force: true });
  }
}
