import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

const FIXTURES = path.resolve(__dirname, '../fixtures');

async function dropFiles(page: Page, files: Array<{ name: string; content: string | number[] }>) {
  await page.evaluate((list) => {
    const data = new DataTransfer();
    for (const f of list) {
      const body = typeof f.content === 'string' ? f.content : new Uint8Array(f.content);
      data.items.add(new File([body], f.name));
    }
    const target = document.querySelector('.shell')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

test.beforeEach(async ({ app, page }) => {
  await app.start();
  await new ArticlePage(page).enterName('Ayesha');
});

test('import by the dialog, then the same file again opens the existing document', async ({ app, page }) => {
  app.nextImportFiles = [path.join(FIXTURES, 'election-watch.md'), path.join(FIXTURES, 'trade-note.txt')];
  await page.getByRole('button', { name: 'Import…' }).click();
  const summary = page.getByRole('dialog', { name: /Imported 2 items/ });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('added “Election watch”');
  await page.screenshot({ path: 'test-results/screens/import-summary.png' });
  await summary.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.locator('.doc-list li')).toHaveCount(3);
  await expect(page.locator('.doc-title')).toHaveText('Trade note');

  // Markdown structure became blocks: heading, paragraph, quote, list items, RTL paragraph
  await page.locator('.doc-item', { hasText: 'Election watch' }).click();
  await expect(page.locator('.doc-title')).toHaveText('Election watch');
  await expect(page.locator('.article-text h2.block')).toHaveText('Election watch');
  await expect(page.locator('.article-text blockquote.block')).toHaveText('Turnout was the highest in a decade, officials said.');
  await expect(page.locator('.article-text .block-list-item')).toHaveCount(2);
  const rtl = page.locator('.article-text p.block', { hasText: 'وزیر' });
  expect(await rtl.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await page.screenshot({ path: 'test-results/screens/markdown-rtl.png' });

  app.nextImportFiles = [path.join(FIXTURES, 'election-watch.md')];
  await page.keyboard.press('Control+o');
  await expect(page.getByRole('dialog')).toContainText('already in the library');
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.locator('.doc-list li')).toHaveCount(3);
});

test('drag and drop several files: bad ones are refused with reasons, good ones imported', async ({ app, page }) => {
  const before = app.library!.documents.list().length;
  await dropFiles(page, [
    { name: 'trade-note.txt', content: fs.readFileSync(path.join(FIXTURES, 'trade-note.txt'), 'utf8') },
    { name: 'photo.txt', content: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13] },
    { name: 'empty.md', content: '   \n' },
    { name: 'latin1.txt', content: [0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72] },
    { name: 'slides.pptx', content: 'x' },
  ]);
  const summary = page.getByRole('dialog', { name: '1 of 5 imported' });
  await expect(summary).toBeVisible();
  await expect(summary.locator('li.failed')).toHaveCount(4);
  await expect(summary).toContainText('UTF-8');
  await page.screenshot({ path: 'test-results/screens/import-failures.png' });
  expect(app.library!.documents.list().length).toBe(before + 1);

  // explicit import with replacement characters
  await summary.getByRole('button', { name: 'Import with replacement characters' }).click();
  await expect(page.getByRole('dialog', { name: /Imported 1 item/ })).toBeVisible();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.locator('.article-text')).toContainText('caf� noir');
});

test('full-text search opens the document at the hit; delete asks first and says how many annotations go', async ({ app, page }) => {
  app.nextImportFiles = [path.join(FIXTURES, 'trade-note.txt')];
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  const article = new ArticlePage(page);
  await article.select('second paragraph');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);

  await page.getByLabel('Search the library').fill('Taliban');
  const hit = page.locator('.doc-list[aria-label="Search results"] .doc-item');
  await expect(hit).toHaveCount(1);
  await expect(hit.locator('mark').first()).toHaveText(/Taliban/i);
  await page.screenshot({ path: 'test-results/screens/search.png' });
  await hit.click();
  await expect(page.locator('.doc-title')).toHaveText(/Pakistan/);
  expect(await page.evaluate(() => window.getSelection()?.anchorNode?.textContent?.includes('Taliban'))).toBe(true);

  await page.getByLabel('Search the library').fill('');
  await page.getByRole('button', { name: 'Delete Trade note' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete “Trade note”?' });
  await expect(confirm).toContainText('your 1 annotation');
  await page.screenshot({ path: 'test-results/screens/delete-confirm.png' });
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  expect(app.library!.documents.list()).toHaveLength(2);
  await page.getByRole('button', { name: 'Delete Trade note' }).click();
  await page.getByRole('button', { name: 'Delete document and your 1 annotation' }).click();
  await expect(page.locator('.doc-list li')).toHaveCount(1);
  expect(app.library!.db.prepare('SELECT count(*) AS n FROM annotations').get()).toEqual({ n: 0 });
});

test('a hostile saved web page imports as inert text: nothing runs, nothing loads', async ({ app, page }) => {
  const external: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(app.origin)) external.push(r.url());
  });
  app.nextImportFiles = [path.join(FIXTURES, 'hostile-article.html')];
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.locator('.doc-title')).toHaveText('Minister denies report <script>');
  const text = page.locator('.article-text');
  await expect(text).toContainText('no agreement had been reached');
  await expect(text).toContainText('Talks resume in May');
  await expect(text).not.toContainText('Home');
  await page.locator('.article-text b, .article-text a, .article-text img').count().then((n) => expect(n).toBe(0));
  await text.hover();
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => document.querySelectorAll('script:not([src]), iframe, img, svg, form').length)).toBe(0);
  expect(external).toEqual([]);
  expect(page.url()).toContain(app.origin);
  await page.screenshot({ path: 'test-results/screens/hostile-import.png' });
});

test('paste a copied web page as a new document', async ({ page }) => {
  await page.getByRole('button', { name: 'Paste', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'New document from the clipboard' })).toBeVisible();
  await page.getByLabel('Paste here').evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/html', '<h1>Pasted brief</h1><p>The ministry <script>window.__pwned=1</script>confirmed the figures.</p>');
    data.setData('text/plain', 'Pasted brief\nThe ministry confirmed the figures.');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.locator('.doc-title')).toHaveText('Pasted brief');
  await expect(page.locator('.article-text')).toContainText('The ministry confirmed the figures.');
});
