import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';
import { exportClaimtagJson } from '../../src/core/interchange/claimtag-json';
import { loadBundle } from '../../src/core/library-io/load-bundle';
import { loadBundledSample } from '../../src/core/store/bundled-sample';
import { Library } from '../../src/core/store/library';

/** A claimtag JSON export from another machine whose analyst is also called Ayesha. */
function colleaguesExport(dir: string): string {
  const other = Library.open(path.join(dir, 'other.sqlite'));
  const sample = loadBundledSample(path.resolve(__dirname, '../../resources'));
  const { document } = other.documents.add(sample);
  const her = other.annotators.add('Ayesha');
  const at = sample.text.indexOf('highly significant');
  other.annotations.add({ documentId: document.id, annotatorId: her.id, labelId: 'opinion', start: at, end: at + 18 }, sample.text);
  const file = path.join(dir, 'ayesha-laptop.json');
  fs.writeFileSync(file, exportClaimtagJson(loadBundle(other, { documents: 'all' })));
  other.close();
  return file;
}

test("a colleague with the same name is not merged by accident: the import asks, and files her work under a new name", async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select('dramatic development');
  await page.keyboard.press('1');

  app.nextImportFiles = [colleaguesExport(app.dataDir)];
  await page.getByRole('button', { name: 'Import…' }).click();
  const summary = page.getByRole('dialog', { name: '0 of 1 imported' });
  await expect(summary).toContainText('“Ayesha” is already in this library');
  expect(app.library!.annotators.list()).toHaveLength(1);
  await summary.getByLabel('New name for the arriving Ayesha').fill('Ayesha (laptop)');
  await page.screenshot({ path: 'test-results/screens/name-clash.png' });
  await summary.getByRole('button', { name: 'Import under this name' }).click();
  await expect(page.getByRole('dialog', { name: /Imported 1 item/ })).toContainText('1 annotations added');
  expect(app.library!.annotators.list().map((a) => a.name).sort()).toEqual(['Ayesha', 'Ayesha (laptop)']);
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  // the open view shows the arrival without reopening: her list stays hers, the new layer is named
  await expect(article.items).toHaveCount(1);
  const layers = page.getByRole('group', { name: 'Layers' });
  await expect(layers).toContainText('Also here:');
  await expect(layers.getByRole('button', { name: /Ayesha \(laptop\)/ })).toHaveAttribute('aria-pressed', 'false');
});
