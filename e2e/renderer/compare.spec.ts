import { test, expect, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';

const CLAIM_1 = 'Pakistan and Afghanistan have agreed to upgrade their diplomatic relations to ambassador level';
const CLAIM_2 = 'no country has as yet formally recognised the Taliban administration';
const CLAIM_2_SHORT = 'formally recognised the Taliban administration';
const CLAIM_3 = 'it is difficult to expect the Taliban regime to moderate its conservative policy';
const OPINION = 'The surprise move is viewed as highly significant in the rapidly evolving regional geopolitics.';
const CONSULATE = 'Pakistan had previously maintained a consulate-level presence in Kabul.';

/** Three colleagues' work on the sample, as if imported from their claimtag JSON. */
function seed(app: AppHarness): void {
  const library = app.library!;
  const doc = library.documents.list()[0];
  const text = library.documents.textOf(doc.id);
  const add = (annotatorId: string, labelId: string, needle: string) => {
    const start = text.indexOf(needle);
    if (start < 0) throw new Error(`"${needle}" not in the sample`);
    library.annotations.add({ documentId: doc.id, annotatorId, labelId, start, end: start + needle.length }, text);
  };
  const [ana, ben, cy] = ['Ana Ruiz', 'Ben Okafor', 'Cy Tanaka'].map((name) => library.annotators.add(name).id);
  library.transaction(() => {
    for (const who of [ana, ben, cy]) add(who, 'fact', CLAIM_1); // agreement
    add(ana, 'opinion', CLAIM_3);
    add(ben, 'fact', CLAIM_3);
    add(cy, 'opinion', CLAIM_3); // label conflict
    add(ana, 'allegation', CLAIM_2);
    add(ben, 'allegation', CLAIM_2_SHORT);
    add(cy, 'allegation', CLAIM_2); // boundary conflict
    add(ana, 'opinion', OPINION); // missed by Ben and Cy
    add(ben, 'fact', CONSULATE);
    add(cy, 'fact', CONSULATE); // missed by Ana
  });
}

test('compare three annotators: figures, stepping by keyboard, a decision, auto-merge, the matrix', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Lead Editor');
  seed(app);

  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const view = page.getByRole('region', { name: 'Compare annotators' });
  await expect(view).toBeVisible();
  const chips = view.getByRole('group', { name: 'Annotators to compare' }).getByRole('button');
  await expect(chips).toHaveCount(3);
  await expect(chips.first()).toHaveAttribute('aria-pressed', 'true');

  // figures: α_u, sentence percent agreement, Fleiss κ, Krippendorff α, α_u per label
  const figures = view.getByRole('region', { name: 'Agreement figures' });
  await expect(figures).toContainText('Spans α_u');
  await expect(figures).toContainText('Fleiss κ');
  await expect(figures).toContainText('Krippendorff α');
  await expect(figures).toContainText('Sentences agree');
  await expect(figures.locator('.cmp-figure dd').first()).toHaveText(/^−?\d\.\d\d$/);
  await expect(figures.locator('.cmp-per-label-item')).toHaveCount(3);

  const list = view.getByRole('listbox', { name: /Differences/ });
  const options = list.getByRole('option');
  await expect(options).toHaveCount(5);
  await expect(options.nth(0)).toContainText('Agreement');
  await expect(options.nth(1)).toContainText('Missed');
  await page.screenshot({ path: 'test-results/screens/compare-overview.png' });

  // keyboard stepping: J works from anywhere in the view; then arrows in the list
  await page.keyboard.press('j');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await list.focus();
  await page.keyboard.press('j');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(3)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(options.nth(3)).toContainText('Boundary conflict');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const conflict = options.nth(4);
  await expect(conflict).toHaveAttribute('aria-selected', 'true');
  await expect(conflict).toContainText('Label conflict');
  await expect(conflict).toContainText('Ben Okafor');
  expect(await page.evaluate(() => CSS.highlights.has('ct-cmp-active'))).toBe(true);

  // Enter opens the decision; accept Ana's side with a reason
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Settle this difference' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: /Ana Ruiz: Opinion/ }).check();
  await dialog.getByLabel(/Reason/).fill('A judgement by the paper, not a checkable fact');
  await page.screenshot({ path: 'test-results/screens/compare-decision.png' });
  await dialog.getByRole('button', { name: 'Save decision' }).click();
  await expect(dialog).toBeHidden();
  await expect(conflict).toContainText('settled');
  // what was decided, by whom and why
  await expect(conflict.locator('.cmp-decision-line')).toContainText(/accepted Ana Ruiz’s Opinion “it is difficult.*” — Lead Editor, \d{4}-\d\d-\d\d \d\d:\d\d · “A judgement by the paper, not a checkable fact”/);
  await expect(view.getByRole('status')).toHaveText('Saved to the reference version.');

  // auto-merge where all three agree: only CLAIM_1
  await view.getByLabel('Minimum annotators agreeing').fill('3');
  await view.getByRole('button', { name: 'Auto-merge' }).click();
  await expect(view.getByRole('status')).toHaveText('Copied 1 span into the reference version.');
  await expect(options.nth(0)).toContainText('settled');
  // the reference version can now be compared like an analyst, off until chosen
  await expect(chips).toHaveCount(4);
  await expect(chips.last()).toContainText('reference');
  await expect(chips.last()).toHaveAttribute('aria-pressed', 'false');
  await chips.last().click();
  await expect(chips.last()).toHaveAttribute('aria-pressed', 'true');
  await view.getByRole('tab', { name: /Pairs/ }).click();
  await expect(view.getByRole('table', { name: 'Agreement by pair' }).getByRole('row')).toHaveCount(7); // 4 compared: 6 pairs
  await expect(view.getByRole('table', { name: 'Agreement by pair' })).toContainText('reference');
  await view.getByRole('tab', { name: /Differences/ }).click();
  await chips.last().click();
  await expect(chips.last()).toHaveAttribute('aria-pressed', 'false');

  const library = app.library!;
  const reference = library.annotators.findByName('reference')[0];
  const refs = library.annotations.listForDocument(library.documents.list()[0].id).filter((a) => a.annotatorId === reference.id);
  expect(refs.map((a) => [a.quote, a.labelId])).toEqual([
    [CLAIM_1, 'fact'],
    [CLAIM_3, 'opinion'],
  ]);
  expect(refs[1].note).toBe('Adjudicated by Lead Editor: A judgement by the paper, not a checkable fact');

  // pairs and the confusion matrix; a cell filters the list
  await view.getByRole('tab', { name: /Pairs/ }).click();
  await expect(view.getByRole('table', { name: 'Agreement by pair' }).getByRole('row')).toHaveCount(4);
  await view.getByLabel('Pair', { exact: true }).selectOption({ label: 'Ana Ruiz · Ben Okafor' });
  await page.screenshot({ path: 'test-results/screens/compare-matrix.png' });
  await view.getByRole('button', { name: /Ana Ruiz: Opinion · Ben Okafor: Fact/ }).click();
  await expect(view.getByRole('tab', { name: /Differences/ })).toHaveAttribute('aria-selected', 'true');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Label conflict');
  await expect(view.getByText(/Showing 1 from the matrix/)).toBeVisible();
  await view.getByRole('button', { name: 'Show all' }).click();
  await expect(options).toHaveCount(5);

  // toggling an annotator off compares the other two
  await chips.filter({ hasText: 'Cy Tanaka' }).click();
  await expect(chips.filter({ hasText: 'Cy Tanaka' })).toHaveAttribute('aria-pressed', 'false');
  await expect(view.getByRole('table', { name: 'Agreement by pair' })).toHaveCount(0);
  await view.getByRole('tab', { name: /Pairs/ }).click();
  await expect(view.getByRole('table', { name: 'Agreement by pair' }).getByRole('row')).toHaveCount(2);
  await view.getByRole('tab', { name: /Differences/ }).click();
  await page.screenshot({ path: 'test-results/screens/compare-two.png' });

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screens/compare-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });

  await view.getByRole('button', { name: 'Back to tagging' }).click();
  await expect(page.locator('.article-text')).toBeVisible();
});

test('compare with nobody else explains how to bring in a colleague', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Solo Analyst');
  await article.select(CLAIM_1);
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const view = page.getByRole('region', { name: 'Compare annotators' });
  await expect(view.getByText('Only Solo Analyst has tagged this article.')).toBeVisible();
  await expect(view).toContainText('Import…');
  await expect(view).toContainText('claimtag JSON');
  await page.screenshot({ path: 'test-results/screens/compare-empty.png' });
});
