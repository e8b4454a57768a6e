import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

for (const width of [900, 1024]) {
  test(`Compare at ${width} px: nothing wider than the window, the article readable, the differences at hand`, async ({ app, page }) => {
    await page.setViewportSize({ width, height: 720 });
    await app.start();
    const article = new ArticlePage(page);
    await article.enterName('Ayesha');
    const library = app.library!;
    const doc = library.documents.list()[0];
    const text = library.documents.textOf(doc.id);
    const bilal = library.annotators.add('Bilal Ahmed').id;
    for (const [labelId, needle] of [
      ['fact', 'Pakistan and Afghanistan have agreed to upgrade their diplomatic relations'],
      ['opinion', 'no country has as yet formally recognised'],
    ] as const) {
      const start = text.indexOf(needle);
      library.annotations.add({ documentId: doc.id, annotatorId: bilal, labelId, start, end: start + needle.length }, text);
    }
    await article.select('Pakistan and Afghanistan have agreed to upgrade their diplomatic relations');
    await page.keyboard.press('1');
    await expect(article.items).toHaveCount(1);

    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const view = page.getByRole('region', { name: 'Compare annotators' });
    await expect(view.getByRole('listbox', { name: /Differences/ })).toBeVisible();
    const layout = await page.evaluate(() => {
      const wide = [...document.querySelectorAll('body *')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > window.innerWidth + 1 && getComputedStyle(el).position !== 'fixed';
      });
      const textBox = document.querySelector('.compare-text')!.getBoundingClientRect();
      const side = document.querySelector('.cmp-side')!.getBoundingClientRect();
      return { scrollWidth: document.documentElement.scrollWidth, wide: wide.map((el) => el.className), textWidth: textBox.width, sideRight: side.right };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(width);
    expect(layout.wide).toEqual([]);
    expect(layout.sideRight).toBeLessThanOrEqual(width);
    // A readable measure: at 17 px type, 420 px holds about 45 characters a line.
    expect(layout.textWidth).toBeGreaterThanOrEqual(420);
    await page.screenshot({ path: `test-results/screens/compare-${width}.png` });

    // Keyboard still works here: J steps, Enter opens the decision.
    await view.getByRole('listbox', { name: /Differences/ }).focus();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await view.getByRole('button', { name: 'Back to tagging' }).click();
    await expect(article.items).toHaveCount(1);
  });
}
