import fs from 'node:fs';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

const CLAIM_1 = 'Pakistan and Afghanistan have agreed to upgrade their diplomatic relations to ambassador level';
const CLAIM_2 = 'no country has as yet formally recognised the Taliban administration';
const CLAIM_3 = 'it is difficult to expect the Taliban regime to moderate its conservative policy';
const INNER = 'ambassador level';

test('first run asks for a name and opens the bundled sample', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await expect(page.getByRole('heading', { name: 'Welcome to claimtag' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/first-run.png' });
  await page.getByRole('button', { name: 'Start tagging' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please enter a name.');
  await article.enterName('Ayesha Khan');
  await expect(page.locator('.doc-title')).toHaveText(/Pakistan–Afghanistan/);
  await expect(page.locator('.status-annotator')).toContainText('Ayesha Khan');
  // one paragraph node per source paragraph
  const paragraphs = fs
    .readFileSync('resources/pakistan-afghanistan-ties.txt', 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  await expect(page.locator('.article-text p.block')).toHaveCount(paragraphs.length);
  await expect(page.getByText('No claims tagged yet')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/empty-workbench.png' });
});

test('tag by keys and clicks, overlap, relabel, delete and undo; reload and restart keep exactly the saved state', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');

  // keyboard: select, press 1
  await article.select(CLAIM_1);
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);

  // toolbar button
  await article.select(CLAIM_2);
  await page.getByRole('toolbar', { name: 'Tag the selection' }).getByRole('button', { name: /Opinion/ }).click();
  await expect(article.items).toHaveCount(2);

  // mouse drag, then the popover at the selection
  await article.dragAcross(CLAIM_3);
  const popover = page.getByRole('toolbar', { name: 'Tag selection as' });
  await expect(popover).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/selection-popover.png' });
  await popover.getByRole('button', { name: /Allegation/ }).click();
  await expect(article.items).toHaveCount(3);
  await expect(popover).toBeHidden();

  // a claim inside a claim
  await article.select(INNER);
  await page.keyboard.press('2');
  await expect(article.items).toHaveCount(4);
  await expect(article.saveState).toHaveText('All changes saved');
  expect(await article.listed()).toEqual([
    ['Fact', CLAIM_1],
    ['Opinion', INNER],
    ['Opinion', CLAIM_2],
    ['Allegation', CLAIM_3],
  ]);
  expect(await article.highlightCounts()).toMatchObject({ 'ct-label-0': 1, 'ct-label-1': 2, 'ct-label-2': 1 });

  // clicking the overlap selects the inner claim, clicking again the outer one
  await page.keyboard.press('Escape');
  await expect(page.locator('.annotation-item.selected')).toHaveCount(0);
  await article.clickOn(INNER);
  await expect(page.locator('.annotation-item.selected .annotation-quote')).toHaveText(INNER);
  await article.clickOn(INNER);
  await expect(page.locator('.annotation-item.selected .annotation-quote')).toHaveText(CLAIM_1);
  await page.screenshot({ path: 'test-results/screens/overlap-selected.png' });

  // change a label from the list
  await article.items.filter({ hasText: CLAIM_3 }).click();
  await page.getByLabel('Change label').selectOption('opinion');
  await expect(article.items.filter({ hasText: CLAIM_3 }).locator('.annotation-label')).toHaveText('Opinion');

  // delete with the key, undo with Ctrl+Z
  await article.items.filter({ hasText: CLAIM_2 }).click();
  await page.keyboard.press('Delete');
  await expect(article.items).toHaveCount(3);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(article.items).toHaveCount(4);
  await expect(article.saveState).toHaveText('All changes saved');

  const expected: Array<[string, string]> = [
    ['Fact', CLAIM_1],
    ['Opinion', INNER],
    ['Opinion', CLAIM_2],
    ['Opinion', CLAIM_3],
  ];
  expect(await article.listed()).toEqual(expected);
  await page.screenshot({ path: 'test-results/screens/tagged.png' });

  await page.reload();
  await article.waitReady();
  expect(await article.listed()).toEqual(expected);

  await app.restart();
  await article.waitReady();
  expect(await article.listed()).toEqual(expected);
  const rows = app.library!.db
    .prepare('SELECT label_id, quote FROM annotations WHERE deleted_at IS NULL ORDER BY start_offset, end_offset DESC')
    .all();
  expect(rows).toEqual(expected.map(([label, quote]) => ({ label_id: label.toLowerCase(), quote })));
});

test('the article text cannot be changed by typing, deleting, pasting, cutting or dropping', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  const before = await article.articleText();

  await article.clickOn('dramatic development');
  await page.keyboard.type('xyz');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Backspace');
  await article.select('dramatic');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+x');
  await page.evaluate(() => {
    const target = document.querySelector('.article-text p')!;
    const data = new DataTransfer();
    data.setData('text/plain', 'PASTED');
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', data: 'Z', bubbles: true, cancelable: true }));
  });
  await page.waitForTimeout(100);
  expect(await article.articleText()).toBe(before);
  const stored = app.library!.db.prepare('SELECT text FROM documents').get() as { text: string };
  expect(stored.text).toBe(before);
  // selection still works normally
  await article.select('dramatic development');
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('dramatic development');
});

test('a library file that is not a database gets a clear screen and is left untouched', async ({ app, page }) => {
  fs.mkdirSync(app.dataDir, { recursive: true });
  fs.writeFileSync(app.databasePath, 'not a database '.repeat(500));
  const before = fs.readFileSync(app.databasePath);
  await app.start();
  await expect(page.getByRole('heading', { name: 'claimtag could not open your library' })).toBeVisible();
  await expect(page.getByText(app.databasePath)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/startup-error.png' });
  expect(fs.readFileSync(app.databasePath).equals(before)).toBe(true);
});
