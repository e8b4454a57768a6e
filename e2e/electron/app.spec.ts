import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { makeTempDir } from '../../src/core/testing/temp-library';
import { API_METHODS } from '../../src/shared/api-methods';
import '../../src/renderer/src/api';
// @ts-expect-error -- a plain .mjs helper shared with the start scripts
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const binary = findElectronBinary() as { ok: true; path: string } | { ok: false; reason: string };

test.describe('the real desktop app', () => {
  // These run wherever an Electron binary is installed; CI here has none (it cannot be downloaded).
  test.skip(!binary.ok, `skipped: no Electron binary (${binary.ok ? '' : binary.reason})`);

  test('opens hardened, tags a claim, and keeps it across a restart', async () => {
    const tmp = makeTempDir('claimtag-electron-');
    const launch = () =>
      electron.launch({
        executablePath: binary.ok ? binary.path : undefined,
        args: [path.resolve(__dirname, '../../out/main/index.js')],
        env: { ...process.env, CLAIMTAG_DATA_DIR: tmp.dir },
      });
    try {
      let app = await launch();
      let page = await app.firstWindow();
      // No Node in the page, only the named functions of the contract.
      const page_ = await page.evaluate(() => ({
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        api: Object.keys(window.claimtag ?? {}).sort(),
      }));
      expect(page_).toEqual({ require: 'undefined', process: 'undefined', api: [...API_METHODS].sort() });
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      expect(await page.evaluate(() => window.open('https://example.org'))).toBeNull();

      await page.getByLabel('Your name').fill('Ayesha');
      await page.getByRole('button', { name: 'Start tagging' }).click();
      await page.locator('.article-text[data-ready="true"]').waitFor();
      await page.evaluate(() => {
        const text = document.querySelector('.article-text p')!.firstChild!.firstChild as Text;
        const range = document.createRange();
        range.setStart(text, 3);
        range.setEnd(text, 23);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
      });
      await page.keyboard.press('1');
      await expect(page.locator('.annotation-item')).toHaveCount(1);
      await app.close();

      app = await launch();
      page = await app.firstWindow();
      await expect(page.locator('.annotation-item')).toHaveCount(1);
      await app.close();
    } finally {
      tmp.cleanup();
    }
  });
});
