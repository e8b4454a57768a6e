// Two analysts and a reference on one document: the workbench is Ayesha's layer; Bilal's work
// and the reference are named, shown on request, read-only by key, mouse, undo and IPC; blind
// mode hides them until she is done; an import refreshes the open view; a similar document is
// kept apart unless mapped, and a mapping never guesses.

import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';
import { exportClaimtagJson } from '../../src/core/interchange/claimtag-json';
import { loadBundle } from '../../src/core/library-io/load-bundle';
import { loadBundledSample } from '../../src/core/store/bundled-sample';
import { Library } from '../../src/core/store/library';
import { ensureReferenceAnnotator } from '../../src/core/compare/reference';
import { dumpLibrary } from '../../test/support/dump-library';

const MINE = 'dramatic development';
const HIS_FACT = 'Pakistan and Afghanistan have agreed to upgrade their diplomatic relations to ambassador level';
const HIS_OPINION = 'highly significant';
const REFERENCE = 'Pakistan had previously maintained a consulate-level presence in Kabul.';
const SHOTS = process.env.CLAIMTAG_SHOTS_DIR ?? 'test-results/screens/layers';
const WIDTHS = [900, 1024, 1360, 1600];

/** Bilal's claimtag JSON export from his own machine: his work on the sample, or on a changed copy of it. */
function bilalsExport(dir: string, edit: (text: string) => string = (t) => t, name = 'bilal.json'): string {
  const other = Library.open(path.join(dir, `${name}.sqlite`));
  const sample = loadBundledSample(path.resolve(__dirname, '../../resources'));
  const text = edit(sample.text);
  const { document } = other.documents.add({ ...sample, text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] });
  const bilal = other.annotators.add('Bilal');
  for (const [quote, label] of [
    [HIS_FACT, 'fact'],
    [text.includes(HIS_OPINION) ? HIS_OPINION : 'most significant', 'opinion'],
  ]) {
    const at = text.indexOf(quote);
    other.annotations.add({ documentId: document.id, annotatorId: bilal.id, labelId: label, start: at, end: at + quote.length }, text);
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, exportClaimtagJson(loadBundle(other, { documents: 'all' })));
  other.close();
  return file;
}

/** The reference version's one span, as an adjudication would have written it. */
function seedReference(app: AppHarness): void {
  const library = app.library!;
  const doc = library.documents.list()[0];
  const text = library.documents.textOf(doc.id);
  const at = text.indexOf(REFERENCE);
  library.transaction(() => {
    const reference = ensureReferenceAnnotator(library);
    library.annotations.add({ documentId: doc.id, annotatorId: reference.id, labelId: 'fact', start: at, end: at + REFERENCE.length }, text);
  });
}

async function shoot(app: AppHarness, name: string): Promise<void> {
  const { page } = app;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 860 });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}-${scheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1360, height: 860 });
}

async function importFile(app: AppHarness, file: string): Promise<void> {
  app.nextImportFiles = [file];
  await app.page.getByRole('button', { name: 'Import…' }).click();
}

