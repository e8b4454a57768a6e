import type { Page } from '@playwright/test';
import { test, expect, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

// Claims with structure (#20), in the renderer: a claim's source and cue marked by keyboard,
// attributes chosen in the details card, everything back after the library is reopened.

const CLAIM = 'this step will further contribute towards enhanced engagement';
const SOURCE = 'Foreign Minister Ishaq Dar';
const CUE = 'said';
const WIDTHS = [900, 1024, 1360, 1600] as const;

/** Finds `phrase` with Ctrl+F and leaves it selected, keyboard only. */
async function findAndSelect(page: Page, phrase: string) {
  await page.keyboard.press('Control+f');
  await page.keyboard.type(phrase);
  await expect(page.locator('.find-count')).toHaveText(/^1 of \d+$/);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(phrase);
}

/** Screenshots at every width in light and dark, named `name-<width>-<scheme>.png`. */
async function shots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 860 });
      await page.waitForTimeout(120);
      await page.screenshot({ path: `test-results/screens/${name}-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1360, height: 860 });
}

/** Gives the Fact label a verdict scale and evidence links (what a desk sets up in the tag set; that dialog has its own test). */
function factWithAttributes(app: AppHarness) {
  const library = app.library!;
  const fact = library.labels.find('fact')!;
  library.labels.update({
    ...fact,
    attributes: [
      {
        key: 'verdict',
        name: 'Verdict',
        type: 'scale',
        options: [
          { key: 'true', name: 'True' },
          { key: 'mostly-true', name: 'Mostly true' },
          { key: 'false', name: 'False' },
        ],
      },
      { key: 'evidence', name: 'Evidence', type: 'links', options: [] },
    ],
  });
}

const dump = (app: AppHarness) => ({
  annotations: app.library!.db.prepare('SELECT label_id, quote, attribute_values FROM annotations WHERE deleted_at IS NULL ORDER BY start_offset').all(),
  relations: app.library!.db.prepare('SELECT kind, claim_id, target_id FROM relations WHERE deleted_at IS NULL ORDER BY kind').all(),
});

test('by keyboard alone: tag a claim, mark its source and cue, rate it, add evidence; all of it is there after reopening', async ({ app, page, context }) => {
  await app.start();
  factWithAttributes(app);
  await page.reload();
  const article = new ArticlePage(page);
  await expect(page.getByLabel('Your name')).toBeFocused();
  await page.keyboard.type('Bilal');
  await page.keyboard.press('Enter');
  await article.waitReady();

  await findAndSelect(page, CLAIM);
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  app.calls.length = 0;

  // S: mark the source. The status line says what to do; Esc stops without a change.
  await page.keyboard.press('s');
  const bar = page.getByRole('region', { name: 'Mark the source' });
  await expect(bar.getByRole('status')).toContainText('select its words in the article and press Enter (they become a Source span). Esc cancels.');
  await page.keyboard.press('Escape');
  await expect(bar).toHaveCount(0);
  await expect(page.locator('.annotation-item.selected')).toHaveCount(1);
  await page.keyboard.press('s');
  await expect(bar).toBeVisible();
  await findAndSelect(page, SOURCE);
  // no tagging popover while marking: Enter is the one way on
  await expect(page.getByRole('toolbar', { name: 'Tag selection as' })).toHaveCount(0);
  await shots(page, 'claim-structure-marking');
  await page.keyboard.press('Enter');
  const links = page.getByRole('region', { name: 'Source and cue' });
  await expect(links.locator('.is-source .claim-link-quote')).toHaveText(`“${SOURCE}”`);
  await expect(bar).toHaveCount(0);

  // U: the cue, the same way
  await page.keyboard.press('u');
  await expect(page.getByRole('region', { name: 'Mark the cue' })).toBeVisible();
  await findAndSelect(page, CUE);
  await page.keyboard.press('Enter');
  await expect(links.locator('.is-cue .claim-link-quote')).toHaveText(`“${CUE}”`);
  // the linked spans are outlined, with a connector in the margin
  await expect(page.locator('.link-outline.is-source')).toHaveCount(1);
  await expect(page.locator('.link-outline.is-cue')).toHaveCount(1);
  await expect(page.locator('.link-connector')).toHaveCount(2);

  // V: the attributes; a digit chooses the verdict at once (and does not relabel the claim)
  await page.keyboard.press('v');
  await expect(page.getByRole('radio', { name: 'True', exact: true })).toBeFocused();
  await page.keyboard.press('2');
  await expect(page.getByRole('radio', { name: 'Mostly true' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Fact');

  // evidence: an http: link is refused in words, an https: one is kept
  await page.keyboard.press('Tab');
  const evidence = page.getByRole('textbox', { name: 'Add a link to Evidence' });
  await expect(evidence).toBeFocused();
  await page.keyboard.type('http://example.org/report');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Only https:// links are kept as evidence' })).toBeVisible();
  await expect(evidence).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('https://example.org/report?id=7');
  await page.keyboard.press('Enter');
  await expect(page.getByText('https://example.org/report?id=7', { exact: true })).toBeVisible();
  await expect(article.saveState).toHaveText('All changes saved');

  // every change was one call (marking a span and linking it is one); the background notice poll aside
  expect(app.calls.filter((m) => m !== 'takeLibraryNotices')).toEqual(['linkClaim', 'linkClaim', 'setAnnotationAttributes', 'setAnnotationAttributes']);

  // opening a link asks first; Cancel leaves, Open hands it to the browser
  await page.getByRole('button', { name: 'Open https://example.org/report?id=7' }).focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Open this link?' });
  await expect(confirm.getByRole('button', { name: 'Open in browser' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await context.route('https://example.org/**', (route) => route.fulfill({ body: 'evidence' }));
  await page.getByRole('button', { name: 'Open https://example.org/report?id=7' }).focus();
  await page.keyboard.press('Enter');
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
  expect(popup.url()).toBe('https://example.org/report?id=7');
  await popup.close();

  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Fact');

  // undo walks back the evidence, the verdict and the cue (with the span it marked); redo brings them again
  const evidenceShown = page.getByText('https://example.org/report?id=7', { exact: true });
  await page.keyboard.press('Control+z');
  await expect(evidenceShown).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('radio', { name: 'Mostly true' })).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('Control+z');
  await expect(page.getByText('Undid: link to the cue “said”.')).toBeVisible();
  await expect(links.locator('.is-cue .claim-link-quote')).toHaveCount(0);
  await expect(article.items).toHaveCount(2);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+z');
  await expect(evidenceShown).toBeVisible();
  await expect(links.locator('.is-cue .claim-link-quote')).toHaveText(`“${CUE}”`);
  await expect(page.getByRole('radio', { name: 'Mostly true' })).toHaveAttribute('aria-checked', 'true');
  await expect(article.items).toHaveCount(3);
  await shots(page, 'claim-structure-workbench');
  const before = dump(app);
  expect(before.relations).toHaveLength(2);
  expect(before.annotations).toEqual([
    { label_id: 'fact', quote: CLAIM, attribute_values: JSON.stringify({ verdict: 'mostly-true', evidence: ['https://example.org/report?id=7'] }) },
    { label_id: 'source', quote: SOURCE, attribute_values: '{}' },
    { label_id: 'cue', quote: CUE, attribute_values: '{}' },
  ]);

  // reopen: the source, cue, verdict and evidence are all shown again
  await app.restart();
  await article.waitReady();
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Fact');
  await expect(links.locator('.is-source .claim-link-quote')).toHaveText(`“${SOURCE}”`);
  await expect(links.locator('.is-cue .claim-link-quote')).toHaveText(`“${CUE}”`);
  await expect(page.getByRole('radio', { name: 'Mostly true' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('https://example.org/report?id=7', { exact: true })).toBeVisible();
  // with nothing selected, resting the pointer on the claim outlines its source and cue
  await page.keyboard.press('Escape');
  await expect(page.locator('.link-outline')).toHaveCount(0);
  const at = await page.evaluate((needle) => {
    const root = document.querySelector('.article-text')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const i = node.data.indexOf(needle);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(node, i + 5);
      r.setEnd(node, i + 6);
      const box = r.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    throw new Error('claim not found');
  }, CLAIM);
  await page.mouse.move(at.x, at.y);
  await expect(page.locator('.link-outline.is-source')).toHaveCount(1);
  await expect(page.locator('.link-outline.is-cue')).toHaveCount(1);
  await page.mouse.move(2, 2);
  await expect(page.locator('.link-outline')).toHaveCount(0);
  await page.keyboard.press('j');

  // the source's own card lists the claim it backs
  await page.keyboard.press('j');
  await expect(page.locator('.annotation-item.selected .annotation-label')).toHaveText('Source');
  await expect(page.getByRole('region', { name: 'Claims this source backs' })).toContainText(CLAIM);
  // unlink from the details card of the claim
  await page.keyboard.press('k');
  await page.getByRole('button', { name: `Unlink the cue “${CUE}”` }).click();
  await expect(links.locator('.is-cue .claim-link-quote')).toHaveCount(0);
  await expect(links.getByRole('button', { name: /Mark the cue/ })).toBeFocused();
  expect(dump(app).relations).toEqual([expect.objectContaining({ kind: 'source' })]);
});

test('tag set: presets, an attribute typed by hand, options in order, a role per label; refusals change nothing; no source label says how to add one', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await page.getByRole('button', { name: 'Tag set…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag set' });
  const list = dialog.getByRole('list', { name: 'Labels' });
  await list.getByRole('button', { name: /Fact/ }).focus();
  await page.keyboard.press('Enter');
  const editor = dialog.getByRole('group', { name: 'Attributes of Fact' });
  await expect(editor.getByText('No attributes yet.')).toBeVisible();

  // one-click presets: ClaimBuster's check-worthiness and a verdict scale
  await editor.getByRole('button', { name: 'Add the preset Check-worthiness (ClaimBuster)' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Attribute 1 name' })).toBeFocused();
  await editor.getByRole('button', { name: 'Add the preset Verdict scale (true … false)' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Verdict option 5' })).toHaveValue('False');
  // the desk's own order: "Half true" moved below "Mostly false", an option added by typing
  await editor.getByRole('button', { name: 'Move Half true down' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Verdict option 4' })).toHaveValue('Half true');
  await editor.getByRole('textbox', { name: 'New option for Verdict' }).focus();
  await page.keyboard.type('Unproven');
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Verdict option 6' })).toHaveValue('Unproven');

  // an attribute by hand with no name is refused in words, and nothing is saved
  await editor.getByRole('button', { name: 'Add attribute' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByRole('textbox', { name: 'Attribute 3 name' })).toBeFocused();
  const before = app.library!.labels.list();
  await dialog.getByRole('button', { name: 'Save label' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Give the attribute a name.' })).toBeVisible();
  expect(app.library!.labels.list()).toEqual(before);
  await editor.getByRole('textbox', { name: 'Attribute 3 name' }).focus();
  await page.keyboard.type('Claim date');
  await editor.getByRole('combobox', { name: 'Type of Claim date' }).selectOption('date');
  await page.keyboard.press('Control+Enter');
  await expect(dialog.getByRole('status')).toHaveText('Saved “Fact”.');
  expect(app.library!.labels.find('fact')!.attributes).toEqual([
    { key: 'check-worthiness', name: 'Check-worthiness', type: 'choice', options: [
      { key: 'check-worthy', name: 'Check-worthy' },
      { key: 'not-worth-checking', name: 'Not worth checking' },
      { key: 'not-factual', name: 'Not factual' },
    ] },
    { key: 'verdict', name: 'Verdict', type: 'scale', options: [
      { key: 'true', name: 'True' },
      { key: 'mostly-true', name: 'Mostly true' },
      { key: 'mostly-false', name: 'Mostly false' },
      { key: 'half-true', name: 'Half true' },
      { key: 'false', name: 'False' },
      { key: 'unproven', name: 'Unproven' },
    ] },
    { key: 'claim-date', name: 'Claim date', type: 'date', options: [] },
  ]);
  await editor.getByRole('textbox', { name: 'Attribute 2 name' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shots(page, 'claim-structure-tagset');

  // a role per label: a new "Speaker" label marks sources
  await dialog.getByRole('button', { name: 'Add label' }).click();
  await page.keyboard.type('Speaker');
  await dialog.getByRole('radio', { name: /^Source/ }).check();
  await dialog.getByRole('button', { name: 'Add this label' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Added “Speaker”.');
  expect(app.library!.labels.find('speaker')!.role).toBe('source');
  await expect(list.getByRole('button', { name: /Speaker/ })).toContainText('source');
  // archive both source labels: the workbench then has none
  for (const name of [/Speaker/, /^Source/]) {
    await list.getByRole('button', { name }).click();
    await dialog.getByRole('button', { name: 'Archive', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('Archived');
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // the details card: the claim's attributes, and how to add a source label
  await article.select(CLAIM);
  await page.keyboard.press('1');
  await expect(page.getByRole('radiogroup', { name: /Verdict/ })).toBeVisible();
  await page.keyboard.press('s');
  await expect(page.getByText('Your tag set has no source label. Open the tag set (✎), add a label and choose “Source” under What it marks.')).toBeVisible();
  const links = page.getByRole('region', { name: 'Source and cue' });
  await expect(links).toContainText('Your tag set has no source label.');
  await page.keyboard.press('v');
  await page.keyboard.press('1');
  await expect(page.getByRole('radio', { name: 'Check-worthy' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Mostly true' })).toHaveAttribute('aria-checked', 'true');
  await expect.poll(() => app.library!.db.prepare('SELECT attribute_values FROM annotations').get()).toEqual({
    attribute_values: JSON.stringify({ 'check-worthiness': 'check-worthy', verdict: 'mostly-true' }),
  });
  await shots(page, 'claim-structure-details');
  await links.getByRole('button', { name: 'Add a source label…' }).click();
  const reopened = page.getByRole('dialog', { name: 'Tag set' });
  await expect(reopened.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(reopened.getByRole('radio', { name: /^Source/ })).toBeChecked();
});

test("a colleague's links show read-only with his layer, outlined like hers", async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  const library = app.library!;
  const doc = library.documents.list()[0];
  const text = library.documents.get(doc.id).text;
  const bilal = library.annotators.add('Bilal');
  const span = (labelId: string, quote: string) => {
    const start = text.indexOf(quote);
    return library.annotations.add({ documentId: doc.id, annotatorId: bilal.id, labelId, start, end: start + quote.length }, text);
  };
  const claim = span('opinion', CLAIM);
  const source = span('source', SOURCE);
  library.relations.add({ documentId: doc.id, annotatorId: bilal.id, kind: 'source', claimId: claim.id, targetId: source.id });
  await page.reload();
  await article.waitReady();
  await page.getByRole('group', { name: 'Layers' }).getByRole('button', { name: /Bilal/ }).click();
  await article.clickOn('further contribute');
  const card = page.getByRole('region', { name: "Bilal's annotation, read-only" });
  await expect(card.getByRole('region', { name: 'Source and cue' }).locator('.is-source .claim-link-quote')).toHaveText(`“${SOURCE}”`);
  await expect(card.getByRole('button', { name: /Unlink/ })).toHaveCount(0);
  await expect(page.locator('.link-outline.is-source')).toHaveCount(1);
  // S on his claim says how to work with it, and links nothing
  const before = library.relations.listForDocument(doc.id).length;
  await page.keyboard.press('s');
  await expect(page.getByText('This is Bilal’s claim: copy it to your work (M) to link its source.')).toBeVisible();
  expect(library.relations.listForDocument(doc.id)).toHaveLength(before);
});
