// The Team panel on a real PostgreSQL cluster (started here, as in the core tests): join a study
// from the app, see a colleague's work arrive, and a refusal told in plain words.
import path from 'node:path';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';
import { loadBundledSample } from '../../src/core/store/bundled-sample';
import { Library } from '../../src/core/store/library';
import { initTeamServer } from '../../src/core/team/admin';
import { parseServerUrl } from '../../src/core/team/connection';
import { joinTeam, syncTeam } from '../../src/core/team/sync';
import { startPgCluster, type PgCluster } from '../../test/support/pg-cluster';
import { makeTempDir } from '../../test/support/temp-library';

const SHOTS = process.env.CLAIMTAG_SHOTS_DIR ?? 'test-results/screens';
const STUDY = 'Election claims 2026';
let cluster: PgCluster;
let tmp: ReturnType<typeof makeTempDir>;
const passwords = new Map<string, string>();

test.beforeAll(async () => {
  test.setTimeout(90_000);
  cluster = await startPgCluster();
  tmp = makeTempDir('claimtag-e2e-team-');
  const { address, password } = parseServerUrl(cluster.adminUrl);
  const init = await initTeamServer(address, password, { study: STUDY, members: [{ role: 'alice', name: 'Alice Martin' }, { role: 'bilal', name: 'Bilal Ahmed', adjudicator: true }] });
  init.created.forEach((c) => passwords.set(c.role, c.password));
  // Bilal tagged the bundled article on his own machine and synced.
  const bilal = Library.open(path.join(tmp.dir, 'bilal.sqlite'));
  try {
    const sample = loadBundledSample(path.resolve(__dirname, '../../resources'));
    const { document } = bilal.documents.add(sample);
    const me = bilal.annotators.add('Bilal Ahmed');
    bilal.settings.set('current-annotator', me.id);
    const b = parseServerUrl(cluster.urlFor('bilal', passwords.get('bilal')!));
    await joinTeam(bilal, b.address, b.password, STUDY);
    const at = sample.text.indexOf('highly significant');
    bilal.annotations.add({ documentId: document.id, annotatorId: me.id, labelId: 'opinion', start: at, end: at + 18 }, sample.text);
    await syncTeam(bilal, b.address, b.password);
  } finally {
    bilal.close();
  }
});
test.afterAll(() => {
  cluster?.destroy();
  tmp?.cleanup();
});

const WIDTHS = [900, 1024, 1360, 1600];

test('join a study from the Team panel, receive a colleague’s work, and see a refusal in plain words', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Alice Martin');
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);

  // Keyboard path: the Team button is reachable and opens the panel; Escape closes it.
  await page.getByRole('button', { name: 'Team', exact: true }).focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Team' });
  await expect(panel).toContainText('This library is not shared.');
  await expect(panel.getByLabel('Server address')).toBeFocused();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 860 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS}/team-join-${width}-${scheme}.png` });
    }
  }
  await page.setViewportSize({ width: 1360, height: 860 });
  await page.emulateMedia({ colorScheme: 'light' });

  // Missing fields, then a server that is not there: errors in plain words, nothing saved.
  await panel.getByRole('button', { name: 'Join the study' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Give the server address and the study’s name, as your study lead sent them.');
  await panel.getByLabel('Server address').fill(`postgres://alice@127.0.0.1:1/claimtag`);
  await panel.getByLabel('Study').fill(STUDY);
  await panel.getByLabel('Password', { exact: true }).fill(passwords.get('alice')!);
  await panel.getByRole('button', { name: 'Join the study' }).click();
  await expect(panel.getByRole('alert')).toContainText('The team server cannot be reached');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/team-unreachable-1360-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(app.library!.settings.get('team:study')).toBeNull();

  // The right address: joined, synced in the background, Bilal's work arrives.
  await panel.getByLabel('Server address').fill(`postgres://alice@127.0.0.1:${cluster.port}/claimtag`);
  await panel.getByRole('button', { name: 'Join the study' }).click();
  await expect(panel.getByTestId('team-queued')).toHaveText('Nothing: the server has all your changes', { timeout: 20_000 });
  await expect(panel.locator('.team-members')).toContainText('Bilal Ahmed');
  await expect(panel.locator('.team-members')).toContainText('Alice Martin');
  await expect(panel).not.toContainText('Never');
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 860 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS}/team-joined-${width}-${scheme}.png` });
    }
  }
  await page.setViewportSize({ width: 1360, height: 860 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  // The open article names Bilal's layer without reopening it; her list stays hers.
  const layers = page.getByRole('group', { name: 'Layers' });
  await expect(layers.getByRole('button', { name: /Bilal Ahmed/ })).toBeVisible();
  await expect(article.items).toHaveCount(1);
  const arrived = app.library!.db.prepare("SELECT a.quote FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE n.name = 'Bilal Ahmed'").all();
  expect(arrived).toEqual([{ quote: 'highly significant' }]);

  // A tampered library claims Bilal's row as Alice's: the server refuses it, and says whose it is.
  const lib = app.library!;
  const bilalsRow = lib.db.prepare("SELECT a.id FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE n.name = 'Bilal Ahmed'").get() as { id: string };
  lib.db.prepare('UPDATE annotations SET annotator_id = ?, note = ? WHERE id = ?').run(lib.settings.get('team:annotator'), 'mine', bilalsRow.id);
  await page.getByRole('button', { name: 'Team', exact: true }).focus();
  await page.keyboard.press('Enter');
  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(panel.getByRole('alert')).toContainText("The server refused the change: you cannot edit Bilal Ahmed's annotation.", { timeout: 20_000 });
  for (const width of [900, 1600]) {
    await page.setViewportSize({ width, height: 860 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS}/team-refused-${width}-${scheme}.png` });
    }
  }
});
