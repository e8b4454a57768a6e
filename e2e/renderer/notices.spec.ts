import path from 'node:path';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

const FIXTURES = path.resolve(__dirname, '../fixtures');

test('a notice is shown once, on the clock it was posted with, across a document switch and a Compare round trip', async ({ app, page }) => {
  await page.clock.install();
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  app.nextImportFiles = [path.join(FIXTURES, 'trade-note.txt')];
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.locator('.doc-title')).toHaveText('Trade note');
  await article.select('second paragraph');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);

  app.nextExportPath = path.join(app.dataDir, 'claims.csv');
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByText('CSV', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const exported = page.getByRole('status').filter({ hasText: 'Exported CSV' });
  await expect(exported).toHaveCount(1);
  // The live region is there before the notice arrives, so it is announced (politely).
  await expect(page.getByRole('region', { name: 'Notices' })).toHaveAttribute('aria-live', 'polite');

  // Halfway through its time she opens another document: the notice stays, once, and is not restarted.
  await page.clock.runFor(2_000);
  await page.locator('.doc-item', { hasText: 'Pakistan' }).click();
  await expect(page.locator('.doc-title')).toHaveText(/Pakistan/);
  await expect(exported).toHaveCount(1);
  await page.clock.runFor(2_100);
  // Gone at 4 s from when it was posted, not 4 s from the switch (the clock runs on meanwhile: look within 1 s).
  await expect(exported).toHaveCount(0, { timeout: 1_000 });

  // Back to the first document, to Compare and back: it never comes back.
  await page.locator('.doc-item', { hasText: 'Trade note' }).click();
  await expect(page.locator('.doc-title')).toHaveText('Trade note');
  await expect(exported).toHaveCount(0);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const compare = page.getByRole('region', { name: 'Compare annotators' });
  await expect(compare).toBeVisible();
  await expect(exported).toHaveCount(0);
  await compare.getByRole('button', { name: 'Back to tagging' }).click();
  await expect(article.items).toHaveCount(1);
  await expect(exported).toHaveCount(0);
});

test('a notice is dismissed from the keyboard, and an Undo notice does its work once', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select('ambassador level');
  await page.keyboard.press('2');
  await expect(article.items).toHaveCount(1);
  await page.keyboard.press('Delete');
  const deleted = page.getByRole('status').filter({ hasText: 'Deleted “ambassador level”' });
  await expect(deleted).toBeVisible();
  const undo = deleted.getByRole('button', { name: /Undo/ });
  await undo.focus();
  await page.keyboard.press('Enter');
  await expect(article.items).toHaveCount(1);
  await expect(deleted).toHaveCount(0);

  await page.keyboard.press('Control+z');
  const undid = page.getByRole('status').filter({ hasText: 'Undid' });
  await expect(undid).toBeVisible();
  await undid.getByRole('button', { name: /Dismiss notice/ }).focus();
  await page.keyboard.press('Escape');
  await expect(undid).toHaveCount(0);
});
