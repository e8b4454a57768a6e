// Library-wide exports of claimtag JSON and CSV are written to the file in chunks (issue #14:
// "Export of everything fails at 10,000 articles: Invalid string length"). The chunk size is
// injectable, so a small library whose file is many times that budget proves the streamed file
// is byte for byte what the one-string exporter writes, without gigabytes in a test.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/types';
import { EXPORT_SUMMARY_SUFFIX, exportFormats, summaryFor } from '../interchange';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { GENERATED_AT, sampleBundle, unicodeBundle } from '../../../test/interchange/test-bundle';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { chunksOf, exportBundle } from './export-bundle';
import { importPaths } from './import-paths';
import { loadBundle } from './load-bundle';

const BUDGET = 200;
const STREAMED = ['json', 'csv', 'doccano'] as const;

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

/** A real library holding both fixture bundles (emoji, RTL, CRLF, U+2028, formula-looking notes, three annotators). */
async function fillLibrary(): Promise<Bundle> {
  for (const [name, bundle] of [['sample', sampleBundle()], ['unicode', unicodeBundle()]] as const) {
    const file = path.join(tmp.dir, `${name}.json`);
    fs.writeFileSync(file, exportClaimtagJson(bundle));
    const outcomes = await importPaths(library, [file], {});
    expect(outcomes.every((o) => o.ok)).toBe(true);
  }
  return loadBundle(library, { documents: 'all' });
}

function oneString(bundle: Bundle, target: (typeof STREAMED)[number]): string {
  const output = exportFormats[target].export(bundle, { generatedAt: GENERATED_AT });
  if (output.kind !== 'file') throw new Error('expected one file');
  return output.text;
}

describe('library-wide export in chunks', () => {
  for (const target of STREAMED) {
    it(`${target}: the file written chunk by chunk is byte for byte the one-string export`, async () => {
      const bundle = await fillLibrary();
      expect(bundle.documents.length).toBe(4);
      const expected = oneString(bundle, target);
      expect(expected.length).toBeGreaterThan(10 * BUDGET);
      const out = path.join(tmp.dir, `all.${target}`);
      const progress: number[] = [];
      const written = await exportBundle(bundle, target, out, { generatedAt: GENERATED_AT, chunkChars: BUDGET, onWritten: (n) => progress.push(n) });
      expect(fs.readFileSync(out)).toEqual(Buffer.from(expected, 'utf8'));
      // The summary beside the file (doccano leaves notes out) is the one the one-string export makes.
      const summary = summaryFor(target, exportFormats[target].export(bundle, { generatedAt: GENERATED_AT }));
      const summaryFile = out.slice(0, -path.extname(out).length) + EXPORT_SUMMARY_SUFFIX;
      expect(written).toEqual(summary === null ? [out] : [out, summaryFile]);
      if (summary !== null) expect(fs.readFileSync(summaryFile, 'utf8')).toBe(summary);
      // Many writes, none of them the whole file: the output never existed as one string here.
      expect(progress.length).toBeGreaterThanOrEqual(bundle.documents.length);
      expect(progress.at(-1)).toBe(expected.length);
      const sizes = progress.map((n, i) => n - (progress[i - 1] ?? 0));
      // The largest write is one item (in JSON, the Dawn article's text, a third of the file).
      expect(Math.max(...sizes)).toBeLessThan(expected.length / 2);
      expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });

    it(`${target}: empty lists and a document with no claims come out the same as the one-string export`, async () => {
      const bundle = { ...unicodeBundle(), annotations: [], annotators: [] };
      const out = path.join(tmp.dir, `empty.${target}`);
      await exportBundle(bundle, target, out, { chunkChars: 16 });
      expect(fs.readFileSync(out, 'utf8')).toBe(oneString(bundle, target));
    });

    it(`${target}: cancelled half way, the file already there is untouched and no temp file is left`, async () => {
      const bundle = await fillLibrary();
      const out = path.join(tmp.dir, `all.${target}`);
      fs.writeFileSync(out, 'the previous export');
      const controller = new AbortController();
      const attempt = exportBundle(bundle, target, out, {
        chunkChars: BUDGET,
        signal: controller.signal,
        onWritten: (n) => n > 3 * BUDGET && controller.abort(),
      });
      await expect(attempt).rejects.toMatchObject({ error: { code: 'cancelled' } });
      expect(fs.readFileSync(out, 'utf8')).toBe('the previous export');
      expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
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
