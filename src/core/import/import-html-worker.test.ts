// Pasted and imported HTML is parsed in the import worker under the limits of
// import-limits.ts: a hostile page is refused quickly with a typed reason, and the thread
// that serves the UI keeps running its event loop meanwhile.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importClipboard, importFile } from './import-file';
import { HTML_LIMITS } from './import-limits';
import { expectError } from '../../../test/import/import-test-helpers';

/** Counts event-loop turns of this (the serving) thread while `work` runs. */
async function turnsDuring<T>(work: Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    turns++;
    if (running) setTimeout(tick, 5);
  };
  setTimeout(tick, 5);
  const result = await work;
  running = false;
  return { result, turns };
}

describe('HTML in the import worker', () => {
  it('refuses a paste of 6 000 000 nested <b> with a clear message while this thread stays responsive', async () => {
    const html = `${'<b>'.repeat(6_000_000)}bold`;
    const before = process.memoryUsage().heapUsed;
    const { result, turns } = await turnsDuring(importClipboard({ html, text: 'bold' }));
    const message = expectError(result, 'too-large');
    expect(message).toContain(`nests more than ${HTML_LIMITS.maxDepth.toLocaleString('en')} elements`);
    // The tree was never built here: this thread's heap grew by far less than the 2.4 GB it took before.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
    expect(turns).toBeGreaterThan(0);
  }, 30_000);

  it('refuses a page with more elements than the limit, and one that takes longer than the time limit', async () => {
    const flat = '<p>x</p>'.repeat(HTML_LIMITS.maxNodes + 10);
    expect(expectError(await importClipboard({ html: flat }), 'too-large')).toContain(`more than ${HTML_LIMITS.maxNodes.toLocaleString('en')} elements`);
    const dir = await mkdtemp(path.join(tmpdir(), 'claimtag-html-'));
    try {
      const file = path.join(dir, 'slow.html');
      await writeFile(file, `<html><body>${'<p>A paragraph of an article that goes on.</p>'.repeat(50_000)}</body></html>`);
      const message = expectError(await importFile(file, { worker: { timeoutMs: 1 } }), 'too-large');
      expect(message).toContain('took longer than');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a page whose parse needs more memory than the worker may have', async () => {
    const wide = `<html><body>${'<div class="c">word </div>'.repeat(400_000)}</body></html>`;
    const result = await importClipboard({ html: wide }, { maxOldGenerationSizeMb: 16 });
    expect(expectError(result, 'too-large')).toContain('more memory than allowed');
  }, 60_000);
});
