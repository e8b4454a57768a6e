import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

/** 260 numbered paragraphs: long enough to be grouped into sections of 100 blocks. */
function longArticle(): { text: string; blocks: Array<{ kind: 'paragraph'; start: number; end: number }> } {
  const paragraphs = Array.from({ length: 260 }, (_, i) => `Paragraph ${i + 1} says that claim number ${i + 1} was verified by the desk.`);
  const blocks: Array<{ kind: 'paragraph'; start: number; end: number }> = [];
  let at = 0;
  for (const p of paragraphs) {
    blocks.push({ kind: 'paragraph', start: at, end: at + p.length });
    at += p.length + 1;
  }
  return { text: paragraphs.join('\n'), blocks };
}

test('a long article (grouped into sections) tags and selects exactly, also across a section boundary', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  const { text, blocks } = longArticle();
  app.library!.documents.add({ title: 'Long debate', source: 'hansard', text, blocks });
  await page.reload();
  await page.locator('.doc-item', { hasText: 'Long debate' }).click();
  await expect(page.locator('.doc-title')).toHaveText('Long debate');
  await article.waitReady();
  await expect(page.locator('.article-text .article-section')).toHaveCount(3);
  await expect(page.locator('.article-text [data-start]')).toHaveCount(260);

  // a claim deep in the third section
  await article.select('claim number 215 was verified');
  await page.keyboard.press('2');
  // a claim that runs from the last block of section 1 into the first of section 2
  await page.evaluate(() => {
    const blocks = document.querySelectorAll<HTMLElement>('.article-text [data-start]');
    const from = document.createTreeWalker(blocks[99], NodeFilter.SHOW_TEXT).nextNode() as Text;
    const to = document.createTreeWalker(blocks[100], NodeFilter.SHOW_TEXT).nextNode() as Text;
    window.getSelection()!.setBaseAndExtent(from, from.data.indexOf('verified'), to, to.data.indexOf(' says'));
  });
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(2);
  const rows = app.library!.db.prepare('SELECT label_id, quote FROM annotations ORDER BY start_offset').all();
  expect(rows).toEqual([
    { label_id: 'fact', quote: 'verified by the desk.\nParagraph 101' },
    { label_id: 'opinion', quote: 'claim number 215 was verified' },
  ]);
  // clicking the highlight in section 3 selects its entry
  await page.keyboard.press('Escape');
  await article.clickOn('number 215 was');
  await expect(page.locator('.annotation-item.selected .annotation-quote')).toHaveText('claim number 215 was verified');
  expect(await article.highlightCounts()).toMatchObject({ 'ct-label-0': 1, 'ct-label-1': 1 });
});
