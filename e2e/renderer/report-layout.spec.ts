// The HTML report as Chromium lays it out: direction of right-to-left paragraphs, claim markers
// that match the claims table, and a claims table whose quotes stay readable on an A4 page.
import { test, expect } from '@playwright/test';
import { exportHtmlReport } from '../../src/core/interchange/html-report';
import { structureBundle } from '../../test/interchange/structure-bundle';
import { GENERATED_AT, annotationFor, makeDocument, sampleBundle, LABELS } from '../../test/interchange/test-bundle';

const URDU = 'وزیر خارجہ نے کہا کہ تعلقات بہتر ہوں گے۔ اس کے بعد مذاکرات ہوں گے۔';

function reportWithRtlClaim(): string {
  const doc = makeDocument('rtl', 'Mixed desk note', 'Test desk', `${URDU}\nEnglish paragraph that follows.`);
  const claim = annotationFor({ doc, quote: 'وزیر خارجہ نے کہا', label: 'fact' });
  return exportHtmlReport({ documents: [doc], annotators: [{ id: 'ayesha', name: 'Ayesha Khan' }], labels: LABELS, annotations: [claim] }, { generatedAt: GENERATED_AT });
}

test('a right-to-left paragraph that opens with a claim is laid out right-to-left', async ({ page }) => {
  await page.setContent(reportWithRtlClaim());
  const directions = await page.locator('.article p').evaluateAll((ps) => ps.map((p) => getComputedStyle(p).direction));
  expect(directions).toEqual(['rtl', 'ltr']);
  await page.screenshot({ path: 'test-results/screens/report-rtl.png' });
});

test('each marker in the text carries the number of its row in the claims table', async ({ page }) => {
  const bundle = sampleBundle();
  await page.setContent(exportHtmlReport({ ...bundle, documents: [bundle.documents[0]] }, { generatedAt: GENERATED_AT }));
  const markers = await page.locator('mark .marker').evaluateAll((ms) => ms.map((m) => ({ number: m.firstChild?.textContent ?? '', anchor: m.parentElement?.id ?? '' })));
  expect(markers.length).toBe(7);
  for (const { number, anchor } of markers) {
    expect(anchor).toBe(`claim-${number}`);
    await expect(page.locator(`#row-${number} td`).first()).toHaveText(number);
  }
});

test('printed on A4, the quoted text gets the widest column of the claims table', async ({ page }) => {
  const bundle = sampleBundle();
  await page.setContent(exportHtmlReport({ ...bundle, documents: [bundle.documents[0]] }, { generatedAt: GENERATED_AT }));
  await page.emulateMedia({ media: 'print' });
  // A4 (210 mm) less the report's 16 mm side margins, at 96 px per inch.
  await page.setViewportSize({ width: Math.round(((210 - 32) / 25.4) * 96), height: 1000 });
  const widths = await page.locator('.claims thead th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
  const table = await page.locator('.claims table').evaluate((t) => t.getBoundingClientRect().width);
  const claimColumn = widths[1];
  expect(claimColumn / table).toBeGreaterThan(0.35);
  for (const [i, w] of widths.entries()) if (i !== 1) expect(w).toBeLessThan(claimColumn);
  await page.screenshot({ path: 'test-results/screens/report-print-table.png', fullPage: true });
});

test('printed on A4 with sources, cues, verdicts and evidence links, the claims table still fits the page and the claim column stays widest', async ({ page }) => {
  await page.setContent(exportHtmlReport(structureBundle(), { generatedAt: GENERATED_AT }));
  await page.emulateMedia({ media: 'print' });
  const a4 = Math.round(((210 - 32) / 25.4) * 96);
  await page.setViewportSize({ width: a4, height: 1000 });
  const widths = await page.locator('.claims thead th').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
  expect(await page.locator('.claims thead th').allTextContents()).toEqual(['#', 'Claim', 'Source', 'Note', 'Annotator']);
  const table = await page.locator('.claims table').evaluate((t) => t.getBoundingClientRect().right);
  expect(table).toBeLessThanOrEqual(a4);
  for (const [i, w] of widths.entries()) if (i !== 1) expect(w).toBeLessThan(widths[1]);
  // Long evidence links wrap inside their cell instead of widening the table.
  const overflow = await page.locator('.claims .attrs').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
  expect(overflow).toBe(0);
  await page.screenshot({ path: 'test-results/screens/report-print-structure.png', fullPage: true });
});
