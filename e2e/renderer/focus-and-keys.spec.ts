import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

// #18 Focus and the small keyboard defects, #13 item 6: one command table drives the keys.

const annotationRows = (app: AppHarness) => app.library!.db.prepare('SELECT id, label_id, start_offset, end_offset, note, attribution, deleted_at FROM annotations ORDER BY id').all();
const labelRows = (app: AppHarness) => app.library!.db.prepare('SELECT * FROM labels ORDER BY id').all();
const focusedInside = (page: Page, selector: string) => page.evaluate((s) => document.querySelector(s)?.contains(document.activeElement) ?? false, selector);
const notice = (page: Page) => page.locator('.toast');

async function start(app: AppHarness, page: Page): Promise<ArticlePage> {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  return article;
}

/** Selects from the middle of the `first`-th block of the article to the middle of the next one, as a long drag would. */
async function selectAcrossBlocks(page: Page, first: number): Promise<void> {
  await page.evaluate((i) => {
    const blocks = Array.from(document.querySelectorAll('.article-text [data-start]')).filter((b) => (b.textContent ?? '').length > 40);
    const textIn = (el: Element) => document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode() as Text;
    const a = textIn(blocks[i]);
    const b = textIn(blocks[i + 1]);
    const range = document.createRange();
    range.setStart(a, Math.floor(a.data.length / 2));
    range.setEnd(b, Math.floor(b.data.length / 2));
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }, first);
}

test('under the Tag set dialog opened by mouse, no shortcut fires; focus is inside, trapped, and returns on Escape', async ({ app, page }) => {
  const article = await start(app, page);
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  // The annotation stays selected: Delete and digits would act on it if they got through.
  await expect(page.locator('.annotation-item.selected')).toHaveCount(1);

  // The labels are slow to come: the dialog's first buttons are disabled meanwhile.
  const labels = app.holdNext('listLabels');
  const tagSetButton = page.getByRole('button', { name: 'Tag set…' });
  await tagSetButton.click();
  const dialog = page.getByRole('dialog', { name: 'Tag set' });
  await expect(dialog).toBeVisible();
  expect(await focusedInside(page, '[role="dialog"]')).toBe(true);

  const before = { annotations: annotationRows(app), labels: labelRows(app) };
  app.calls.length = 0;
  for (const key of ['Control+e', '?', '2', 'Delete', 'Backspace', 'j', 'Control+z', 'Control+f', 'Control+o']) await page.keyboard.press(key);
  await app.menu('export');
  await app.menu('shortcuts');
  await expect(page.getByRole('dialog')).toHaveCount(1);
  await expect(page.locator('.find-bar')).toHaveCount(0);
  labels.release();
  await expect(dialog.getByRole('list', { name: 'Labels' }).getByRole('button')).toHaveCount(labelRows(app).length);
  // Once they are there, the current label holds focus (the dialog itself held it meanwhile).
  await expect(dialog.getByRole('button', { name: /^Fact/ })).toBeFocused();
  await page.keyboard.press('Control+e');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toHaveCount(1);
  expect(app.calls.filter((m) => !['listLabels', 'listDocuments'].includes(m))).toEqual([]);
  expect({ annotations: annotationRows(app), labels: labelRows(app) }).toEqual(before);

  // Tab and Shift+Tab cycle inside the dialog, however far they go.
  /** Which of the dialog's enabled controls has focus (-1: none of them); of a radio group, Tab reaches the checked one. */
  const at = () =>
    dialog.evaluate((d) =>
      Array.from(d.querySelectorAll('button, input, select, textarea'))
        .filter((e) => !(e as HTMLButtonElement).disabled && (e as HTMLElement).getClientRects().length > 0 && !((e as HTMLInputElement).type === 'radio' && !(e as HTMLInputElement).checked))
        .indexOf(document.activeElement!),
    );
  const tabbable = await dialog.evaluate(
    (d) =>
      Array.from(d.querySelectorAll('button, input, select, textarea')).filter(
        (e) => !(e as HTMLButtonElement).disabled && (e as HTMLElement).getClientRects().length > 0 && !((e as HTMLInputElement).type === 'radio' && !(e as HTMLInputElement).checked),
      ).length,
  );
  const seen = new Set<number>();
  for (let i = 0; i < tabbable + 3; i++) {
    await page.keyboard.press('Tab');
    seen.add(await at());
  }
  expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: tabbable }, (_, i) => i));
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await focusedInside(page, '[role="dialog"]')).toBe(true);
  }
  // A click on the page behind does not take focus out of it.
  await page.mouse.click(5, 5);
  expect(await focusedInside(page, '[role="dialog"]')).toBe(true);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(tagSetButton).toBeFocused();
  // Shortcuts work again once it is closed.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
});

