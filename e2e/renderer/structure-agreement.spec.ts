import { test, expect, type AppHarness } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';
import { CHECK_WORTHINESS_PRESET } from '../../src/shared/claim-structure';
import { createStudy } from '../../src/core/study/study-service';

const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screens';
const VERDICT = {
  key: 'verdict',
  name: 'Verdict',
  type: 'scale' as const,
  options: ['True', 'Mostly true', 'Mixed', 'Mostly false', 'False'].map((name) => ({ key: name.toLowerCase().replace(' ', '-'), name })),
};
const CLAIMS = [
  'Pakistan and Afghanistan have agreed to upgrade their diplomatic relations to ambassador level',
  'no country has as yet formally recognised the Taliban administration',
  'it is difficult to expect the Taliban regime to moderate its conservative policy',
  'Pakistan had previously maintained a consulate-level presence in Kabul',
];

const RATINGS: Record<string, Array<[string, string]>> = {
  'Ana Ruiz': [
    ['check-worthy', 'true'],
    ['check-worthy', 'mostly-true'],
    ['not-factual', 'mixed'],
    ['check-worthy', 'true'],
  ],
  'Ben Okafor': [
    ['check-worthy', 'true'],
    ['check-worthy', 'mixed'],
    ['not-worth-checking', 'mixed'],
    ['check-worthy', 'mostly-true'],
  ],
};

/** Two analysts mark the same claims, without ratings or links yet. */
function seed(app: AppHarness): void {
  const library = app.library!;
  const doc = library.documents.list()[0];
  const text = library.documents.textOf(doc.id);
  const fact = library.labels.find('fact')!;
  library.labels.update({ ...fact, attributes: [CHECK_WORTHINESS_PRESET, VERDICT] });
  library.transaction(() => {
    for (const name of Object.keys(RATINGS)) {
      const annotatorId = library.annotators.add(name).id;
      for (const claim of CLAIMS) library.annotations.add({ documentId: doc.id, annotatorId, labelId: 'fact', ...at(text, claim) }, text);
    }
  });
}

/** Their ratings and source links arrive (as from their claimtag JSON). */
function rateAndLink(app: AppHarness): void {
  const library = app.library!;
  const doc = library.documents.list()[0];
  const text = library.documents.textOf(doc.id);
  library.transaction(() => {
    for (const a of library.annotations.listForDocument(doc.id)) {
      const k = CLAIMS.findIndex((c) => text.slice(a.start, a.end) === c);
      if (k < 0) continue;
      const [worth, verdict] = RATINGS[a.annotatorName][k];
      library.annotations.update(a.id, { attributes: { 'check-worthiness': worth, verdict } });
      if (k > 1) continue;
      // both link the first claim to "Pakistan"; for the second, Ben picks a later "Taliban"
      const from = k === 0 || a.annotatorName === 'Ana Ruiz' ? 0 : a.end;
      const source = library.annotations.add({ documentId: doc.id, annotatorId: a.annotatorId, labelId: 'source', ...at(text, k === 0 ? 'Pakistan' : 'Taliban', from) }, text);
      library.relations.add({ documentId: doc.id, annotatorId: a.annotatorId, kind: 'source', claimId: a.id, targetId: source.id });
    }
  });
}

function at(text: string, needle: string, from = 0) {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`"${needle}" not in the sample`);
  return { start, end: start + needle.length };
}

test('Compare and the study report show attribute α and link F1, with their empty states', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Lead Editor');
  seed(app);

  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const view = page.getByRole('region', { name: 'Compare annotators' });
  await view.getByRole('tab', { name: /Pairs/ }).click();
  const structure = view.getByRole('region', { name: 'Claim structure' });
  await expect(structure).toContainText('No attribute values to compare: nobody has set an attribute value.');
  await expect(structure).toContainText('No links to compare: nobody has linked a claim to its source or cue.');
  await structure.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/compare-structure-empty-1360-light.png` });
  await view.getByRole('button', { name: 'Back to tagging' }).click();

  rateAndLink(app);
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await view.getByRole('tab', { name: /Pairs/ }).focus();
  await page.keyboard.press('Enter');
  const attributes = structure.getByRole('table', { name: /Attributes/ });
  await expect(attributes.getByRole('row', { name: /Fact · Check-worthiness/ })).toContainText('4');
  await expect(attributes.getByRole('row', { name: /Fact · Verdict nominal/ })).toBeVisible();
  await expect(attributes.getByRole('row', { name: /Verdict ordinal/ })).toBeVisible();
  const links = structure.getByRole('table', { name: /Links/ });
  await expect(links.getByRole('row', { name: /Ana Ruiz · Ben Okafor/ })).toContainText('Source');
  await expect(links.getByRole('row', { name: /Ana Ruiz · Ben Okafor/ })).toContainText('0.50');
  await structure.scrollIntoViewIfNeeded();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [900, 1024, 1360, 1600]) {
      await page.setViewportSize({ width, height: 900 });
      await structure.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/compare-structure-${width}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await view.getByRole('button', { name: 'Back to tagging' }).click();

  const library = app.library!;
  const doc = library.documents.list()[0];
  createStudy(library, { name: 'Ties', analysts: ['Ana Ruiz', 'Ben Okafor'], documentIds: [doc.id] });
  await page.keyboard.press('Control+Shift+D');
  const dashboard = page.getByRole('region', { name: 'Study dashboard' });
  const card = dashboard.getByRole('region', { name: 'Claim structure agreement' });
  await expect(card.getByRole('table', { name: /Links/ })).toContainText('95 % interval', { timeout: 30_000 });
  await expect(card.getByRole('table', { name: /Attributes/ })).toContainText('Check-worthiness');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [900, 1024, 1360, 1600]) {
      await page.setViewportSize({ width, height: 1000 });
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/study-structure-${width}-${scheme}.png` });
    }
  }
});