test('two analysts and a reference: her layer by default, theirs read-only by key, mouse, undo and IPC, blind until done', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select(MINE);
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  seedReference(app);

  // Bilal's work arrives by import: the open document shows it without reopening
  await importFile(app, bilalsExport(app.dataDir));
  await expect(page.getByRole('dialog', { name: /Imported 1 item/ })).toContainText('2 annotations added');
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  const layers = page.getByRole('group', { name: 'Layers' });
  await expect(layers).toContainText('Also here:');
  const bilalChip = layers.getByRole('button', { name: /^Bilal/ });
  const referenceChip = layers.getByRole('button', { name: /^reference/ });
  await expect(bilalChip).toContainText('2');
  await expect(referenceChip).toContainText('1');

  // her figures: one annotation, whatever the others did
  await expect(article.items).toHaveCount(1);
  await expect(page.locator('.statusbar')).toContainText('1 annotation ·');
  // the library's counts are hers: Fact 1 (Bilal's fact, the reference's fact not added)
  await expect(page.locator('.doc-list .current .doc-count').first()).toHaveAttribute('title', 'Fact: 1');
  // J/K step through hers only
  await page.locator('.article-text').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-item[aria-selected="true"]')).toContainText(MINE);
  await page.keyboard.press('Escape');

  // shown beside hers on request, painted as overlays, never in her list
  expect((await article.highlightCounts())['ct-layer-colleague'] ?? 0).toBe(0);
  await shoot(app, 'layers-hidden');
  await bilalChip.click();
  await referenceChip.click();
  await expect(bilalChip).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await article.highlightCounts())['ct-layer-colleague']).toBe(2);
  await expect.poll(async () => (await article.highlightCounts())['ct-layer-reference']).toBe(1);
  await expect(article.items).toHaveCount(1);
  await shoot(app, 'layers-shown');

  // by mouse: his annotation is selected read-only; by key: '2' and Delete are refused, nothing changes
  const library = app.library!;
  const before = dumpLibrary(library);
  await article.clickOn('upgrade their diplomatic');
  const foreign = page.getByRole('region', { name: "Bilal's annotation, read-only" });
  await expect(foreign).toBeVisible();
  await expect(foreign).toContainText('Copy to mine');
  await page.keyboard.press('2');
  await expect(page.getByRole('alert')).toContainText("This is Bilal's annotation. Copy it to your own work to change it.");
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert')).toContainText("This is Bilal's annotation.");
  expect(dumpLibrary(library)).toEqual(before);
  await shoot(app, 'layers-foreign-selected');

  // by IPC: the page's own bridge is refused with a typed reason
  const his = library.annotations.listForDocument(library.documents.list()[0].id).find((a) => a.annotatorName === 'Bilal')!;
  const refusal = await page.evaluate((id) => (window as unknown as { claimtag: { updateAnnotation(i: unknown): Promise<unknown> } }).claimtag.updateAnnotation({ id, labelId: 'opinion' }), his.id);
  expect(refusal).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'not-owner' } });
  const refusedDelete = await page.evaluate((id) => (window as unknown as { claimtag: { deleteAnnotation(i: unknown): Promise<unknown> } }).claimtag.deleteAnnotation({ id }), his.id);
  expect(refusedDelete).toMatchObject({ ok: false, error: { reason: 'not-owner' } });
  expect(dumpLibrary(library)).toEqual(before);

  // Copy to mine (M): now hers to change; undo takes back only her copy
  await page.keyboard.press('m');
  await expect(article.items).toHaveCount(2);
  await expect(page.locator('.statusbar')).toContainText('2 annotations ·');
  await page.keyboard.press('2');
  await expect.poll(() => library.annotations.listForDocument(his.documentId).filter((a) => a.annotatorName === 'Ayesha').map((a) => a.labelId).sort()).toEqual(['fact', 'opinion']);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(article.items).toHaveCount(1);
  expect(library.annotations.get(his.id)).toEqual(his);

  // blind mode for this document: the other layers go until she marks it done
  await layers.getByRole('button', { name: /Blind mode/ }).click();
  await page.getByRole('group', { name: 'Blind mode' }).getByLabel('This document').check();
  await expect(layers).toContainText('2 other layers are hidden until you mark this document done');
  await expect(bilalChip).toHaveCount(0);
  await expect.poll(async () => (await article.highlightCounts())['ct-layer-colleague'] ?? 0).toBe(0);
  await layers.getByRole('button', { name: /Blind mode/ }).click();
  await shoot(app, 'layers-blind');
  // remembered across a restart, and shown
  await app.restart();
  await article.waitReady();
  await expect(page.getByRole('group', { name: 'Layers' })).toContainText('Blind document');
  await page.getByRole('button', { name: 'Mark done' }).click();
  await expect(page.getByRole('group', { name: 'Layers' })).toContainText('Also here:');
  await expect(page.getByRole('group', { name: 'Layers' })).toContainText('shown because you marked it done');
});

test('a tag, a relabel and a note cost one call each: nothing refetches the library', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await expect(article.saveState).toContainText(/saved/i);
  app.calls.length = 0;
  await article.select(MINE);
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  await expect(article.saveState).toContainText(/saved/i);
  await page.keyboard.press('2');
  await expect.poll(() => app.library!.annotations.listForDocument(app.library!.documents.list()[0].id)[0].labelId).toBe('opinion');
  await page.keyboard.press('n');
  await page.keyboard.type('checked');
  await page.keyboard.press('Tab');
  await expect.poll(() => app.library!.annotations.listForDocument(app.library!.documents.list()[0].id)[0].note).toBe('checked');
  // the library list's counts followed the store, not a refetch
  await expect(page.locator('.doc-list .current .doc-count').nth(1)).toHaveAttribute('title', 'Opinion: 1');
  expect(app.calls.filter((m) => ['listDocuments', 'listLabels', 'listAnnotators', 'listAnnotations', 'documentLayers'].includes(m))).toEqual([]);
  expect(app.calls).toEqual(['createAnnotation', 'updateAnnotation', 'updateAnnotation']);
});

