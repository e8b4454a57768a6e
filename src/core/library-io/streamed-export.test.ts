// Library-wide exports are written a document at a time (issue #14: "Export of everything fails
// at 10,000 articles: Invalid string length"): every format yields parts of at most about one
// document, written in chunks to an atomic temp file (brat: a temp folder moved into place). The
// chunk size is injectable, so a small library whose file is many times that budget proves the
// streamed file is byte for byte what the one-string exporter wrote (the library golden files
// were written by the exporters as they were before streaming), without gigabytes in a test.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORT_FORMAT_IDS } from '../../shared/export-formats';
import type { Bundle } from '../../shared/types';
import { EXPORT_SUMMARY_SUFFIX, exportFormats, summaryFor, type ExportFormatId, type ExportOutput } from '../interchange';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { JobRunner, jobNumber, markCancelled, newCancelBoard } from '../jobs/job-runner';
import { GENERATED_AT, unicodeBundle } from '../../../test/interchange/test-bundle';
import { libraryBundle, manyDocumentsBundle } from '../../../test/interchange/library-bundle';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { chunksOf, exportBundle } from './export-bundle';
import { importPaths } from './import-paths';
import { loadBundle } from './load-bundle';

const BUDGET = 200;
const GOLDEN = path.join(__dirname, '../../../test/interchange/golden/library');
/** Every format written here (pdf is the HTML report printed by Chromium). */
const FORMATS = EXPORT_FORMAT_IDS.filter((id): id is ExportFormatId => id !== 'pdf');
const FILE_FORMATS = FORMATS.filter((id) => EXPORT_FORMATS[id].output === 'file');

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;

beforeEach(() => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'lib.sqlite'));
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

/** A real library holding the small library's six documents (emoji, RTL, CRLF, U+2028, formula-looking notes, sources, cues, verdicts, three annotators). */
async function fillLibrary(): Promise<Bundle> {
  const file = path.join(tmp.dir, 'library.json');
  fs.writeFileSync(file, exportClaimtagJson(libraryBundle()));
  const outcomes = await importPaths(library, [file], {});
  expect(outcomes.every((o) => o.ok)).toBe(true);
  return loadBundle(library, { documents: 'all' });
}

function oneString(bundle: Bundle, target: ExportFormatId): Extract<ExportOutput, { kind: 'file' }> {
  const output = exportFormats[target].export(bundle, { generatedAt: GENERATED_AT });
  if (output.kind !== 'file') throw new Error('expected one file');
  return output;
}

/** Every file under `dir`, by "/"-separated path, with its bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full));
  }
  return files;
}

/** Temp files or folders a writer left behind. */
const leftovers = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

const outFor = (target: ExportFormatId, name: string): string => path.join(tmp.dir, EXPORT_FORMATS[target].output === 'folder' ? name : `${name}${EXPORT_FORMATS[target].extension}`);

