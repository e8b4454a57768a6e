import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

test('a full disk: the analyst sees why, earlier work is intact, and Retry saves the kept change', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);

  const db = app.library!.db;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`); // the "disk" is now full
  // a long note needs new pages: it cannot be written
  await page.getByLabel('Note').fill('Source: ministry statement of 12 May. '.repeat(400));
  await page.getByLabel('Note').blur();
  await expect(page.getByRole('alert').filter({ hasText: 'disk is full' })).toBeVisible();
  await expect(article.saveState).toContainText('Not saved');
  await page.screenshot({ path: 'test-results/screens/disk-full.png' });
  expect((db.prepare('SELECT note FROM annotations').get() as { note: string }).note).toBe('');
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

  db.pragma('max_page_count = 1073741823'); // space was freed
  await page.getByRole('button', { name: 'Retry saving' }).click();
  await expect(article.saveState).toHaveText('All changes saved');
  expect((db.prepare('SELECT note FROM annotations').get() as { note: string }).note).toMatch(/^Source: ministry statement/);
  await expect(article.items).toHaveCount(1);
});

test('a note typed just before the window goes away is sent by the page-hide flush, not the autosave timer', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await expect(page.locator('.annotation-item.selected')).toHaveCount(1);
  await page.keyboard.press('n');
  await expect(page.getByLabel('Note')).toBeFocused();
  // From here on timers stand still: the 300 ms autosave cannot fire, only the flush can save.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.keyboard.type('Last words before the crash');
  await page.waitForTimeout(400);
  await expect(page.getByLabel('Note')).toHaveValue('Last words before the crash');
  expect((app.library!.db.prepare('SELECT note FROM annotations').get() as { note: string }).note).toBe('');
  // What the window does as it closes (Electron delivers the IPC message sent here).
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await expect.poll(() => (app.library!.db.prepare('SELECT note FROM annotations').get() as { note: string }).note).toBe('Last words before the crash');
});

test('a tag shows the moment its key is pressed, is listed once saved, and stays shown while a failed save waits for Retry', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  const db = app.library!.db;

  // A slow save: the highlight is there at once, the list entry and "saved" only after the write.
  const slow = app.holdNext('createAnnotation');
  await article.select('dramatic development');
  await page.keyboard.press('2');
  await expect.poll(() => article.highlightCounts()).toMatchObject({ 'ct-label-1': 1 });
  await expect(article.items).toHaveCount(0);
  await expect(article.saveState).toContainText('Saving');
  expect(db.prepare('SELECT COUNT(*) AS n FROM annotations').get()).toEqual({ n: 0 });
  slow.release();
  await expect(article.items).toHaveCount(1);
  await expect(article.saveState).toHaveText('All changes saved');
  // The saved annotation took the provisional one's place: still exactly one highlight.
  await expect.poll(() => article.highlightCounts()).toMatchObject({ 'ct-label-1': 1 });

  // A save refused by a full disk: the tag stays shown (kept in memory) until Retry saves it.
  const full = app.holdNext('createAnnotation');
  await article.select('Pakistan');
  await page.keyboard.press('1');
  await expect.poll(() => article.highlightCounts()).toMatchObject({ 'ct-label-0': 1 });
  full.answer({ ok: false, error: { code: 'disk-full', message: 'The disk is full, so the change could not be saved. Free some space and try again.' } });
  await expect(page.getByRole('alert').filter({ hasText: 'disk is full' })).toBeVisible();
  await expect(article.saveState).toContainText('Not saved');
  await expect(article.items).toHaveCount(1);
  expect(await article.highlightCounts()).toMatchObject({ 'ct-label-0': 1 });
  await page.getByRole('button', { name: 'Retry saving' }).click();
  await expect(article.items).toHaveCount(2);
  await expect(article.saveState).toHaveText('All changes saved');
  expect(db.prepare("SELECT quote FROM annotations WHERE label_id = 'fact'").all()).toEqual([{ quote: 'Pakistan' }]);
  await expect.poll(() => article.highlightCounts()).toMatchObject({ 'ct-label-0': 1, 'ct-label-1': 1 });
});
