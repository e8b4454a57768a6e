import type { Page } from '@playwright/test';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

const DOCS = [
  { name: 'river-report.txt', title: 'River report', content: 'River report\n\nThe river rose in the night. By morning the river had fallen, and the rivers nearby too.\n' },
  { name: 'river-note.txt', title: 'River note', content: 'River note\n\nOne line about a river crossing, and nothing else.\n' },
];

async function dropFiles(page: Page, files: Array<{ name: string; content: string }>) {
  await page.evaluate((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([f.content], f.name));
    const target = document.querySelector('.shell')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

/** The library hits painted in the article: how many, and the current one's text. */
const painted = (page: Page) =>
  page.evaluate(() => {
    const all = CSS.highlights.get('ct-library-hit');
    const current = CSS.highlights.get('ct-library-hit-current');
    const text = (r: AbstractRange) => {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      return live.toString();
    };
    return { all: all ? [...all].map((r) => text(r as AbstractRange)) : [], current: current ? [...current].map((r) => text(r as AbstractRange)) : [] };
  });

test('library search keeps its place: the query and results stay, the words are marked, F3 steps on into the next document', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await dropFiles(page, DOCS);
  await page.getByRole('dialog', { name: /Imported 2 items/ }).getByRole('button', { name: 'Done', exact: true }).click();

  const box = page.getByLabel('Search the library');
  await box.fill('river');
  const results = page.locator('.doc-list[aria-label="Search results"] .doc-item');
  await expect(results).toHaveCount(2);
  const titles = (await results.locator('.doc-item-title').allTextContents()).map((t) => t.trim());
  const count = (title: string) => (title === 'River report' ? 4 : 2); // the title line and the body
  await results.first().click();
  await expect(page.locator('.doc-title')).toHaveText(titles[0]);

  // The place is kept: query, results, and the opened result marked as current.
  await expect(box).toHaveValue('river');
  await expect(results).toHaveCount(2);
  await expect(results.first()).toHaveAttribute('aria-current', 'page');
  // Every occurrence in the article carries the search-hit mark, which is not a claim's highlight.
  await expect.poll(async () => (await painted(page)).all.length).toBe(count(titles[0]));
  expect((await painted(page)).all.every((w) => /^rivers?$/i.test(w))).toBe(true);
  await expect(page.locator('.hit-place')).toHaveText(`Hit 1 of ${count(titles[0])} here`);
  await page.screenshot({ path: 'test-results/screens/library-search-hits.png' });

  // F3 steps through this document's hits, then on into the next result.
  for (let i = 2; i <= count(titles[0]); i++) {
    await page.keyboard.press('F3');
    await expect(page.locator('.hit-place')).toHaveText(`Hit ${i} of ${count(titles[0])} here`);
  }
  await page.keyboard.press('F3');
  await expect(page.locator('.doc-title')).toHaveText(titles[1]);
  await expect(box).toHaveValue('river');
  await expect(page.locator('.hit-place')).toHaveText(`Hit 1 of ${count(titles[1])} here`);
  await expect.poll(async () => (await painted(page)).all.length).toBe(count(titles[1]));
  expect((await painted(page)).current).toHaveLength(1);

  // Shift+F3 (also from the search box) goes back to the previous document's last hit.
  await box.focus();
  await page.keyboard.press('Shift+F3');
  await expect(page.locator('.doc-title')).toHaveText(titles[0]);
  await expect(page.locator('.hit-place')).toHaveText(`Hit ${count(titles[0])} of ${count(titles[0])} here`);

  // The buttons do the same.
  await page.getByRole('button', { name: 'Next hit' }).click();
  await expect(page.locator('.doc-title')).toHaveText(titles[1]);

  // Clearing the query takes the marks away.
  await box.fill('');
  await expect.poll(async () => (await painted(page)).all.length).toBe(0);
});
