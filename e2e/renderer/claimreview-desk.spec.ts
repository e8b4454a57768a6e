import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readClaimReviewDesk } from '../../src/core/library-io/claimreview-desk';
import { dumpLibrary } from '../../test/support/dump-library';
import { test, expect, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

// The ClaimReview desk (#20): named in the Export dialog, kept with the library, used as author.
const WIDTHS = [900, 1024, 1360, 1600] as const;
const SHOTS = process.env.CLAIMTAG_SHOTS_DIR ?? 'test-results/screens';

async function shots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 860 });
      await page.waitForTimeout(120);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}-${scheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1360, height: 860 });
}

test.beforeEach(async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select('no country has as yet formally recognised the Taliban administration');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  await rateTheClaim(app, page);
});

/** Gives Fact a verdict scale and rates the claim "False", so the export holds one review. */
async function rateTheClaim(app: AppHarness, page: Page) {
  const library = app.library!;
  const fact = library.labels.find('fact')!;
  library.labels.update({ ...fact, attributes: [{ key: 'verdict', name: 'Verdict', type: 'scale', options: [{ key: 'true', name: 'True' }, { key: 'false', name: 'False' }] }] });
  const [claim] = library.annotations.listForDocument(library.documents.list()[0].id);
  const r = await page.evaluate((id) => (window as unknown as { claimtag: Record<string, (p: unknown) => Promise<{ ok: boolean }>> }).claimtag.setAnnotationAttributes({ id, values: { verdict: 'false' } }), claim.id);
  expect(r.ok).toBe(true);
}

/** The authors of the exported reviews. */
const authors = (file: string): unknown[] => (JSON.parse(fs.readFileSync(file, 'utf8')) as { '@graph': Array<{ author?: unknown }> })['@graph'].map((r) => r.author);

async function openClaimReview(page: Page) {
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: /ClaimReview/ }).check();
  await expect(dialog.getByRole('group', { name: 'Published by (your desk)' })).toBeVisible();
  return dialog;
}

test('the desk is named in the export dialog, saved with the library, and remembered next time', async ({ app, page }) => {
  const out = path.join(app.dataDir, 'reviews.jsonld');
  app.nextExportPath = out;
  const dialog = await openClaimReview(page);
  await expect(dialog.getByText('Google stopped showing ClaimReview rich results in Search in 2025')).toBeVisible();
  // Keyboard: from the chosen format radio, Tab reaches the name then the address.
  await dialog.getByRole('radio', { name: /ClaimReview/ }).focus();
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Desk name')).toBeFocused();
  await page.keyboard.type('Soch Fact Check ڈیسک');
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Web address')).toBeFocused();
  await page.keyboard.type('https://factcheck.example.org/');
  await shots(page, 'export-claimreview');
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Exported ClaimReview' })).toBeVisible();
  await expect(dialog).toBeHidden();
  expect(authors(out)).toEqual([{ '@type': 'Organization', name: 'Soch Fact Check ڈیسک', url: 'https://factcheck.example.org/' }]);
  expect(readClaimReviewDesk(app.library!)).toEqual({ name: 'Soch Fact Check ڈیسک', url: 'https://factcheck.example.org/' });

  const again = await openClaimReview(page);
  await expect(again.getByLabel('Desk name')).toHaveValue('Soch Fact Check ڈیسک');
  await expect(again.getByLabel('Web address')).toHaveValue('https://factcheck.example.org/');
});

test('a bad address shows the reason beside the field, and nothing is saved or exported', async ({ app, page }) => {
  const out = path.join(app.dataDir, 'reviews.jsonld');
  app.nextExportPath = out;
  const before = dumpLibrary(app.library!);
  const dialog = await openClaimReview(page);
  await dialog.getByLabel('Desk name').fill('Soch Fact Check');
  await dialog.getByLabel('Web address').fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const address = dialog.getByLabel('Web address');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.locator('#desk-url-error')).toBeVisible();
  await expect(address).toHaveAttribute('aria-describedby', 'desk-url-error');
  await shots(page, 'export-claimreview-bad-address');
  await expect(dialog).toBeVisible();
  expect(fs.existsSync(out)).toBe(false);
  expect(dumpLibrary(app.library!)).toEqual(before);
  // Typing again clears the message.
  await address.fill('https://factcheck.example.org/');
  await expect(dialog.locator('#desk-url-error')).toHaveCount(0);
});

test('with no desk the export still works and says the reviews carry no author', async ({ app, page }) => {
  const out = path.join(app.dataDir, 'reviews.jsonld');
  app.nextExportPath = out;
  const dialog = await openClaimReview(page);
  await expect(dialog.getByLabel('Desk name')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The reviews carry no author' })).toBeVisible();
  expect(authors(out)).toEqual([undefined]);
  expect(readClaimReviewDesk(app.library!)).toBeNull();
});
