// The library list in pages sorted in SQL (issue #14): a large library shows its first 100 rows
// and the total, more on request (mouse or keyboard), and every sort order comes from the
// services. Screenshots at four widths, light and dark, go to test-results/screens.
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

const MANY = 250;

test.beforeEach(async ({ app, page }) => {
  await app.start();
  await new ArticlePage(page).enterName('Ayesha');
  const library = app.library!;
  const me = library.annotators.list()[0];
  library.transaction(() => {
    for (let i = 0; i < MANY; i++) {
      const text = `Report ${i}: the minister said the dam would open in ${2000 + i}.`;
      const { document } = library.documents.add(
        { title: `Report ${String(i).padStart(3, '0')}`, source: 'desk', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] },
        { createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() },
      );
      if (i % 50 === 7) for (let k = 0; k < 3; k++) library.annotations.add({ documentId: document.id, annotatorId: me.id, labelId: 'fact', start: k, end: k + 1 }, text);
    }
  });
  // the page picks the new rows up on its next listing
  await page.reload();
});

test('shows the first 100 of a large library, then more, sorted in SQL', async ({ page }) => {
  const rows = page.locator('.library-panel .doc-list li');
  await expect(rows).toHaveCount(100);
  await expect(page.locator('.library-panel .panel-header .count')).toHaveText(String(MANY + 1));
  const more = page.locator('.doc-list-more');
  await expect(more).toContainText(`100 of ${MANY + 1}`);
  // newest first: the sample opened today, then the newest report
  await expect(rows.nth(1)).toContainText('Report 249');

  // keyboard: the button is reachable and works with Enter
  await more.getByRole('button', { name: 'Show 100 more' }).focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(200);
  await more.getByRole('button', { name: 'Show 51 more' }).click();
  await expect(rows).toHaveCount(MANY + 1);
  await expect(more).toHaveCount(0);

  // most tagged first: the five tagged reports lead, back to the first 100 rows
  await page.getByLabel('Sort documents').selectOption('tagged');
  await expect(rows).toHaveCount(100);
  const titles = page.locator('.library-panel .doc-item-title');
  await expect.poll(async () => (await titles.allTextContents()).slice(0, 5).sort()).toEqual(['Report 007', 'Report 057', 'Report 107', 'Report 157', 'Report 207']);
  await page.getByLabel('Sort documents').selectOption('title');
  await expect(titles.nth(0)).toHaveText(/^Pakistan/);
  await expect(titles.nth(1)).toHaveText('Report 000');
});

test('screens: the paged library at four widths, light and dark', async ({ page }) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [900, 1024, 1360, 1600]) {
      await page.setViewportSize({ width, height: 800 });
      await expect(page.locator('.doc-list-more')).toBeVisible();
      await page.screenshot({ path: `test-results/screens/library-pages-${width}-${scheme}.png` });
    }
  }
});
