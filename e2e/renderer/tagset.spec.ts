import fs from 'node:fs';
import path from 'node:path';
import { test, expect, AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

const NUMBER_CLAIM = 'approximately 845,000 Afghans have left Pakistan';

test('tag set: add "statistic" on key 4 and tag with it, rename, refused shortcut, archive, guidelines; export and import into a fresh library', async ({
  app,
  page,
  context,
}) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Bilal');

  // open the tag set from the top bar
  await page.getByRole('button', { name: 'Tag set…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag set' });
  await expect(dialog).toBeVisible();
  const list = dialog.getByRole('list', { name: 'Labels' });
  // the three claim labels and the bundled Source and Cue labels (#20)
  await expect(list.getByRole('button')).toHaveCount(5);
  await page.screenshot({ path: 'test-results/screens/tagset-dialog.png' });

  // add a label in a light highlighter colour: accepted, its badge letters dark, as drawn
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.type('Statistic');
  await dialog.getByLabel('Colour', { exact: true }).fill('#ffd966');
  await expect(dialog.getByText(/^Readable: dark badge letters \d+\.\d:1; highlighted text \d+\.\d:1 on light, \d+\.\d:1 on dark\./)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/tagset-contrast.png' });
  await expect(dialog.getByLabel('Shortcut key')).toHaveValue('4');
  await dialog.getByLabel('Definition').fill('A number presented as a measurement of something.');
  await dialog.getByRole('button', { name: 'Add an example that is Statistic' }).click();
  await dialog.getByRole('textbox', { name: 'Examples that are Statistic, 1', exact: true }).fill('Around three million remain.');
  await dialog.getByRole('button', { name: 'Add an example that is not Statistic' }).click();
  await dialog.getByRole('textbox', { name: 'Examples that are not Statistic, 1', exact: true }).fill('Many people left.');
  await dialog.getByRole('button', { name: 'Add this label' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Added “Statistic”.');
  await expect(list.getByRole('button')).toHaveCount(6);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // the new label is in the toolbar and its key tags
  const toolbar = page.getByRole('toolbar', { name: 'Tag the selection' });
  await expect(toolbar.getByRole('button', { name: /Statistic/ })).toBeVisible();
  await article.select(NUMBER_CLAIM);
  await page.keyboard.press('4');
  await expect(article.items).toHaveCount(1);
  await expect(page.locator('.annotation-item .annotation-label')).toHaveText('Statistic');

  // rename it; a shortcut another label uses is refused with that label named
  await page.getByRole('button', { name: 'Tag set…' }).click();
  await dialog.getByRole('list', { name: 'Labels' }).getByRole('button', { name: /Statistic/ }).click();
  await dialog.getByLabel('Name', { exact: true }).fill('Figure');
  await dialog.getByLabel('Shortcut key').fill('2');
  await dialog.getByRole('button', { name: 'Save label' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: '2 is already the shortcut for Opinion.' })).toBeVisible();
  await expect(dialog.getByLabel('Shortcut key')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/screens/tagset-collision.png' });
  await dialog.getByLabel('Shortcut key').fill('4');
  await dialog.getByRole('button', { name: 'Save label' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved “Figure”.');
  // in use: no Delete, a reason instead
  await expect(dialog.getByRole('button', { name: 'Delete label' })).toHaveCount(0);
  await expect(dialog.getByText('Used by 1 annotation, so it cannot be deleted: merge it into another label or archive it.')).toBeVisible();

  // archive: gone from the toolbar and its key, the annotation stays
  await dialog.getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Archived “Figure”');
  await expect(dialog.getByRole('button', { name: 'Unarchive' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/tagset-archived.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(toolbar.getByRole('button', { name: /Figure|Statistic/ })).toHaveCount(0);
  await expect(toolbar.getByRole('button')).toHaveCount(5);
  await expect(page.locator('.annotation-item .annotation-label')).toHaveText('Figure');
  await article.select('three million remaining');
  await page.keyboard.press('4');
  await expect(article.items).toHaveCount(1);

  // guidelines: every active label's definition and examples, archived ones left out
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Guidelines', exact: true }).click();
  const guidelines = page.getByRole('region', { name: 'Guidelines' });
  await expect(guidelines).toBeVisible();
  await expect(guidelines.getByRole('heading', { level: 3 })).toHaveText([/Fact1$/, /Opinion2$/, /Allegation3$/, /Source8$/, /Cue9$/]);
  await expect(guidelines).toContainText('The ministry said 1,200 people were displaced in March.');
  await expect(guidelines).not.toContainText('Figure');
  await page.screenshot({ path: 'test-results/screens/guidelines.png' });
  await page.getByRole('button', { name: 'Guidelines', exact: true }).click();
  await expect(guidelines).toHaveCount(0);

  // export the tag set
  const exported = path.join(app.dataDir, 'newsroom-tag-set.json');
  app.nextExportPath = exported;
  await page.getByRole('button', { name: 'Tag set…' }).click();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toHaveText(`Tag set saved to ${exported}.`);
  const file = JSON.parse(fs.readFileSync(exported, 'utf8'));
  expect(file).toMatchObject({ format: 'claimtag-tagset', version: 2 });
  expect(file.labels.find((l: { id: string }) => l.id === 'statistic')).toEqual({
    id: 'statistic',
    name: 'Figure',
    color: expect.stringMatching(/^#[0-9a-f]{6}$/),
    shortcut: '4',
    definition: 'A number presented as a measurement of something.',
    examples: { positive: ['Around three million remain.'], negative: ['Many people left.'] },
    archived: true,
    role: 'claim',
    attributes: [],
  });

  // a fresh library in a second window imports it; a newer-version file is refused and changes nothing
  const freshPage = await context.newPage();
  const fresh = new AppHarness(freshPage, app.origin);
  try {
    await fresh.install();
    await fresh.start();
    await new ArticlePage(freshPage).enterName('Sana');
    const newer = path.join(fresh.dataDir, 'newer.json');
    fs.writeFileSync(newer, JSON.stringify({ ...file, version: file.version + 1 }));
    fresh.nextOpenFile = newer;
    await freshPage.getByRole('button', { name: 'Tag set…' }).click();
    const freshDialog = freshPage.getByRole('dialog', { name: 'Tag set' });
    await freshDialog.getByRole('button', { name: 'Import…' }).click();
    await expect(freshDialog.getByRole('alert')).toContainText(`This tag set was written by a newer claimtag (file version ${file.version + 1})`);
    await expect(freshDialog.getByRole('list', { name: 'Labels' }).getByRole('button')).toHaveCount(5);

    fresh.nextOpenFile = exported;
    await freshDialog.getByRole('button', { name: 'Import…' }).click();
    await expect(freshDialog.getByRole('status')).toHaveText('Imported the tag set: added Figure.');
    const freshList = freshDialog.getByRole('list', { name: 'Labels' });
    await expect(freshList.getByRole('button')).toHaveCount(6);
    await freshList.getByRole('button', { name: /Figure/ }).click();
    await expect(freshDialog.getByRole('textbox', { name: 'Examples that are Figure, 1', exact: true })).toHaveValue('Around three million remain.');
    await expect(freshDialog.getByRole('button', { name: 'Unarchive' })).toBeVisible();
    await freshPage.screenshot({ path: 'test-results/screens/tagset-imported.png' });
    expect(fresh.library!.labels.list().map((l) => [l.id, l.name, l.shortcut, l.archived])).toEqual([
      ['fact', 'Fact', '1', false],
      ['opinion', 'Opinion', '2', false],
      ['allegation', 'Allegation', '3', false],
      ['source', 'Source', '8', false],
      ['cue', 'Cue', '9', false],
      ['statistic', 'Figure', '4', true],
    ]);
  } finally {
    await freshPage.close();
    await fresh.dispose();
  }
});

test('tag set by keyboard: merge a used label into another, delete an unused one', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Bilal');
  await article.select(NUMBER_CLAIM);
  await page.keyboard.press('3');
  await expect(page.locator('.annotation-item .annotation-label')).toHaveText('Allegation');

  await page.getByRole('button', { name: 'Tag set…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag set' });
  const list = dialog.getByRole('list', { name: 'Labels' });
  await list.getByRole('button', { name: /Allegation/ }).focus();
  await page.keyboard.press('Enter');
  await dialog.getByRole('combobox', { name: 'Merge into…' }).selectOption({ label: 'Opinion' });
  await dialog.getByRole('button', { name: 'Merge…' }).click();
  await expect(dialog.getByText('Relabel 1 annotation of “Allegation” as “Opinion” and remove “Allegation” from the tag set?')).toBeVisible();
  await dialog.getByRole('button', { name: 'Merge and remove “Allegation”' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Merged “Allegation” into “Opinion”: 1 annotation relabelled.');
  await expect(list.getByRole('button')).toHaveCount(4);

  // add an unused label with no key, then delete it
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await page.keyboard.type('Prediction');
  await dialog.getByLabel('Shortcut key').fill('');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Added “Prediction”.');
  await dialog.getByRole('button', { name: 'Delete label' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Deleted “Prediction”.');
  await page.keyboard.press('Escape');
  await expect(page.locator('.annotation-item .annotation-label')).toHaveText('Opinion');
});
