import fs from 'node:fs';
import path from 'node:path';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS } from '../../src/shared/export-formats';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';
import { readPdf } from '../support/pdf-text';

const CLAIMS: Array<[string, string]> = [
  ['Pakistan and Afghanistan have agreed to upgrade their diplomatic relations to ambassador level', '1'],
  ['ambassador level', '2'],
  ['no country has as yet formally recognised the Taliban administration', '2'],
  ['it is difficult to expect the Taliban regime to moderate its conservative policy', '3'],
];

test.beforeEach(async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  for (const [text, key] of CLAIMS) {
    await article.select(text);
    await page.keyboard.press(key);
  }
  await expect(article.items).toHaveCount(CLAIMS.length);
  await page.getByLabel('Note').fill('Hostile note: <img src=x onerror="window.__pwned=1"> & "quotes"');
  await page.getByLabel('Note').blur();
  await expect(article.saveState).toHaveText('All changes saved');
});

test('the HTML report: chosen in the export dialog, self-contained, every claim highlighted, nothing runs', async ({ app, page, context }) => {
  const out = path.join(app.dataDir, 'report.html');
  app.nextExportPath = out;
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/export-dialog.png' });
  // The dialog lists the catalogue (src/shared/export-formats.ts), in its order, with its words.
  await expect(dialog.locator('.format-option input[type=radio]')).toHaveCount(EXPORT_FORMAT_IDS.length);
  expect(await dialog.locator('.format-option input[type=radio]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(EXPORT_FORMAT_IDS);
  await expect(dialog.locator('.format-name')).toHaveText(EXPORT_FORMAT_IDS.map((id) => EXPORT_FORMATS[id].name));
  await expect(dialog.locator('.format-about')).toHaveText(EXPORT_FORMAT_IDS.map((id) => EXPORT_FORMATS[id].description));
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Exported HTML report' })).toBeVisible();
  const html = fs.readFileSync(out, 'utf8');
  expect(html).not.toMatch(/<script/i);
  expect(html).toContain('Content-Security-Policy');

  const report = await context.newPage();
  const requests: string[] = [];
  report.on('request', (r) => requests.push(r.url()));
  await report.goto(`file://${out}`);
  await expect(report.locator('h1').first()).toContainText('Pakistan');
  expect(await report.evaluate(() => document.scripts.length)).toBe(0);
  expect(await report.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // every claim's text appears inside a highlight, and the claims table lists each one
  // A claim may be cut into several <mark> fragments (at overlaps); join each claim's fragments.
  const highlighted = await report.evaluate(() => {
    const byClaim = new Map<string, string>();
    for (const m of Array.from(document.querySelectorAll('mark'))) {
      const claim = (m.getAttribute('title') ?? '').split(' · ')[0];
      const copy = m.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.marker').forEach((b) => b.remove());
      byClaim.set(claim, (byClaim.get(claim) ?? '') + (copy.textContent ?? ''));
    }
    return [...byClaim.values()];
  });
  expect(highlighted.sort()).toEqual(CLAIMS.map(([t]) => t).sort());
  const claimsTable = report.locator('section, div', { has: report.getByRole('heading', { name: 'Claims' }) }).locator('table').last();
  await expect(claimsTable.locator('tbody tr')).toHaveCount(CLAIMS.length);
  await expect(claimsTable).toContainText('<img src=x onerror="window.__pwned=1">');
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  await report.screenshot({ path: 'test-results/screens/report-html.png', fullPage: false });
  await report.setViewportSize({ width: 390, height: 844 });
  await report.screenshot({ path: 'test-results/screens/report-phone.png' });
  await report.emulateMedia({ media: 'print' });
  await report.screenshot({ path: 'test-results/screens/report-print.png' });
});

test('the PDF report has the title on every page, page numbers and every claim', async ({ app, page }) => {
  const out = path.join(app.dataDir, 'report.pdf');
  app.nextExportPath = out;
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByText('PDF report').click();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Exported PDF report' })).toBeVisible({ timeout: 60_000 });
  expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  const { pages } = await readPdf(out);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  const all = pages.join(' ').replace(/\s+/g, ' ');
  for (const [text] of CLAIMS) expect(all).toContain(text.split(' ').slice(0, 4).join(' '));
  pages.forEach((p, i) => {
    expect(p, `page ${i + 1}`).toContain('Pakistan');
    expect(p.replace(/\s+/g, ' '), `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1} of ${pages.length}|${i + 1} / ${pages.length}|${i + 1} of ${pages.length}`));
  });
});

test('cancelling the save dialog writes nothing; a failed export leaves the previous file untouched', async ({ app, page }) => {
  app.nextExportPath = null;
  await page.keyboard.press('Control+e');
  await page.getByRole('dialog', { name: 'Export' }).getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  const dir = path.join(app.dataDir, 'a-folder.csv');
  fs.mkdirSync(dir);
  app.nextExportPath = dir; // a folder where a file should go: the write must fail cleanly
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByText('CSV', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  expect(fs.statSync(dir).isDirectory()).toBe(true);
  await page.screenshot({ path: 'test-results/screens/export-error.png' });
});