test('a similar document is kept apart unless mapped, and a mapping never guesses', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  // his copy: one word changed inside his opinion, and a line added at the end
  const changed = (t: string) => `${t.replace('highly significant', 'most significant')}\nEditor’s note: updated on Monday.`;
  const file = bilalsExport(app.dataDir, changed);
  const before = dumpLibrary(app.library!);

  await importFile(app, file);
  const summary = page.getByRole('dialog', { name: '0 of 1 imported' });
  await expect(summary).toContainText('resembles');
  const difference = summary.getByRole('group', { name: /How “.*” differs from/ });
  await expect(difference.locator('del').first()).toHaveText('highly');
  await expect(difference.locator('ins').first()).toHaveText('most');
  await expect(difference).toContainText('Editor’s note');
  expect(dumpLibrary(app.library!)).toEqual(before);
  await shoot(app, 'similar-document-dialog');

  await summary.getByRole('button', { name: /Map onto/ }).click();
  const mapped = page.getByRole('dialog', { name: /Imported 1 item/ });
  await expect(mapped).toContainText('1 annotations added');
  await expect(mapped).toContainText('1 placed where their quote and context occur once, 1 left out because placing them would be a guess');
  await expect(mapped).toContainText('not placed: “most significant” with the text around it is not in this copy');
  await shoot(app, 'similar-document-mapped');
  await mapped.getByRole('button', { name: 'Done', exact: true }).click();
  expect(app.library!.documents.list()).toHaveLength(1);
  await expect(page.getByRole('group', { name: 'Layers' }).getByRole('button', { name: /^Bilal/ })).toContainText('1');

  // the same file once more, kept apart this time: a second document with all his work
  // (from another library of his: his name is taken here, so that is asked first, and the answer kept)
  await importFile(app, bilalsExport(app.dataDir, changed, 'bilal-again.json'));
  await page.getByRole('dialog', { name: '0 of 1 imported' }).getByRole('button', { name: 'Same person' }).click();
  await page.getByRole('dialog', { name: '0 of 1 imported' }).getByRole('button', { name: 'Keep as a separate document' }).click();
  await expect(page.getByRole('dialog', { name: /Imported 1 item/ })).toContainText('2 annotations added');
  expect(app.library!.documents.list()).toHaveLength(2);
});

test('her own work from another machine joins her layer only when she says it is hers', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  // filed by her name and no id (as brat and doccano files are): the file cannot say it is hers, so she is asked
  const doc = app.library!.documents.list()[0];
  const text = app.library!.documents.textOf(doc.id);
  const at = text.indexOf(HIS_OPINION);
  const file = path.join(app.dataDir, 'from-my-laptop.json');
  const annotation = { document: 'd1', annotator: 'Ayesha', label: 'opinion', start: at, end: at + HIS_OPINION.length };
  fs.writeFileSync(file, JSON.stringify({ format: 'claimtag', version: 1, documents: [{ id: 'd1', title: doc.title, text }], annotations: [annotation] }));
  const before = dumpLibrary(app.library!);

  await importFile(app, file);
  const summary = page.getByRole('dialog', { name: '0 of 1 imported' });
  await expect(summary).toContainText('to your own work (Ayesha)');
  expect(dumpLibrary(app.library!)).toEqual(before);
  await shoot(app, 'own-layer-dialog');
  await summary.getByRole('button', { name: 'They are mine — add to my work' }).click();
  await expect(page.getByRole('dialog', { name: /Imported 1 item/ })).toContainText('1 annotations added');
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(article.items).toHaveCount(1);
});

test('an import while comparing joins the comparison without reopening it', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select(HIS_FACT);
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const view = page.getByRole('region', { name: 'Compare annotators' });
  await expect(view.getByText('Only Ayesha has tagged this article.')).toBeVisible();
  await importFile(app, bilalsExport(app.dataDir));
  await page.getByRole('dialog', { name: /Imported 1 item/ }).getByRole('button', { name: 'Done', exact: true }).click();
  await expect(view.getByRole('group', { name: 'Annotators to compare' }).getByRole('button')).toHaveCount(2);
  await expect(view.getByRole('region', { name: 'Agreement figures' })).toContainText('Spans α_u');
});
