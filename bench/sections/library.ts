// Library scale (issue #14): libraries of 200, 2,000 and 10,000 articles of 30,000 characters
// with 250 annotations each (10,000 → 2.5 M annotations), generated once per run into a temp dir
// (bench/lib/library-fixture.ts). For each size, through the real services (dispatch, as IPC
// calls them): a tag, the library list's first page, search, opening an article, and exporting
// everything (claimtag JSON through the service; then every format's time and peak memory,
// bench/lib/export-memory.ts); each paired with a raw-SQLite baseline on the same file in the
// same run, and the growth ratio to the 200-article library.
//   BENCH_LIBRARY_SIZES=200,2000   other sizes (default 200,2000,10000)
import fs from 'node:fs';
import path from 'node:path';
import { performance as nodePerformance } from 'node:perf_hooks';
import { createDispatch } from '../../src/core/api/dispatch';
import type { HostPorts } from '../../src/core/api/host-ports';
import { createServices } from '../../src/core/api/services';
import { Library } from '../../src/core/store/library';
import { makeTempDir } from '../../test/support/temp-library';
import type { Result } from '../../src/shared/result';
import { startLibraryWorker } from '../../src/core/worker/library-worker-client';
import { measureExportEverything } from '../lib/export-memory';
import { buildLibraries } from '../lib/library-fixture';
import { Figures, timeRuns } from '../lib/result';

const SIZES = (process.env.BENCH_LIBRARY_SIZES ?? '200,2000,10000').split(',').map(Number);
const TAGS = 40;
const RUNS = 9;

