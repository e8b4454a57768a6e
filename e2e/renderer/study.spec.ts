import { test, expect, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';
import { syntheticDocument } from '../../test/agreement/synthetic-document';
import { createStudy } from '../../src/core/study/study-service';

/** Twelve articles tagged by three analysts, in one study with half of them double-annotated. */
function seedStudy(app: AppHarness): void {
  const library = app.library!;
  const names = ['Ayesha Khan', 'Bilal Ahmed', 'Chen Wei'];
  const ids = Object.fromEntries(names.map((n, k) => [`annotator-00${k + 1}`, library.annotators.add(n).id]));
  library.transaction(() => {
    for (let d = 0; d < 12; d++) {
      const doc = syntheticDocument({ seed: 700 + d, annotators: 3, annotationsPerAnnotator: 8, textLength: 700 });
      const { document } = library.documents.add({ title: `Border report ${d + 1}`, source: 'e2e', text: doc.text, blocks: [{ kind: 'paragraph', start: 0, end: doc.text.length }] });
      const seen = new Set<string>();
      for (const a of doc.annotations) {
        const key = `${a.annotator}:${a.start}:${a.end}:${a.label}`;
        if (seen.has(key) || doc.text.slice(a.start, a.end).trim() === '') continue;
        seen.add(key);
        library.annotations.add({ documentId: document.id, annotatorId: ids[a.annotator], labelId: a.label, start: a.start, end: a.end }, doc.text);
      }
    }
  });
  const sample = library.documents.list().filter((d) => d.title.startsWith('Border report')).map((d) => d.id);
  createStudy(library, { name: 'Border talks', analysts: names, documentIds: sample });
}

test('study dashboard: empty state, then charts of a study, by keyboard, at four widths light and dark', async ({ app, page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Lead Editor');

  // empty state, entered by keyboard, left with Escape
  await page.keyboard.press('Control+Shift+D');
  const view = page.getByRole('region', { name: 'Study dashboard' });
  await expect(view).toBeVisible();
  await expect(view).toContainText('No studies in this library yet.');
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();

  seedStudy(app);
  await page.keyboard.press('Control+Shift+D');
  await expect(view).toBeVisible();
  await expect(view.getByRole('combobox', { name: 'Study' })).toHaveValue('Border talks');
  await expect(view.getByText(/α_u = \d\.\d\d over 12 articles, 95 % CI \d\.\d\d–\d\.\d\d/)).toBeVisible({ timeout: 30_000 });
  const charts = view.locator('svg.ct-chart[role="img"]');
  await expect(charts).toHaveCount(5);
  await expect(view.getByRole('img', { name: /Krippendorff α_u per label/ })).toBeVisible();
  await expect(view.getByRole('img', { name: /Span F1 \(overlap\) by pair/ })).toBeVisible();
  await expect(view.getByRole('img', { name: /F1 per analyst/ })).toBeVisible();
  await expect(view.getByRole('img', { name: /Label confusion/ })).toBeVisible();
  await expect(view.getByRole('img', { name: /over time/ })).toBeVisible();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [900, 1024, 1360, 1600]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.screenshot({ path: `test-results/screens/study-${width}-${scheme}.png`, fullPage: false });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();
  // the charts and their colours work under the app's strict CSP
  expect(violations).toEqual([]);
  await page.keyboard.press('Control+Shift+D');
  await expect(charts).toHaveCount(5);
  await expect(view.locator('[style]')).toHaveCount(0);

  // "my next document" for someone who is not an analyst of the study says so
  await view.getByRole('button', { name: 'My next document' }).click();
  await expect(view.getByRole('status').filter({ hasText: 'not an analyst' })).toBeVisible();
  // "next unsettled" opens Compare on the first document with an unsettled difference
  await view.getByRole('button', { name: 'Next unsettled' }).click();
  await expect(page.getByRole('region', { name: 'Compare annotators' })).toBeVisible();
  await expect(page.locator('.cmp-doc')).toHaveText(/Border report \d+/);
});
