// A library of many articles for the library-scale bench, generated once per run into a temp dir:
// 30,000-character articles with 250 annotations each, written with raw prepared inserts in big
// transactions into a library created by the app (so its triggers — search index, summaries —
// maintain what they maintain in use). Sizes are built incrementally: the file is copied when it
// reaches each size, then growing continues. Articles come from a pool of distinct seeded texts,
// each given a unique first line, so every document has its own text and hash.
// Raw rows get no similarity fingerprints (migration 11): like an upgraded library, the first
// import's similar check fingerprints them (timed by bench/sections/similar.ts).
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/core/db/open-database';
import { sha256Of } from '../../src/core/store/documents-repo';
import { makeArticle, makeSpans, type Article, type Span } from './fixture';

export const ARTICLE_CHARS = 30_000;
export const ANNOTATIONS_PER_ARTICLE = 250;
const POOL = 64;
export const LIBRARY_ANNOTATORS = [
  { id: 'ann-ayesha', name: 'Ayesha' },
  { id: 'ann-bilal', name: 'Bilal' },
];

export interface LibraryFiles {
  /** size (articles) → library file */
  files: Map<number, string>;
  generateMs: number;
  fileMB: Map<number, number>;
}

export function buildLibraries(dir: string, sizes: readonly number[]): LibraryFiles {
  const t0 = performance.now();
  const pool: Array<{ article: Article; spans: Span[] }> = [];
  for (let i = 0; i < POOL; i++) {
    const article = makeArticle(1_000 + i, ARTICLE_CHARS);
    pool.push({ article, spans: makeSpans(article, ANNOTATIONS_PER_ARTICLE, 2_000 + i) });
  }
  const work = path.join(dir, 'growing.sqlite');
  const files = new Map<number, string>();
  const fileMB = new Map<number, number>();
  let db = openDatabase(work);
  db.pragma('synchronous = OFF'); // generation only; measurements reopen with the app's pragmas
  const insDoc = () => db.prepare('INSERT INTO documents (id, title, source, text, sha256, blocks, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insAnn = () =>
    db.prepare(
      `INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, prefix, suffix, note, attribution, confidence, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, '', '', '', '', NULL, ?, ?)`,
    );
  const insWho = db.prepare('INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?)');
  for (const a of LIBRARY_ANNOTATORS) insWho.run(a.id, a.name, '2025-01-01T00:00:00.000Z');
  db.prepare("INSERT INTO settings (key, value) VALUES ('current-annotator', ?)").run(LIBRARY_ANNOTATORS[0].id);
  let doc = insDoc();
  let ann = insAnn();
  let n = 0;
  for (const size of [...sizes].sort((a, b) => a - b)) {
    db.transaction(() => {
      for (; n < size; n++) {
        const { article, spans } = pool[n % POOL];
        const header = `Dispatch ${n} from desk ${(n * 7919) % 1000} — file ${n.toString(36)}\n`;
        const text = header + article.text;
        const blocks = JSON.stringify([{ kind: 'heading', level: 1, start: 0, end: header.length - 1 }, ...article.blocks.map((b) => ({ ...b, start: b.start + header.length, end: b.end + header.length }))]);
        const id = `doc-${n}`;
        const createdAt = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
        doc.run(id, `Dispatch ${n}: ${article.text.slice(0, 40)}`, 'bench', text, sha256Of(text), blocks, createdAt);
        spans.forEach((s, k) => {
          const start = s.start + header.length;
          const end = s.end + header.length;
          ann.run(`${id}-a${k}`, id, LIBRARY_ANNOTATORS[k % 2].id, s.label, start, end, text.slice(start, end), createdAt, createdAt);
        });
      }
    })();
    db.close();
    const file = path.join(dir, `library-${size}.sqlite`);
    fs.copyFileSync(work, file);
    files.set(size, file);
    fileMB.set(size, +(fs.statSync(file).size / 1e6).toFixed(0));
    db = openDatabase(work);
    db.pragma('synchronous = OFF');
    doc = insDoc();
    ann = insAnn();
  }
  db.close();
  fs.rmSync(work, { force: true });
  return { files, generateMs: performance.now() - t0, fileMB };
}
