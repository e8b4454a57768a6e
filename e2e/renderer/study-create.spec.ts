import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';
import { syntheticDocument } from '../../test/agreement/synthetic-document';

const SHOTS = process.env.CLAIMTAG_SHOTS_DIR ?? 'test-results/screens';

/** Four articles tagged by two analysts; no study yet. */
function seedArticles(app: AppHarness): void {
  const library = app.library!;
  const ids = { 'annotator-001': library.annotators.add('Ayesha Khan').id, 'annotator-002': library.annotators.add('Bilal Ahmed').id };
  library.transaction(() => {
    for (let d = 0; d < 4; d++) {
      const doc = syntheticDocument({ seed: 900 + d, annotators: 2, annotationsPerAnnotator: 6, textLength: 500 });
      const { document } = library.documents.add({ title: `Harbour report ${d + 1}`, source: 'e2e', text: doc.text, blocks: [{ kind: 'paragraph', start: 0, end: doc.text.length }] });
      const seen = new Set<string>();
      for (const a of doc.annotations) {
        const key = `${a.annotator}:${a.start}:${a.end}:${a.label}`;
        if (seen.has(key) || doc.text.slice(a.start, a.end).trim() === '') continue;
        seen.add(key);
        library.annotations.add({ documentId: document.id, annotatorId: ids[a.annotator as keyof typeof ids], labelId: a.label, start: a.start, end: a.end }, doc.text);
      }
    }
  });
}

test('study dashboard: create and assign a study by keyboard, reassign, export the diagnosis CSV', async ({ app, page }) => {
  await app.start();
  await new ArticlePage(page).enterName('Lead Editor');
  seedArticles(app);
  const documents = app.library!.documents.list().length; // the four and the bundled sample

  await page.keyboard.press('Control+Shift+D');
  const view = page.getByRole('region', { name: 'Study dashboard' });
  await expect(view).toContainText('No studies in this library yet.');
  await page.keyboard.press('Tab');
  await expect(view.getByRole('button', { name: 'New study' })).toBeFocused();
  await page.keyboard.press('Enter');
  const form = view.getByRole('form', { name: 'New study' });
  await expect(form.getByRole('textbox', { name: 'Name' })).toBeFocused();

  // nothing filled in: each problem beside its field, the first one focused
  await page.keyboard.press('Enter');
  await expect(form).toContainText('Give the study a name.');
  await expect(form).toContainText('Choose at least one document from the library.');
  await expect(form).toContainText('Name at least one analyst.');
  await expect(form.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');

  // one analyst cannot double-annotate
  await page.keyboard.type('Harbour study');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('checkbox', { name: 'All documents' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(form).toContainText(`Documents (${documents} of ${documents} chosen)`);
  for (let i = 0; i < documents; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('textbox', { name: 'Analysts' })).toBeFocused();
  await page.keyboard.type('Ayesha Khan');
  await page.keyboard.press('Enter');
  await expect(form).toContainText('Double annotation needs at least two analysts');
  await expect(form.getByRole('textbox', { name: /Double-annotated share/ })).toBeFocused();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [900, 1024, 1360, 1600]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.screenshot({ path: path.join(SHOTS, `study-form-${width}-${scheme}.png`), fullPage: false });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('End');
  await page.keyboard.type(', Bilal Ahmed');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('50');
  await page.keyboard.press('Tab');
  await page.keyboard.type('v3');
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(view.getByRole('combobox', { name: 'Study' })).toHaveValue('Harbour study');
  await expect(view.getByRole('status').filter({ hasText: 'Study “Harbour study” created and assigned.' })).toBeVisible();
  await expect(view.locator('.study-meta')).toContainText(`${documents} documents · analysts Ayesha Khan, Bilal Ahmed · guideline version v3 · 50 % double-annotated`);
  const study = app.library!.studies.getByName('Harbour study');
  expect(app.library!.studies.progress(study.id).reduce((n, p) => n + p.assigned, 0)).toBe(documents + Math.round(documents / 2));
  expect(study.tagSet.map((l) => l.id)).toEqual(app.library!.labels.list().filter((l) => !l.archived).map((l) => l.id));

  // reassign: every document to both
  const share = view.getByRole('form', { name: 'Assign documents' }).getByRole('textbox');
  await share.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('100');
  await page.keyboard.press('Enter');
  await expect(view.getByRole('status').filter({ hasText: `Assigned: Ayesha Khan ${documents}, Bilal Ahmed ${documents}.` })).toBeVisible();
  await expect(view.locator('.study-meta')).toContainText('100 % double-annotated');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [900, 1024, 1360, 1600]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.screenshot({ path: path.join(SHOTS, `study-assigned-${width}-${scheme}.png`), fullPage: false });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // the diagnosis table, through the save dialog
  const target = path.join(app.dataDir, 'harbour-diagnosis.csv');
  app.nextExportPath = target;
  await view.getByRole('button', { name: 'Export diagnosis CSV' }).focus();
  await page.keyboard.press('Enter');
  await expect(view.getByRole('status').filter({ hasText: `to ${target}` })).toBeVisible();
  const lines = fs.readFileSync(target, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/Ayesha Khan.*Bilal Ahmed/);
  expect(lines.length).toBeGreaterThan(4);
  expect(lines.some((l) => l.startsWith('"Harbour report 1"'))).toBe(true);

  // a second study of the same name is refused beside the name, nothing changes
  const before = app.library!.studies.list().length;
  await view.getByRole('button', { name: 'New study' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Harbour study');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await form.getByRole('textbox', { name: 'Analysts' }).focus();
  await page.keyboard.type('Ayesha Khan, Bilal Ahmed');
  await page.keyboard.press('Enter');
  await expect(form).toContainText('There is already a study named "Harbour study".');
  await expect(form.getByRole('textbox', { name: 'Name' })).toBeFocused();
  expect(app.library!.studies.list().length).toBe(before);
  // Escape leaves the form, not the dashboard
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(view).toBeVisible();
});