test('Escape closes only the topmost dialog, and each gives focus back to what opened it', async ({ app, page }) => {
  await start(app, page);
  const shortcuts = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await shortcuts.click();
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(shortcuts).toBeFocused();

  // The export dialog, opened from a field with Ctrl+E (the file commands work while typing).
  await page.keyboard.press('Control+f');
  await page.keyboard.press('Control+e');
  const exportDialog = page.getByRole('dialog', { name: /Export/ });
  await expect(exportDialog).toBeVisible();
  expect(await focusedInside(page, '[role="dialog"]')).toBe(true);
  await page.keyboard.press('Escape');
  await expect(exportDialog).toHaveCount(0);
  await expect(page.getByLabel('Find in document')).toBeFocused();
});

test('every dialog opened by mouse takes focus, keeps Tab inside, closes on Escape and gives focus back', async ({ app, page }) => {
  await start(app, page);
  const title = await page.locator('.doc-title').textContent();
  const openers: Array<[string, ReturnType<Page['getByRole']>, RegExp]> = [
    ['tag set', page.getByRole('button', { name: 'Tag set…' }), /^Tag set$/],
    ['export', page.getByRole('button', { name: 'Export…' }), /Export/],
    ['shortcuts', page.getByRole('button', { name: 'Keyboard shortcuts' }), /Keyboard shortcuts/],
    ['paste', page.getByRole('button', { name: 'Paste', exact: true }), /clipboard/],
    ['team', page.getByRole('button', { name: 'Team', exact: true }), /./],
    ['rename', page.getByRole('button', { name: `Rename ${title}` }), /Rename/],
    ['delete', page.getByRole('button', { name: `Delete ${title}` }), /Delete/],
    ['your name', page.getByRole('button', { name: 'Ayesha' }), /Change your name/],
  ];
  for (const [what, opener, name] of openers) {
    await opener.click();
    const dialog = page.getByRole('dialog', { name });
    await expect(dialog, what).toBeVisible();
    await expect.poll(() => focusedInside(page, '[role="dialog"]'), what).toBe(true);
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
    expect(await focusedInside(page, '[role="dialog"]'), what).toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog'), what).toHaveCount(0);
    await expect(opener, what).toBeFocused();
  }
});

