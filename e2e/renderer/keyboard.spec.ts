import type { Page } from '@playwright/test';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

/** Finds `phrase` with Ctrl+F and leaves it selected, keyboard only. */
async function findAndSelect(page: Page, phrase: string) {
  await page.keyboard.press('Control+f');
  await page.keyboard.type(phrase);
  await expect(page.locator('.find-count')).toHaveText(/^1 of \d+$/);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(phrase);
}

test('a whole session by keyboard alone: find, tag, note, attribute by selection, navigate, undo, relabel', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await expect(page.getByLabel('Your name')).toBeFocused();
  await page.keyboard.type('Bilal');
  await page.keyboard.press('Enter');
  await article.waitReady();

  await findAndSelect(page, 'agreed to upgrade their diplomatic relations to ambassador level');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);

  // a note, typed and saved without the mouse
  await page.keyboard.press('n');
  await expect(page.getByLabel('Note')).toBeFocused();
  await page.keyboard.type('Confirmed by both foreign ministries.');
  await page.keyboard.press('Escape');
  await expect(article.saveState).toHaveText('All changes saved');

  // attribution picked from the article's text
  await findAndSelect(page, 'Foreign Minister Ishaq Dar');
  await page.keyboard.press('Shift+A');
  await expect(page.getByLabel('Attribution')).toHaveValue('Foreign Minister Ishaq Dar');
  await page.keyboard.press('c');
  await expect(page.getByRole('radio', { name: 'Low' })).toHaveAttribute('aria-checked', 'true');

  await findAndSelect(page, 'it is difficult to expect the Taliban regime to moderate its conservative policy');
  await page.keyboard.press('3');
  await findAndSelect(page, 'no country has as yet formally recognised the Taliban administration');
  await page.keyboard.press('2');
  await expect(article.items).toHaveCount(3);

  // navigate: K goes back in reading order, J forward
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Fact');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Opinion');
  await page.keyboard.press('k');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Fact');
  // relabel the selected annotation with its number key, then undo and redo that
  await page.keyboard.press('2');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Opinion');
  await page.keyboard.press('Control+z');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Fact');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Opinion');
  await page.keyboard.press('Control+z');

  // delete and undo
  await page.keyboard.press('Delete');
  await expect(article.items).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(article.items).toHaveCount(3);
  await page.keyboard.press('j');
  await page.keyboard.press('k');

  const row = app.library!.db
    .prepare("SELECT label_id, note, attribution, confidence FROM annotations WHERE quote LIKE 'agreed to upgrade%'")
    .get();
  expect(row).toEqual({ label_id: 'fact', note: 'Confirmed by both foreign ministries.', attribution: 'Foreign Minister Ishaq Dar', confidence: 'low' });
  await page.screenshot({ path: 'test-results/screens/keyboard-session-light.png' });

  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/shortcuts-sheet.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/keyboard-session-dark.png' });
});

test('notes of any content are stored and shown exactly, never as markup', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select('dramatic development');
  await page.keyboard.press('1');
  const hostile = '<img src=x onerror="window.__pwned=1"> **bold** ‮RTL override‬ 👩🏽‍💻 «ملاحظة»';
  await page.getByLabel('Note').fill(hostile);
  await page.getByLabel('Attribution').fill('<script>window.__pwned=2</script>');
  await page.getByLabel('Attribution').blur();
  await expect(article.saveState).toHaveText('All changes saved');
  await expect.poll(() => app.library!.db.prepare('SELECT note, attribution FROM annotations').get()).toEqual({ note: hostile, attribution: '<script>window.__pwned=2</script>' });
  await page.keyboard.press('Escape');
  await expect(page.locator('.annotation-extra')).toContainText('<script>window.__pwned=2</script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // a long note (100 KB) survives a reload
  await article.items.first().click();
  const long = 'x'.repeat(100_000);
  await page.getByLabel('Note').fill(long);
  await page.getByLabel('Note').blur();
  await expect.poll(() => (app.library!.db.prepare('SELECT length(note) AS n FROM annotations').get() as { n: number }).n).toBe(100_000);
  await page.reload();
  await article.waitReady();
  await article.items.first().click();
  await expect(page.getByLabel('Note')).toHaveValue(long);
});

test('find highlights every hit and steps with Enter', async ({ app, page }) => {
  await app.start();
  await new ArticlePage(page).enterName('Ayesha');
  await page.keyboard.press('Control+f');
  await page.keyboard.type('taliban');
  await expect(page.locator('.find-count')).toHaveText(/^1 of (\d+)$/);
  const total = Number((await page.locator('.find-count').textContent())!.split(' of ')[1]);
  expect(total).toBeGreaterThan(3);
  expect(await page.evaluate(() => CSS.highlights.get('ct-search')?.size)).toBe(total);
  await page.keyboard.press('Enter');
  await expect(page.locator('.find-count')).toHaveText(`2 of ${total}`);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.find-count')).toHaveText(`${total} of ${total}`);
  await page.screenshot({ path: 'test-results/screens/find.png' });
});

test('label chips hide a label from the list and the text, and show counts and share', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await article.select('no country has as yet formally recognised');
  await page.keyboard.press('2');
  await expect(article.items).toHaveCount(2);
  const factChip = page.getByRole('group', { name: 'Show or hide labels' }).getByRole('button').first();
  await expect(factChip).toContainText('1');
  await factChip.click();
  await expect(factChip).toHaveAttribute('aria-pressed', 'false');
  await expect(article.items).toHaveCount(1);
  await expect(page.locator('.side-panel .count')).toHaveText('1 of 2');
  expect((await article.highlightCounts())['ct-label-0'] ?? 0).toBe(0);
  await factChip.click();
  await expect(article.items).toHaveCount(2);
  expect(await article.highlightCounts()).toMatchObject({ 'ct-label-0': 1, 'ct-label-1': 1 });
});