describe('every format, streamed, is byte for byte the one-string export', () => {
  for (const target of FORMATS) {
    it(`${target}: the small library's golden output (written before streaming), through the chunked writer`, async () => {
      const out = outFor(target, 'library');
      const written = await exportBundle(libraryBundle(), target, out, { generatedAt: GENERATED_AT, chunkChars: 64 });
      if (target === 'brat') {
        const golden = readTree(path.join(GOLDEN, 'brat'));
        const actual = readTree(out);
        expect([...actual.keys()].sort()).toEqual([...golden.keys()].sort());
        for (const [name, bytes] of golden) expect(actual.get(name), name).toEqual(bytes);
        expect(written.length).toBe(golden.size);
      } else {
        const base = `library-${target}`;
        expect(fs.readFileSync(out)).toEqual(fs.readFileSync(path.join(GOLDEN, `${base}${EXPORT_FORMATS[target].extension}`)));
        for (const suffix of Object.keys(oneString(libraryBundle(), target).companions ?? {})) {
          expect(fs.readFileSync(out.slice(0, -path.extname(out).length) + suffix)).toEqual(fs.readFileSync(path.join(GOLDEN, `${base}${suffix}`)));
        }
      }
      expect(leftovers(tmp.dir)).toEqual([]);
    });
  }

  for (const target of FILE_FORMATS) {
    it(`${target}: a real library's export, chunk by chunk, with its companions and summary`, async () => {
      const bundle = await fillLibrary();
      expect(bundle.documents.length).toBe(6);
      const expected = oneString(bundle, target);
      expect(expected.text.length).toBeGreaterThan(10 * BUDGET);
      const out = outFor(target, 'all');
      const progress: number[] = [];
      const written = await exportBundle(bundle, target, out, { generatedAt: GENERATED_AT, chunkChars: BUDGET, onWritten: (n) => progress.push(n) });
      expect(fs.readFileSync(out)).toEqual(Buffer.from(expected.text, 'utf8'));
      const base = out.slice(0, -path.extname(out).length);
      const companions = Object.entries(expected.companions ?? {});
      for (const [suffix, text] of companions) expect(fs.readFileSync(base + suffix, 'utf8')).toBe(text);
      // The summary beside the file (what the format leaves out) is the one the one-string export makes.
      const summary = summaryFor(target, expected);
      expect(written).toEqual([out, ...companions.map(([suffix]) => base + suffix), ...(summary === null ? [] : [base + EXPORT_SUMMARY_SUFFIX])]);
      if (summary !== null) expect(fs.readFileSync(base + EXPORT_SUMMARY_SUFFIX, 'utf8')).toBe(summary);
      // Several writes, not the whole file at once (how small each is: 'a document at a time' below).
      expect(progress.length).toBeGreaterThan(2);
      expect(progress.at(-1)).toBe(expected.text.length);
      expect(leftovers(tmp.dir)).toEqual([]);
    });

    it(`${target}: empty lists and a document with no claims come out the same as the one-string export`, async () => {
      const bundle = { ...unicodeBundle(), annotations: [], annotators: [] };
      const out = outFor(target, 'empty');
      await exportBundle(bundle, target, out, { chunkChars: 16, generatedAt: GENERATED_AT });
      expect(fs.readFileSync(out, 'utf8')).toBe(oneString(bundle, target).text);
    });

    it(`${target}: cancelled half way, the file already there is untouched and no temp file is left`, async () => {
      const bundle = await fillLibrary();
      const out = outFor(target, 'all');
      fs.writeFileSync(out, 'the previous export');
      const controller = new AbortController();
      const attempt = exportBundle(bundle, target, out, {
        chunkChars: BUDGET,
        signal: controller.signal,
        onWritten: (n) => n > 3 * BUDGET && controller.abort(),
      });
      await expect(attempt).rejects.toMatchObject({ error: { code: 'cancelled' } });
      expect(fs.readFileSync(out, 'utf8')).toBe('the previous export');
      expect(fs.readdirSync(tmp.dir).sort()).toEqual(['all' + EXPORT_FORMATS[target].extension, 'lib.sqlite', 'lib.sqlite-shm', 'lib.sqlite-wal', 'library.json'].sort());
    });
  }

  it('brat: a real library streamed into a folder is the one-string export, file for file', async () => {
    const bundle = await fillLibrary();
    const expected = exportFormats.brat.export(bundle, { generatedAt: GENERATED_AT });
    if (expected.kind !== 'files') throw new Error('expected files');
    const out = outFor('brat', 'all');
    const written = await exportBundle(bundle, 'brat', out, { chunkChars: 16 });
    const actual = readTree(out);
    expect([...actual.keys()]).toEqual(expect.arrayContaining(Object.keys(expected.files)));
    expect(actual.size).toBe(Object.keys(expected.files).length);
    for (const [name, text] of Object.entries(expected.files)) expect(actual.get(name)?.toString('utf8'), name).toBe(text);
    // In file order: each document's pairs, then the conf files, the manifest and the summary.
    expect(written).toEqual(Object.keys(expected.files).map((name) => path.join(out, name)));
    expect(leftovers(tmp.dir)).toEqual([]);
  });

  it('brat: into a folder that exists, its other files are kept and same-named ones replaced', async () => {
    const bundle = await fillLibrary();
    const out = outFor('brat', 'all');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'mine');
    fs.writeFileSync(path.join(out, 'annotation.conf'), 'old conf');
    await exportBundle(bundle, 'brat', out, {});
    expect(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(fs.readFileSync(path.join(out, 'annotation.conf'), 'utf8')).not.toBe('old conf');
    expect(leftovers(tmp.dir)).toEqual([]);
  });
});

