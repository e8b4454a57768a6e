import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '../support/app-fixture';
import { ArticlePage } from '../support/article-page';
import { createBackup } from '../../src/core/reliability/backups';
import { corruptMiddlePages, makeIndexDisagree, populate } from '../../test/support/db-helpers';

test('a damaged library gets a recovery screen; restoring the verified backup brings the work back', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  await article.select('dramatic development');
  await page.keyboard.press('1');
  await expect(article.items).toHaveCount(1);
  populate(app.library!, 60); // enough pages that damage in the middle hits real data
  await createBackup(app.library!.db, app.dataDir);

  app.stop();
  corruptMiddlePages(app.databasePath, 6);
  const damaged = fs.readFileSync(app.databasePath);
  await app.start();
  const page2 = page;

  await expect(page2.getByRole('heading', { name: 'claimtag could not open your library' })).toBeVisible();
  await expect(page2.getByRole('button', { name: 'Restore this backup' })).toHaveCount(1);
  await page2.screenshot({ path: 'test-results/screens/recovery.png' });
  await page2.getByRole('button', { name: 'Restore this backup' }).click();

  const restored = new ArticlePage(page2);
  await restored.waitReady();
  await expect(restored.items).toHaveCount(1);
  await expect(restored.items.first()).toContainText('dramatic development');
  // the damaged file is kept, byte for byte, beside the restored library
  const kept = fs.readdirSync(app.dataDir).filter((f) => f.includes('.before-restore-') && f.endsWith(path.extname(f)) && !/-(wal|shm)$/.test(f));
  expect(kept.some((f) => fs.readFileSync(path.join(app.dataDir, f)).equals(damaged))).toBe(true);
});

test('with no backup, starting empty is an explicit choice and the damaged file is moved aside, not deleted', async ({ app, page }) => {
  fs.mkdirSync(app.dataDir, { recursive: true });
  fs.writeFileSync(app.databasePath, Buffer.alloc(8192, 7));
  await app.start();
  await expect(page.getByText('There are no backups of this library yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Start with an empty library…' }).click();
  await page.getByRole('button', { name: 'Move it aside and start empty' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome to claimtag' })).toBeVisible();
  const aside = fs.readdirSync(app.dataDir).filter((f) => f.includes('.damaged-'));
  expect(aside.length).toBeGreaterThan(0);
  expect(fs.readFileSync(path.join(app.dataDir, aside.find((f) => !/-(wal|shm)$/.test(f))!)).equals(Buffer.alloc(8192, 7))).toBe(true);
});

test('damage quick_check cannot see is found in the background and told in the app, not the console', async ({ app, page }) => {
  await app.start();
  const article = new ArticlePage(page);
  await article.enterName('Ayesha');
  populate(app.library!, 5);
  app.stop();
  makeIndexDisagree(app.databasePath);
  await app.start(); // opens: quick_check passes
  const alert = page.getByRole('alert').filter({ hasText: 'background check found damage in the library file' });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  const shots = process.env.CLAIMTAG_SHOTS_DIR;
  if (shots) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [900, 1024, 1360, 1600]) {
        await page.setViewportSize({ width, height: 800 });
        await page.screenshot({ path: path.join(shots, `background-check-${width}-${scheme}.png`) });
      }
    }
  }
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});
