import type { Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

const numbered = (n: number) => `Paragraph ${n} says that claim number ${n} was verified by the desk.`;

/**
 * Numbered paragraphs (260 by default): long enough to be grouped into sections of 100 blocks.
 * `paragraph` writes the n-th one (1-based) when the shape matters.
 */
function longArticle(count = 260, paragraph = numbered): { text: string; blocks: Array<{ kind: 'paragraph'; start: number; end: number }> } {
  const paragraphs = Array.from({ length: count }, (_, i) => paragraph(i + 1));
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

/** The text of every registered range of one label's highlight, in no particular order. */
const paintedQuotes = (page: Page, name: string) =>
  page.evaluate((n) => {
    const h = CSS.highlights.get(n);
    if (!h) return [];
    return Array.from(h as unknown as Set<StaticRange>, (r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  }, name);

/**
 * Starts the app as Ayesha with a numbered article of `paragraphs` in the library, each claim in
 * `tagged` ("claim number n was") annotated with `label`, then opens it from the library list.
 * `beforeOpen` runs just before the click (e.g. to hold a call).
 */
async function openNumberedArticle(
  app: AppHarness,
  page: Page,
  opts: { title: string; paragraphs: number; paragraph?: (n: number) => string; tagged?: number[]; label?: string; beforeOpen?: () => unknown },
) {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  const { text, blocks } = longArticle(opts.paragraphs, opts.paragraph);
  const library = app.library!;
  const doc = library.documents.add({ title: opts.title, source: 'hansard', text, blocks }).document;
  const me = library.annotators.list()[0].id;
  library.db.transaction(() => {
    for (const n of opts.tagged ?? []) {
      const needle = `claim number ${n} was`;
      const start = text.indexOf(needle);
      library.annotations.add({ documentId: doc.id, annotatorId: me, labelId: opts.label ?? 'fact', start, end: start + needle.length }, text);
    }
  })();
  await page.reload();
  await opts.beforeOpen?.();
  await page.locator('.doc-item', { hasText: opts.title }).click();
  await article.waitReady();
  return { article, library, doc, text };
}

test('a very long article opens with its first section, builds the rest in the background, and paints highlights near the viewport', async ({ app, page }) => {
  const { article, library, text } = await openNumberedArticle(app, page, { title: 'Whole debate', paragraphs: 1500, tagged: [5, 1400] });
  // All 15 sections exist at once (so the scrollbar is right); their paragraphs arrive in the background.
  await expect(page.locator('.article-text .article-section')).toHaveCount(15);
  await expect(page.locator('.article-text[data-complete="true"]')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.locator('.article-text [data-start]')).toHaveCount(1500);
  await expect(page.locator('.article-text [data-pending]')).toHaveCount(0);
  expect(await article.articleText()).toBe(text);

  // Only highlights near the viewport are registered: the top claim, not the one 1,400 paragraphs down.
  await expect.poll(() => paintedQuotes(page, 'ct-label-0')).toEqual(['claim number 5 was']);
  // Choosing the far claim in the list brings it into view, painted and selected.
  await page.locator('.annotation-item', { hasText: 'claim number 1400 was' }).click();
  await expect.poll(() => paintedQuotes(page, 'ct-label-0')).toEqual(['claim number 1400 was']);
  await expect.poll(() => paintedQuotes(page, 'ct-selected')).toEqual(['claim number 1400 was']);
  // Scrolling back to the top paints the top claim again.
  await page.locator('.article-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
  await expect.poll(() => paintedQuotes(page, 'ct-label-0')).toEqual(['claim number 5 was']);

  // Find reaches a paragraph far down, and the hit can be tagged by keyboard.
  await page.keyboard.press('Control+f');
  await page.getByLabel('Find in document').fill('claim number 1450 was');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('2');
  await expect.poll(() => library.db.prepare("SELECT quote FROM annotations WHERE label_id = 'opinion'").all()).toEqual([{ quote: 'claim number 1450 was' }]);
  await expect.poll(() => paintedQuotes(page, 'ct-label-1')).toEqual(['claim number 1450 was']);
});

/**
 * Clicks the list entry holding `needle` the moment the long article is shown, in the same task
 * that checks the entry's section is still an unbuilt placeholder (a 6,000-paragraph article is
 * built in the background in well under a second on an idle machine: a click sent from the test
 * after it saw the article could come after the building ended, or before the article it waited
 * for replaced the one shown before). With `then`, presses that key `afterMs` later, checking
 * `then.needle` is still unbuilt at that moment. Call before opening; `clicked()` resolves to
 * whether each was unbuilt.
 */
async function clickEntryOnceShown(page: Page, needle: string, then?: { key: string; needle: string; afterMs: number }) {
  type Seen = { atClick?: boolean; atKey?: boolean };
  await page.evaluate(
    ([n, next]) => {
      /** Whether no text node of the article holds `needle` (its section is an unbuilt placeholder). */
      const unbuilt = (needle: string) => {
        const walker = document.createTreeWalker(document.querySelector('.article-text')!, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) if (walker.currentNode.textContent?.includes(needle)) return false;
        return true;
      };
      const seen: Seen = {};
      (window as unknown as { __jumpSeen: Seen }).__jumpSeen = seen;
      const observer = new MutationObserver(() => {
        const item = Array.from(document.querySelectorAll<HTMLElement>('.annotation-item')).find((el) => el.textContent?.includes(n));
        const ready = document.querySelector('.article-text[data-ready="true"] .article-section');
        if (!item || !ready) return;
        observer.disconnect();
        seen.atClick = unbuilt(n);
        item.click();
        if (next)
          setTimeout(() => {
            seen.atKey = unbuilt(next.needle);
            window.dispatchEvent(new KeyboardEvent('keydown', { key: next.key, bubbles: true }));
          }, next.afterMs);
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    },
    [needle, then ?? null] as const,
  );
  return {
    clicked: async (): Promise<Seen> => {
      await page.waitForFunction((keyed) => {
        const seen = (window as unknown as { __jumpSeen?: Seen }).__jumpSeen;
        return seen?.atClick !== undefined && (!keyed || seen.atKey !== undefined);
      }, then !== undefined);
      return page.evaluate(() => (window as unknown as { __jumpSeen: Seen }).__jumpSeen);
    },
  };
}

test('a jump into a part of a long article not built yet builds it at once, and it stays in view while the rest is built', async ({ app, page }) => {
  const needle = 'claim number 5990 was';
  let jump: Awaited<ReturnType<typeof clickEntryOnceShown>> | null = null;
  const { article, text } = await openNumberedArticle(app, page, {
    title: 'Longest debate',
    paragraphs: 6000,
    tagged: [5990],
    label: 'allegation',
    beforeOpen: async () => void (jump = await clickEntryOnceShown(page, needle)),
  });
  expect(await jump!.clicked()).toEqual({ atClick: true });
  // Placeholders are sized from the first section's real layout (not from its own placeholder
  // height while the browser still skipped it: the end of the article then came out too short).
  const [estimate, real] = await page.evaluate(() => {
    const root = document.querySelector<HTMLElement>('.article-text')!;
    const first = root.querySelector<HTMLElement>('[data-section]')!;
    const chars = Number(first.dataset.to) - Number(first.dataset.from);
    const last = first.lastElementChild!;
    const height = last.getBoundingClientRect().bottom + parseFloat(getComputedStyle(last).marginBottom) - first.firstElementChild!.getBoundingClientRect().top;
    return [parseFloat(root.style.getPropertyValue('--px-per-char')), height / chars];
  });
  expect(Math.abs(estimate - real) / real).toBeLessThan(0.01);
  await expect.poll(() => paintedQuotes(page, 'ct-label-2')).toEqual([needle]);
  const target = page.locator('.article-text [data-start]').filter({ hasText: 'Paragraph 5990 says' });
  await expect(target).toBeInViewport();
  await expect(page.locator('.article-text[data-complete="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(target).toBeInViewport();
  expect(await article.articleText()).toBe(text);
});

test('a jump into a transcript whose later sections are much taller than estimated keeps its target in view while the sections above it are built', async ({ app, page }) => {
  // A long opening statement (the first section, from which heights are estimated), then thousands
  // of one-line interjections: each later section is far taller than its estimate, so every one
  // built or laid out above the target would push it off screen.
  const opening = (n: number) => `Paragraph ${n} of the opening statement. ${'The member set out the position of the committee at length. '.repeat(24)}`;
  const needle = 'claim number 3001 was';
  let jump: Awaited<ReturnType<typeof clickEntryOnceShown>> | null = null;
  const { article, text } = await openNumberedArticle(app, page, {
    title: 'Transcript',
    paragraphs: 6000,
    paragraph: (n) => (n <= 100 ? opening(n) : numbered(n)),
    tagged: [3001],
    beforeOpen: async () => void (jump = await clickEntryOnceShown(page, needle)),
  });
  expect(await jump!.clicked()).toEqual({ atClick: true });
  // The first paragraph of its section: the end of the section before it shows above it.
  const target = page.locator('.article-text [data-start]').filter({ hasText: 'Paragraph 3001 says' });
  await expect.poll(() => paintedQuotes(page, 'ct-label-0')).toEqual([needle]);
  await expect(target).toBeInViewport();
  await expect(page.locator('.article-text[data-complete="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(target).toBeInViewport();
  // The section above it was built and laid out for real meanwhile.
  await expect(page.locator('.article-text [data-start]').filter({ hasText: 'Paragraph 3000 says' })).toBeInViewport();
  expect(await article.articleText()).toBe(text);
});

test('a jump deep into the last section of a transcript taller than estimated reaches its target past the estimated end', async ({ app, page }) => {
  // Every later section is far taller than its estimate, so the estimated end of the article lies
  // above the target's real place: the first scroll stops at the end of the scroll range, and only
  // once the target's section is laid out for real can the jump go the rest of the way.
  const opening = (n: number) => `Paragraph ${n} of the opening statement. ${'The member set out the position of the committee at length. '.repeat(24)}`;
  const needle = 'claim number 5990 was';
  let jump: Awaited<ReturnType<typeof clickEntryOnceShown>> | null = null;
  await openNumberedArticle(app, page, {
    title: 'Long transcript',
    paragraphs: 6000,
    paragraph: (n) => (n <= 100 ? opening(n) : numbered(n)),
    tagged: [5990],
    beforeOpen: async () => void (jump = await clickEntryOnceShown(page, needle)),
  });
  expect(await jump!.clicked()).toEqual({ atClick: true });
  const target = page.locator('.article-text [data-start]').filter({ hasText: 'Paragraph 5990 says' });
  await expect(target).toBeInViewport();
  await expect(page.locator('.article-text[data-complete="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(target).toBeInViewport();
});

test('J steps to the next claim in a part of a long article not built yet, and it stays in view while the rest is built', async ({ app, page }) => {
  const opening = (n: number) => `Paragraph ${n} of the opening statement. ${'The member set out the position of the committee at length. '.repeat(24)}`;
  let jump: Awaited<ReturnType<typeof clickEntryOnceShown>> | null = null;
  await openNumberedArticle(app, page, {
    title: 'Stepped transcript',
    paragraphs: 6000,
    paragraph: (n) => (n <= 100 ? opening(n) : numbered(n)),
    tagged: [2001, 4501],
    beforeOpen: async () => void (jump = await clickEntryOnceShown(page, 'claim number 2001 was', { key: 'j', needle: 'claim number 4501 was', afterMs: 40 })),
  });
  expect(await jump!.clicked()).toEqual({ atClick: true, atKey: true });
  await expect(page.locator('.annotation-item.selected')).toContainText('claim number 4501 was');
  const target = page.locator('.article-text [data-start]').filter({ hasText: 'Paragraph 4501 says' });
  await expect.poll(() => paintedQuotes(page, 'ct-selected')).toEqual(['claim number 4501 was']);
  await expect(target).toBeInViewport();
  await expect(page.locator('.article-text[data-complete="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(target).toBeInViewport();
});

test('opening a library search hit deep in a long transcript brings the hit into view and keeps it there while the rest is built', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  const opening = (n: number) => `Paragraph ${n} of the opening statement. ${'The member set out the position of the committee at length. '.repeat(24)}`;
  // The only mention of the searched word: the first paragraph of a section far down.
  const { text, blocks } = longArticle(6000, (n) => (n <= 100 ? opening(n) : n === 4501 ? 'Paragraph 4501 says the ferry to Zanzibar was late.' : numbered(n)));
  app.library!.documents.add({ title: 'Ferry transcript', source: 'hansard', text, blocks });
  await page.reload();
  await page.getByLabel('Search the library').fill('Zanzibar');
  await page.locator('.doc-list[aria-label="Search results"] .doc-item', { hasText: 'Ferry transcript' }).click();
  await expect(page.locator('.doc-title')).toHaveText('Ferry transcript');
  const hit = page.locator('.article-text [data-start]').filter({ hasText: 'Paragraph 4501 says' });
  await expect(hit).toBeInViewport();
  await expect(page.locator('.article-text[data-complete="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(hit).toBeInViewport();
  expect(await article.articleText()).toBe(text);
});

test('a list of a thousand annotations renders a window of entries that follows scrolling and selection', async ({ app, page }) => {
  const all = Array.from({ length: 1000 }, (_, k) => k + 1);
  const { article } = await openNumberedArticle(app, page, { title: 'Annotated debate', paragraphs: 1000, tagged: all });
  await expect(page.locator('.side-panel .count')).toHaveText('1000');
  const rendered = page.locator('.annotation-item');
  expect(await rendered.count()).toBeLessThanOrEqual(150);
  await expect(rendered.first()).toHaveAttribute('aria-setsize', '1000');

  // Scrolling the list to its end brings the last entries in, numbered in reading order.
  const list = page.locator('.annotation-list');
  for (let i = 0; i < 30; i++) {
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    if (await page.locator('.annotation-item[aria-posinset="1000"]').count()) break;
    await page.waitForTimeout(50);
  }
  await expect(page.locator('.annotation-item[aria-posinset="1000"]')).toContainText('claim number 1000 was');
  await expect(page.locator('.annotation-item[aria-posinset="1000"]')).toBeInViewport();
  expect(await rendered.count()).toBeLessThanOrEqual(150);
  await page.screenshot({ path: 'test-results/screens/long-list-end.png' });

  // Selecting a claim in the text (far from the list's window) brings its entry into the list, selected.
  await page.locator('.article-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
  await article.clickOn('number 7 was');
  await expect(page.locator('.annotation-item.selected')).toContainText('claim number 7 was');
  await expect(page.locator('.annotation-item.selected')).toBeInViewport();
  await expect(page.locator('.annotation-item.selected')).toHaveAttribute('aria-posinset', '7');
  await page.screenshot({ path: 'test-results/screens/long-list-selected.png' });
  // J steps to the next claim in reading order.
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-item.selected')).toHaveAttribute('aria-posinset', '8');
});

test('a document with many annotations shows its first ones at once, and a tag made before the rest arrive is kept', async ({ app, page }) => {
  // The full listing is held back; the first annotations in reading order come on their own.
  let full: ReturnType<AppHarness['holdNext']> | null = null;
  const first800 = Array.from({ length: 800 }, (_, k) => k + 1);
  const { article, library, doc } = await openNumberedArticle(app, page, {
    title: 'Busy debate',
    paragraphs: 1000,
    tagged: first800,
    beforeOpen: () => (full = app.holdNext('listAnnotations', (p) => (p as { limit?: number }).limit === undefined)),
  });
  await expect.poll(() => paintedQuotes(page, 'ct-label-0').then((q) => q.includes('claim number 2 was'))).toBe(true);
  await expect(page.getByText('Loading annotations…').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/long-document-loading.png' });
  // The full listing as the library served it just before the analyst tagged (arriving after the tag).
  const servedBeforeTheTag = { ok: true, value: library.annotations.listForDocument(doc.id) };
  await article.select('that claim number 3 was');
  await page.keyboard.press('2');
  await expect.poll(() => library.db.prepare("SELECT quote FROM annotations WHERE label_id = 'opinion'").all()).toEqual([{ quote: 'that claim number 3 was' }]);
  full!.answer(servedBeforeTheTag);
  await expect(page.locator('.side-panel .count')).toHaveText('801');
  await expect(page.locator('.statusbar')).toContainText('801 annotations');
  await expect.poll(() => paintedQuotes(page, 'ct-label-1')).toEqual(['that claim number 3 was']);
  await expect(page.locator('.annotation-item', { hasText: 'that claim number 3 was' })).toHaveCount(1);
});
