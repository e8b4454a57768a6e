// Long jobs in the page (#14), with the library in its worker threads as in the app: the
// progress component (what, how far, Cancel by keyboard), a cancel that keeps finished files and
// leaves the one in progress out entirely, and the status bar saying a tag waits for the import.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';
import { colleagueFileJson } from '../../test/support/colleague-file';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const SHOTS = process.env.CLAIMTAG_SHOTS_DIR ?? path.resolve(__dirname, '../../test-results/screens/long-jobs');

/** A colleague's claimtag JSON: one long article with `n` annotations. */
function colleagueFile(dir: string, n: number, name = 'colleague-100k.json'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, colleagueFileJson(n));
  return file;
}

let work: string;
test.beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-long-jobs-'));
});
test.afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test.beforeEach(async ({ app, page }) => {
  test.setTimeout(180_000);
  app.useWorker = true;
  await app.start();
  await new ArticlePage(page).enterName('Ayesha');
});

const rows = (file: string, sql: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

test('a long import shows its progress; a tag meanwhile waits (said in the status bar) and is kept; Cancel by keyboard keeps the finished file and leaves the rest out', async ({ app, page }) => {
  const article = new ArticlePage(page);
  const big = colleagueFile(work, 100_000);
  app.nextImportFiles = [path.join(FIXTURES, 'trade-note.txt'), big, path.join(FIXTURES, 'election-watch.md')];
  await page.getByRole('button', { name: 'Import…' }).click();

  const progress = page.getByTestId('job-progress');
  await expect(progress).toContainText('Importing colleague-100k.json (file 2 of 3)', { timeout: 120_000 });
  // rows are being written: the count shows
  await expect(progress).toContainText(/[\d,]+ of 100,000 annotations/, { timeout: 120_000 });

  // a tag now waits for the import's write lock, and the status bar says so
  await article.select('diplomatic relations');
  await page.keyboard.press('1');
  await expect(article.saveState).toHaveText('Saving… waiting for the import to finish');
  await expect(page.getByTestId('waiting-indicator')).toHaveText('');

  // Cancel is a real button in the tab order, with what it keeps said beside it
  const cancel = progress.getByRole('button', { name: 'Cancel' });
  expect(await cancel.evaluate((b) => (b as HTMLButtonElement).tabIndex)).toBe(0);
  await expect(progress).toContainText('Cancel keeps the files already imported; the file being imported is left out entirely.');
  await cancel.focus();
  // (no pictures here: on an idle machine the import can end within seconds, so Cancel comes at
  // once; the Working… test below takes the pictures)
  await page.keyboard.press('Enter');

  const summary = page.getByRole('dialog');
  await expect(summary).toContainText('The import of "colleague-100k.json" was cancelled; nothing of it was kept.', { timeout: 120_000 });
  await expect(summary).toContainText('"election-watch.md" was not imported: the import was cancelled before it.');
  await expect(progress).toHaveCount(0);

  // the events ended with cancelled for that file
  const ends = app.jobEvents.filter((e) => e.type === 'end');
  expect(ends.map((e) => e.type === 'end' && [e.what, e.outcome])).toEqual([
    ['trade-note.txt', 'done'],
    ['colleague-100k.json', 'cancelled'],
  ]);

  // the tag was written once the import stopped, and the status bar is quiet again
  await expect(article.saveState).toHaveText('All changes saved');
  await expect(page.getByTestId('waiting-indicator')).toHaveText('');
  expect(rows(app.databasePath, "SELECT quote FROM annotations WHERE annotator_id IN (SELECT id FROM annotators WHERE name = 'Ayesha')")).toEqual([{ quote: 'diplomatic relations' }]);
  // the first file is kept whole, nothing of the colleague's file, the third never started
  expect(rows(app.databasePath, 'SELECT title FROM documents ORDER BY created_at').map((r) => (r as { title: string }).title)).toEqual([expect.any(String), 'Trade note']);
  expect(rows(app.databasePath, "SELECT count(*) AS n FROM annotators WHERE name = 'Colleague'")).toEqual([{ n: 0 }]);
  expect(rows(app.databasePath, 'SELECT count(*) AS n FROM annotations')).toEqual([{ n: 1 }]);
});

test('a file dropped during a long import is shown queued behind it, then imported once the import ends', async ({ app, page }) => {
  const big = colleagueFile(work, 100_000);
  app.nextImportFiles = [big];
  await page.getByRole('button', { name: 'Import…' }).click();
  const progress = page.getByTestId('job-progress');
  await expect(progress).toContainText(/[\d,]+ of 100,000 annotations/, { timeout: 120_000 });

  // a second file arrives while the writer lane imports the first: it waits its turn, and says so
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'late-note.txt', { type: 'text/plain' }));
    const target = document.querySelector('.shell')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, fs.readFileSync(path.join(FIXTURES, 'trade-note.txt'), 'utf8'));
  const queued = progress.getByTestId('job-row').filter({ hasText: 'Importing late-note.txt' });
  await expect(queued).toContainText('Queued: waiting for the import (colleague-100k.json) to finish');
  await expect(queued).toContainText('Cancel takes it out of the queue: nothing of it is done.');
  await expect(queued.getByRole('button', { name: 'Cancel: Importing late-note.txt' })).toBeVisible();
  // (pictures while it waits; on an idle machine the import ahead may end during them, so the
  // checks below hold whichever picture caught what)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [900, 1024, 1360, 1600]) {
      await page.setViewportSize({ width, height: 760 });
      await progress.screenshot({ path: path.join(SHOTS, `queued-${width}-${scheme}.png`), timeout: 5_000 }).catch(() => {});
    }
  }
  await expect(progress).toHaveCount(0, { timeout: 120_000 });
  // its events: queued behind the import (seq 0), started only after that import ended, done
  const late = app.jobEvents.filter((e) => e.type !== 'waiting' && e.what === 'late-note.txt');
  expect(late[0]).toMatchObject({ type: 'queued', seq: 0, behind: { kind: 'import', what: 'colleague-100k.json' } });
  expect(late.at(-1)).toMatchObject({ type: 'end', outcome: 'done' });
  const at = (pred: (e: (typeof app.jobEvents)[number]) => boolean) => app.jobEvents.findIndex(pred);
  expect(at((e) => e.type === 'progress' && e.what === 'late-note.txt')).toBeGreaterThan(at((e) => e.type === 'end' && e.what === 'colleague-100k.json'));
  expect(rows(app.databasePath, "SELECT count(*) AS n FROM documents WHERE title = 'Late note'")).toEqual([{ n: 1 }]);
});

test('a slow call shows "Working…" in the status bar after 300 ms, and nothing once it is answered', async ({ app, page }) => {
  const held = app.holdNext('searchDocuments');
  // a library read the page waits for
  await page.getByLabel('Search the library').fill('taliban');
  const waiting = page.getByTestId('waiting-indicator');
  await expect(waiting).toHaveText('Working…');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [900, 1024, 1360, 1600]) {
      await page.setViewportSize({ width, height: 760 });
      await page.locator('.statusbar').screenshot({ path: path.join(SHOTS, `waiting-working-${width}-${scheme}.png`) });
    }
  }
  held.release();
  await expect(waiting).toHaveText('');
});