describe('a document at a time', () => {
  const COPIES = 12;

  /** The largest whole export of one document of the bundle alone, in characters (a folder: all its files). */
  function oneDocumentsWorth(bundle: Bundle, target: ExportFormatId): number {
    let most = 0;
    for (const d of bundle.documents) {
      const out = exportFormats[target].export(bundle, { generatedAt: GENERATED_AT, documentIds: [d.id] });
      most = Math.max(most, out.kind === 'file' ? out.text.length : Object.values(out.files).reduce((n, t) => n + t.length, 0));
    }
    return most;
  }

  for (const target of FORMATS) {
    it(`${target}: no write holds more than about one document, and progress is told after each document`, async () => {
      const bundle = manyDocumentsBundle(COPIES);
      const documents = bundle.documents.length;
      expect(documents).toBe(6 * COPIES);
      const worth = oneDocumentsWorth(bundle, target);
      const writes: number[] = [];
      const told: Array<[number, number]> = [];
      // A budget of one character writes every part the exporter made on its own.
      await exportBundle(bundle, target, outFor(target, 'many'), {
        generatedAt: GENERATED_AT,
        chunkChars: 1,
        onWritten: (n) => writes.push(n),
        onDocument: (done, total) => told.push([done, total]),
      });
      const sizes = writes.map((n, i) => n - (writes[i - 1] ?? 0));
      const whole = writes.at(-1)!;
      // The whole export is many documents' worth, so a format that went back to one string fails here.
      expect(whole).toBeGreaterThan(6 * worth);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(2 * worth);
      // ClaimReview writes rated claims only (the structure article's, once per copy).
      expect(sizes.length).toBeGreaterThanOrEqual(target === 'claimreview' ? COPIES : documents);
      expect(told).toEqual(Array.from({ length: documents }, (_, i) => [i + 1, documents]));
    });

    it(`${target}: a cancel on the job's cancel board stops it between documents, leaving nothing behind`, async () => {
      const bundle = manyDocumentsBundle(2);
      const out = outFor(target, 'cancelled');
      if (EXPORT_FORMATS[target].output === 'file') fs.writeFileSync(out, 'the previous export');
      const board = newCancelBoard();
      const jobs = new JobRunner({ emit: () => {}, cancelBoard: board });
      let documentsMade = 0;
      const attempt = jobs.run('export', 'cancelled', (job) =>
        exportBundle(bundle, target, out, {
          check: () => job.check(),
          // Another thread marks the board (as the app's main does) once three documents are made.
          onDocument: (done) => {
            documentsMade = done;
            if (done === 3) markCancelled(board, jobNumber(job.jobId, 'job-')!);
          },
        }),
      );
      await expect(attempt).rejects.toMatchObject({ error: { code: 'cancelled' } });
      expect(documentsMade).toBe(3);
      if (EXPORT_FORMATS[target].output === 'file') expect(fs.readFileSync(out, 'utf8')).toBe('the previous export');
      else expect(fs.existsSync(out)).toBe(false);
      expect(fs.readdirSync(tmp.dir).filter((f) => f !== path.basename(out) && !f.startsWith('lib.sqlite'))).toEqual([]);
    });
  }
});

describe('doccano in chunks, grapheme mode', () => {
  it('the summary written after the last line lists the claims widened to whole graphemes, as the one-string export does', async () => {
    const bundle = unicodeBundle();
    // A claim ending inside "e\u0301" (after the e, before its accent).
    const cafe = bundle.annotations.find((a) => a.quote === 'Cafe\u0301');
    if (!cafe) throw new Error('fixture');
    bundle.annotations = [{ ...cafe, end: cafe.end - 1, quote: 'Cafe' }];
    const output = exportFormats.doccano.export(bundle, { doccanoOffsets: 'grapheme' });
    if (output.kind !== 'file') throw new Error('expected one file');
    const out = path.join(tmp.dir, 'cafe.jsonl');
    const written = await exportBundle(bundle, 'doccano', out, { chunkChars: 16, formatOptions: { doccanoOffsets: 'grapheme' } });
    expect(fs.readFileSync(out, 'utf8')).toBe(output.text);
    const summary = fs.readFileSync(written[1], 'utf8');
    expect(summary).toBe(summaryFor('doccano', output));
    expect(summary).toContain('widened to whole clusters');
  });
});

describe('chunksOf', () => {
  it('joins parts up to the budget, keeps their order, and lets a longer part go alone', () => {
    const parts = ['ab', 'cd', 'ef', 'x'.repeat(9), 'g', 'h'];
    const chunks = [...chunksOf(parts, 5)];
    expect(chunks).toEqual(['abcd', 'ef', 'x'.repeat(9), 'gh']);
    expect(chunks.join('')).toBe(parts.join(''));
    expect([...chunksOf([], 5)]).toEqual([]);
  });
});