export async function run() {
  const f = new Figures('library');
  const tmp = makeTempDir('claimtag-bench-library-');
  const details: Record<string, unknown> = {};
  try {
    const built = buildLibraries(tmp.dir, SIZES);
    details.generateSeconds = +(built.generateMs / 1000).toFixed(1);
    details.fileMB = Object.fromEntries(built.fileMB);
    const smallest = Math.min(...SIZES);
    for (const size of [...SIZES].sort((a, b) => a - b)) {
      const file = built.files.get(size)!;
      const library = Library.open(file);
      let exportTarget = path.join(tmp.dir, `export-${size}.json`);
      const ports: HostPorts = {
        chooseFilesToImport: async () => null,
        chooseExportPath: async () => exportTarget,
        chooseFileToOpen: async () => null,
      };
      const dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => { throw new Error('no sample'); }, ports }), (err) => {
        throw err;
      });
      const call = async <T>(method: string, payload: unknown): Promise<T> => {
        const r = (await dispatch(method, payload)) as Result<T>;
        if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
        return r.value;
      };
      const id = (k: string) => `${k}${size}`;
      const growth = (k: string) => (size === smallest ? {} : { baseline: `${k}${smallest}` });
      const docId = `doc-${Math.floor(size / 2)}`;
      const text = library.documents.textOf(docId);

      // A tag: createAnnotation through the services (validation, span checks, insert, triggers).
      let at = 0;
      const nextSpan = () => {
        // whole words in the middle of the article, a new span each time
        at = text.indexOf(' ', at + 97) + 1;
        return { start: at, end: text.indexOf(' ', at + 5) };
      };
      const tagTimes = await timeRuns(TAGS, async () => {
        const s = nextSpan();
        await call('createAnnotation', { documentId: docId, labelId: 'fact', start: s.start, end: s.end });
      }, 3);
      f.add(id('tag'), `${size} articles: a tag (createAnnotation service)`, tagTimes, {
        ...growth('tag'), percentiles: true, target: size === smallest ? { max: 5, text: '≤ 5 ms' } : { max: 5, maxRatioToBaseline: 1.5, text: '≤ 5 ms, ≤ 1.5× the 200-article library' },
      });
      const rawIns = library.db.prepare(
        `INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, prefix, suffix, note, attribution, confidence, created_at, updated_at)
         VALUES (?, ?, 'ann-ayesha', 'fact', ?, ?, ?, '', '', '', '', NULL, ?, ?)`,
      );
      let rawN = 0;
      f.baseline(id('rawTag'), `${size} articles: raw prepared INSERT of one annotation (autocommit)`, await timeRuns(TAGS, () => {
        const s = nextSpan();
        const now = new Date().toISOString();
        rawIns.run(`raw-${size}-${rawN++}`, docId, s.start, s.end, text.slice(s.start, s.end), now, now);
      }, 3));
      f.add(id('tagThenSummary'), `${size} articles: a tag + the document's list row (summary)`, await timeRuns(TAGS, async () => {
        const s = nextSpan();
        await call('createAnnotation', { documentId: docId, labelId: 'opinion', start: s.start, end: s.end });
        library.documents.summary(docId);
      }, 3), { role: 'diagnostic', ...growth('tagThenSummary') });

      // The library list: first page (newest first), and by annotations; the whole list as a diagnostic.
      const page = { offset: 0, limit: 50, sort: 'created', direction: 'desc', titleFilter: '' };
      f.add(id('listPage'), `${size} articles: library list, first page of 50 (listDocumentPage)`, await timeRuns(RUNS, () => call('listDocumentPage', page)), {
        ...growth('listPage'), target: { max: 50, text: '≤ 50 ms' },
      });
      f.add(id('listPageByCount'), `${size} articles: first page sorted by annotations`, await timeRuns(RUNS, () => call('listDocumentPage', { ...page, sort: 'annotations' })), { role: 'diagnostic' });
      f.add(id('listPageFiltered'), `${size} articles: first page, title filter "dispatch 1"`, await timeRuns(RUNS, () => call('listDocumentPage', { ...page, titleFilter: 'dispatch 1' })), { role: 'diagnostic' });
      const rawList = library.db.prepare('SELECT id, title, created_at FROM documents ORDER BY created_at DESC LIMIT 50');
      f.baseline(id('rawListPage'), `${size} articles: raw SELECT of 50 titles, newest first`, await timeRuns(RUNS, () => rawList.all()));
      f.add(id('listAll'), `${size} articles: the whole list (listDocuments)`, await timeRuns(3, () => call('listDocuments', {})), { role: 'diagnostic', ...growth('listAll') });

      // Search: a common two-word query and a rare word (ranked, snippets, 50 hits at most).
      f.add(id('search'), `${size} articles: search "minister border" (searchDocuments)`, await timeRuns(RUNS, () => call('searchDocuments', { query: 'minister border' })), {
        ...growth('search'), target: { max: 50, text: '≤ 50 ms' },
      });
      f.add(id('searchRare'), `${size} articles: search a rare word (one article)`, await timeRuns(RUNS, () => call('searchDocuments', { query: `${(Math.floor(size / 3)).toString(36)}` })), { role: 'diagnostic' });
      f.add(id('searchLetters'), `${size} articles: search 250 one-letter words (#15)`, await timeRuns(3, () => call('searchDocuments', { query: Array.from({ length: 250 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(' ') })), { role: 'diagnostic' });
      const rawSearch = library.db.prepare('SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? LIMIT 50');
      f.baseline(id('rawSearch'), `${size} articles: raw FTS5 MATCH, unranked, 50 rowids`, await timeRuns(RUNS, () => rawSearch.all('"minister"* "border"*')));

      // Opening an article: the document and its annotations.
      f.add(id('open'), `${size} articles: open an article (getDocument + listAnnotations)`, await timeRuns(RUNS, async () => {
        await call('getDocument', { id: docId });
        await call('listAnnotations', { documentId: docId });
      }), { ...growth('open') });
      const rawDoc = library.db.prepare('SELECT * FROM documents WHERE id = ?');
      const rawAnns = library.db.prepare('SELECT * FROM annotations WHERE document_id = ? AND deleted_at IS NULL ORDER BY start_offset');
      f.baseline(id('rawOpen'), `${size} articles: raw SELECT of the document and its annotations`, await timeRuns(RUNS, () => {
        rawDoc.get(docId);
        rawAnns.all(docId);
      }));

      // Export of everything (claimtag JSON), once per size; raw baseline reads every row.
      const exportRuns = size >= 10_000 ? 1 : 2;
      try {
        const times = await timeRuns(exportRuns, async () => {
          exportTarget = path.join(tmp.dir, `export-${size}-${Math.random().toString(36).slice(2)}.json`);
          await call('exportDocuments', { format: 'json' });
          fs.rmSync(exportTarget, { force: true });
        }, 0);
        f.add(id('exportAll'), `${size} articles: export everything (claimtag JSON)`, times, { ...growth('exportAll') });
      } catch (err) {
        details[`exportAll${size}`] = `failed: ${err instanceof Error ? err.message : String(err)}`;
        f.add(id('exportAll'), `${size} articles: export everything (claimtag JSON) — FAILED, see details`, [NaN]);
      }
      const everyDoc = library.db.prepare('SELECT * FROM documents');
      const everyAnn = library.db.prepare('SELECT * FROM annotations');
      f.baseline(id('rawReadAll'), `${size} articles: raw read of every document and annotation row`, await timeRuns(exportRuns, () => {
        let n = 0;
        for (const _ of everyDoc.iterate()) n++;
        for (const _ of everyAnn.iterate()) n++;
        return n;
      }, 0));
      // Every format, its time and memory (bench/lib/export-memory.ts).
      details[`exportFileMB${size}`] = await measureExportEverything(f, library, size, tmp.dir, growth);
      library.close();

      // The app's path: the same tag sent from this thread to the library's worker thread, as
      // Electron's main forwards it. Round trip, and this thread's own busy time per tag
      // (event-loop utilisation: what main spends, the rest runs in the worker).
      const worker = startLibraryWorker({ databasePath: file, dataDir: tmp.dir, resourcesDir: path.resolve(__dirname, '../../resources'), backupEveryMs: 0 });
      await worker.ready;
      const viaWorker = async () => {
        const s = nextSpan();
        const r = (await worker.dispatch('createAnnotation', { documentId: docId, labelId: 'allegation', start: s.start, end: s.end })) as Result<unknown>;
        if (!r.ok) throw new Error(`createAnnotation via worker: ${r.error.message}`);
      };
      f.add(id('workerTag'), `${size} articles: a tag through the library worker (round trip seen by main)`, await timeRuns(TAGS, viaWorker, 3), { ...growth('workerTag'), percentiles: true });
      const busy: number[] = [];
      for (let i = 0; i < TAGS; i++) {
        const before = nodePerformance.eventLoopUtilization();
        await viaWorker();
        busy.push(nodePerformance.eventLoopUtilization(before).active);
      }
      f.add(id('workerTagMain'), `${size} articles: main thread's own busy time per tag (worker path)`, busy, { ...growth('workerTagMain'), target: { max: 5, text: '≤ 5 ms' } });
      await worker.close();
    }
    // Growth ratios as their own rows, for the table.
    for (const k of ['tag', 'listPage', 'search', 'open']) {
      for (const size of SIZES.filter((s) => s !== smallest)) {
        const a = f.list.find((x) => x.id === `library.${k}${size}`);
        const b = f.list.find((x) => x.id === `library.${k}${smallest}`);
        if (a && b) f.add(`${k}Growth${size}`, `growth ${k}: ${size} ÷ ${smallest} articles`, [a.summary.median / b.summary.median], { unit: 'ratio', role: 'diagnostic' });
      }
    }
    return { figures: f.list, details };
  } finally {
    tmp.cleanup();
  }
}