test('Tab from the top of the window offers a way past the library list', async ({ app, page }) => {
  const article = await start(app, page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to article' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  expect(await focusedInside(page, '.article-text')).toBe(true);
  // From the article, keys tag at once: select with the keyboard and press a digit.
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  // Out of sight when not focused.
  await page.keyboard.press('Escape');
  await expect(skip).not.toBeInViewport();
});

test('Backspace deletes the selected annotation, as the shortcuts sheet says', async ({ app, page }) => {
  const article = await start(app, page);
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  await page.keyboard.press('Backspace');
  await expect(article.items).toHaveCount(0);
  await expect(notice(page)).toContainText('Deleted “dramatic development”');
  await page.keyboard.press('?');
  const row = page.getByRole('dialog', { name: 'Keyboard shortcuts' }).locator('.shortcut', { hasText: 'Delete your selected annotation' });
  await expect(row.locator('kbd')).toHaveText(['Delete', 'Backspace']);
});

test('Shift+A spends the selection: the next digit does not tag the name', async ({ app, page }) => {
  const article = await start(app, page);
  await article.select('agreed to upgrade their diplomatic relations to ambassador level');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  await article.select('Foreign Minister Ishaq Dar');
  await page.keyboard.press('Shift+A');
  await expect(page.getByLabel('Attribution')).toHaveValue('Foreign Minister Ishaq Dar');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
  await expect(page.locator('.selection-popover')).toHaveCount(0);
  await page.keyboard.press('2');
  // The digit relabels the selected claim, as documented; the name is not tagged.
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Opinion');
  await expect(article.items).toHaveCount(1);
  expect(app.library!.db.prepare("SELECT COUNT(*) AS n FROM annotations WHERE quote = 'Foreign Minister Ishaq Dar'").get()).toEqual({ n: 0 });
});

test('a digit with nothing selected says what to do', async ({ app, page }) => {
  const article = await start(app, page);
  await page.keyboard.press('1');
  await expect(notice(page)).toHaveText(/Select text first, then press 1–3, 8 or 9\./);
  // A key no label holds says so too, even with text selected.
  await article.select('dramatic development');
  await page.keyboard.press('5');
  await expect(notice(page)).toHaveText(/No label is on key 5; the tag set uses 1–3, 8 or 9\./);
  await expect(article.items).toHaveCount(0);
});

test('undo and redo say what they undid', async ({ app, page }) => {
  const article = await start(app, page);
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  await page.keyboard.press('2');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Opinion');
  await page.keyboard.press('Control+z');
  await expect(notice(page)).toContainText('Undid: label ‘Fact’ → ‘Opinion’ on “dramatic development”.');
  await page.keyboard.press('Control+z');
  await expect(notice(page)).toContainText('Undid: tag ‘Fact’ on “dramatic development”.');
  await expect(article.items).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(notice(page)).toContainText('Redid: tag ‘Fact’ on “dramatic development”.');
});

test('the find bar has one close control', async ({ app, page }) => {
  await start(app, page);
  await page.keyboard.press('Control+f');
  const bar = page.locator('.find-bar');
  await page.keyboard.type('taliban');
  await expect(bar.getByRole('button')).toHaveCount(1);
  await expect(bar.getByRole('button', { name: 'Close find' })).toBeVisible();
  // No second, native clear button inside the field (a search-type input draws one).
  expect(await bar.locator('input').evaluate((i) => (i as HTMLInputElement).type)).toBe('text');
  await page.screenshot({ path: 'test-results/screens/find-bar-one-close.png', clip: (await bar.boundingBox())! });
});

test('a selection across two paragraphs is tagged and said so, with undo', async ({ app, page }) => {
  const article = await start(app, page);
  await selectAcrossBlocks(page, 0);
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  await expect(notice(page)).toContainText('This claim spans 2 paragraphs');
  const row = app.library!.db.prepare('SELECT quote FROM annotations').get() as { quote: string };
  expect(row.quote).toContain('\n');
  await notice(page).getByRole('button', { name: /Undo/ }).click();
  await expect(article.items).toHaveCount(0);
  // One paragraph: no such notice.
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  await expect(notice(page)).not.toContainText('paragraphs');
});

test('screens: the shortcuts sheet and a dialog with its focus ring, at every width, light and dark', async ({ app, page }) => {
  const dir = process.env.CLAIMTAG_SHOTS ?? path.resolve('test-results/screens/focus');
  fs.mkdirSync(dir, { recursive: true });
  await start(app, page);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [900, 1024, 1360, 1600]) {
      await page.setViewportSize({ width, height: 860 });
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await page.screenshot({ path: path.join(dir, `shortcuts-${width}-${scheme}.png`) });
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Tag set…' }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Tag set' });
      await expect(dialog.getByRole('list', { name: 'Labels' }).getByRole('button')).toHaveCount(labelRows(app).length);
      await page.keyboard.press('Tab');
      await page.screenshot({ path: path.join(dir, `tagset-focus-${width}-${scheme}.png`) });
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await page.getByRole('link', { name: 'Skip to article' }).focus();
      await page.screenshot({ path: path.join(dir, `skip-link-${width}-${scheme}.png`), clip: { x: 0, y: 0, width, height: 120 } });
    }
  }
});
