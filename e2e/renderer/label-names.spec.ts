import type { Locator } from '@playwright/test';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

test.use({ viewport: { width: 1024, height: 760 } });

/** An element's own box is inside the window and it shows some of its text (not squeezed to nothing). */
async function shownName(locator: Locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { text: el.textContent, width: Math.round(r.width), inside: r.left >= 0 && r.right <= window.innerWidth };
  });
}

test('at 1024 px every label is named where it is chosen and counted; a renamed label keeps its badge', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select('ambassador level');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);

  const toolbar = page.getByRole('toolbar', { name: 'Tag the selection' });
  const chips = page.getByRole('group', { name: 'Show or hide labels' });
  const library = page.getByRole('navigation', { name: 'Library' });
  for (const name of ['Fact', 'Opinion', 'Allegation']) {
    const inToolbar = await shownName(toolbar.getByRole('button', { name: new RegExp(`^${name}`) }).locator('.label-name'));
    expect(inToolbar.text).toBe(name);
    expect(inToolbar.inside).toBe(true);
    expect(inToolbar.width).toBeGreaterThanOrEqual(20); // at least a few letters, an ellipsis after them
    const chip = await shownName(chips.getByRole('button', { name: new RegExp(`^${name}:`) }).locator('.summary-name'));
    expect(chip.text).toBe(name);
    expect(chip.width).toBeGreaterThanOrEqual(20);
    const count = await shownName(library.locator('.doc-item[aria-current="page"] .doc-count', { hasText: name }).locator('.doc-count-name'));
    expect(count.text).toBe(name);
    expect(count.width).toBeGreaterThanOrEqual(14);
  }
  // Nothing is wider than the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await page.screenshot({ path: 'test-results/screens/label-names-1024.png' });

  // Rename Fact to "Verified fact": its badge stays F, the new name is beside it.
  const factBadge = toolbar.getByRole('button', { name: /^Fact/ }).locator('.swatch');
  await expect(factBadge).toHaveText('F');
  await page.getByRole('button', { name: 'Tag set…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag set' });
  await dialog.getByRole('list', { name: 'Labels' }).getByRole('button', { name: /Fact/ }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('Verified fact');
  await dialog.getByRole('button', { name: 'Save label' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved “Verified fact”.');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  const renamed = toolbar.getByRole('button', { name: /^Verified fact/ });
  await expect(renamed.locator('.swatch')).toHaveText('F');
  await expect(renamed.locator('.label-name')).toHaveText('Verified fact');
  await expect(page.locator('.annotation-item .swatch')).toHaveText('F');
  await expect(page.locator('.annotation-item .annotation-label')).toHaveText('Verified fact');
});

test('Compare marks agreement with a symbol, never a label’s letter', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  const library = app.library!;
  const doc = library.documents.list()[0];
  const text = library.documents.textOf(doc.id);
  const bilal = library.annotators.add('Bilal Ahmed').id;
  const needle = 'ambassador level';
  const start = text.indexOf(needle);
  library.annotations.add({ documentId: doc.id, annotatorId: bilal, labelId: 'allegation', start, end: start + needle.length }, text);
  await article.select(needle);
  await page.keyboard.press('3');
  await expect(article.items).toHaveCount(1);

  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const view = page.getByRole('region', { name: 'Compare annotators' });
  const agreement = view.getByRole('button', { name: /^Agreement/ });
  await expect(agreement).toBeVisible();
  const badges = await page.evaluate(() => [...document.querySelectorAll('.compare .swatch')].map((s) => s.textContent));
  expect(badges).toContain('A'); // Allegation's badge is shown beside its name
  const marks = await view.locator('.cmp-kind').allTextContents();
  expect(marks.length).toBeGreaterThan(0);
  for (const mark of marks) expect(['F', 'O', 'A']).not.toContain(mark);
});

for (const width of [900, 1600]) {
  test(`at ${width} px a light highlighter colour is accepted, its badge letters dark, and the preview shows it on both pages unclipped`, async ({ app, page }) => {
    await page.setViewportSize({ width, height: 800 });
    await app.start();
    const article = new ArticlePage(page);
    await article.enterName('Ayesha');
    await page.getByRole('button', { name: 'Tag set…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag set' });
    await dialog.getByRole('list', { name: 'Labels' }).getByRole('button', { name: /Fact/ }).click();
    await dialog.getByLabel('Colour', { exact: true }).fill('#ffd966');
    await expect(dialog.getByText(/^Readable: dark badge letters/)).toBeVisible();
    // Each preview sample is whole: inside the dialog and not cut by its own box.
    for (const theme of ['light', 'dark']) {
      const sample = dialog.locator(`.tagset-underline.${theme}`);
      await expect(sample).toHaveText(`on ${theme}`);
      const fits = await sample.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const box = el.closest('[role="dialog"]')!.getBoundingClientRect();
        let clipped = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const s = getComputedStyle(p);
          if (s.overflowX !== 'visible') {
            const pr = p.getBoundingClientRect();
            if (r.right > pr.right + 0.5 || r.left < pr.left - 0.5) clipped = true;
          }
        }
        return { inside: r.left >= box.left && r.right <= box.right, clipped, whole: el.scrollWidth <= el.clientWidth + 1 };
      });
      expect(fits).toEqual({ inside: true, clipped: false, whole: true });
    }
    await page.screenshot({ path: `test-results/screens/tagset-light-colour-${width}.png` });
    await dialog.getByRole('button', { name: 'Save label' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Saved “Fact”.');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    expect(app.library!.labels.find('fact')!.color).toBe('#ffd966');
    const badge = page.getByRole('toolbar', { name: 'Tag the selection' }).getByRole('button', { name: /^Fact/ }).locator('.swatch');
    await expect(badge).toHaveCSS('background-color', 'rgb(255, 217, 102)');
    await expect(badge).toHaveCSS('color', 'rgb(31, 35, 40)');
  });
}
