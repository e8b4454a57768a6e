import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { makeTempDir } from '../../test/support/temp-library';
import { RENDERER_CSP } from '../../src/main/security/csp';
import { API_METHODS, channelFor } from '../../src/shared/api-methods';
import '../../src/renderer/src/api';

// Where the Electron binary is, or why it is missing. The electron package's own entry resolves
// it (path.txt, ELECTRON_OVERRIDE_DIST_PATH) and throws when it was never downloaded. (Importing
// scripts/electron-binary.mjs here made Playwright's loader fail with "exports is not defined in
// ES module scope", so no test of this file could even be listed.)
function findElectronBinary(): { ok: true; path: string } | { ok: false; reason: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const binaryPath = require('electron') as unknown as string;
    return fs.existsSync(binaryPath) ? { ok: true, path: binaryPath } : { ok: false, reason: `the Electron binary is not downloaded (no ${binaryPath})` };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

const binary = findElectronBinary();

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
      // http: is refused by safeExternalUrl, so this also opens no system browser on the test machine
      expect(await page.evaluate(() => window.open('http://example.org'))).toBeNull();

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
  test('runtime hardening: preferences, navigation, new windows, permissions, app:// containment, IPC sender check', async () => {
    const tmp = makeTempDir('claimtag-electron-sec-');
    const app = await electron.launch({
      executablePath: binary.ok ? binary.path : undefined,
      args: [path.resolve(__dirname, '../../out/main/index.js')],
      env: { ...process.env, CLAIMTAG_DATA_DIR: tmp.dir },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      const startUrl = page.url();
      expect(startUrl).toBe('app://claimtag/index.html');

      // Record instead of acting: openExternal calls (so no browser opens on the test machine) and
      // every request the session sees for anything but the bundle.
      await app.evaluate(({ shell, session }) => {
        const g = globalThis as unknown as { __opened: string[]; __offApp: string[] };
        g.__opened = [];
        g.__offApp = [];
        Object.defineProperty(shell, 'openExternal', { value: async (url: string) => void g.__opened.push(url), configurable: true, writable: true });
        session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
          if (!/^(app|devtools|data|blob):/.test(details.url)) g.__offApp.push(details.url);
          callback({ cancel: !/^(app|devtools|data|blob):/.test(details.url) });
        });
      });

      // 1. The preferences Electron actually applied (checklist 2-4, 6, 8, 9, 11).
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const wc = BrowserWindow.getAllWindows()[0].webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
        const p = wc.getLastWebPreferences?.();
        if (!p) return null;
        const keys = ['contextIsolation', 'sandbox', 'nodeIntegration', 'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag'];
        return Object.fromEntries(keys.map((k) => [k, p[k]]));
      });
      if (prefs) {
        expect(prefs).toEqual({
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInSubFrames: false,
          nodeIntegrationInWorker: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          webviewTag: false,
        });
      } else {
        test.info().annotations.push({ type: 'note', description: 'webContents.getLastWebPreferences() is not available in this Electron; preferences checked statically by window-settings.test.ts' });
      }

      // 2. window.claimtag from the real contextBridge: frozen, fixed, nothing of Electron or Node.
      const bridge = await page.evaluate(() => {
        const api = (window as unknown as { claimtag: Record<string, unknown> }).claimtag;
        const d = Object.getOwnPropertyDescriptor(window, 'claimtag')!;
        return {
          calls: Object.keys(api).filter((k) => !/^on[A-Z]/.test(k)).sort(),
          subscriptions: Object.keys(api).filter((k) => /^on[A-Z]/.test(k)),
          frozen: Object.isFrozen(api),
          replaced: Reflect.set(window, 'claimtag', {}) || Reflect.set(api, 'listLabels', () => 0),
          writable: d.writable,
          nodeGlobals: ['require', 'process', 'module', 'Buffer', 'global', 'ipcRenderer', 'electron'].filter((k) => k in window),
        };
      });
      expect(bridge).toEqual({ calls: [...API_METHODS].sort(), subscriptions: bridge.subscriptions.filter((k) => k === 'onMenuCommand'), frozen: true, replaced: false, writable: false, nodeGlobals: [] });

      // 3. Navigation away is prevented by main's will-navigate (checklist 13).
      await page.evaluate(() => (location.href = 'https://example.org/')).catch(() => undefined);
      await page
        .evaluate(() => {
          const a = document.createElement('a');
          a.href = 'https://example.org/link';
          document.body.append(a);
          a.click();
        })
        .catch(() => undefined);
      await page.waitForTimeout(500);
      expect(page.url()).toBe(startUrl);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].webContents.getURL())).toBe(startUrl);

      // 4. No new windows, whatever the URL; only safe https/mailto URLs go to the system browser (14, 15).
      const popups = await page.evaluate(() =>
        ['https://example.org/popup', 'http://example.org/plain', 'file:///etc/passwd', 'javascript:alert(1)', 'app://claimtag/index.html'].map((u) => window.open(u) === null),
      );
      expect(popups).toEqual([true, true, true, true, true]);
      await page.evaluate(() => {
        const a = document.createElement('a');
        a.id = 'middle-click-target';
        a.href = 'https://example.org/middle';
        a.textContent = 'link';
        Object.assign(a.style, { position: 'fixed', top: '0', left: '0', zIndex: '2147483647', background: 'white' });
        document.body.append(a);
      });
      await page.locator('#middle-click-target').click({ button: 'middle' });
      await page.waitForTimeout(300);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      const opened = await app.evaluate(() => (globalThis as unknown as { __opened: string[] }).__opened);
      expect(opened).toContain('https://example.org/popup');
      for (const u of opened) expect(u).toMatch(/^https:\/\/example\.org\/(popup|middle)$/);

      // 5. Every permission is denied (5).
      const permissions = await page.evaluate(async () => {
        const media = await navigator.mediaDevices.getUserMedia({ audio: true }).then(
          (s) => (s.getTracks().forEach((t) => t.stop()), 'granted'),
          (e: Error) => e.name,
        );
        const notification = await Notification.requestPermission();
        const geolocation = await new Promise<string>((resolve) => {
          setTimeout(() => resolve('timeout'), 3000);
          navigator.geolocation.getCurrentPosition(
            () => resolve('granted'),
            (e) => resolve(e.code === e.PERMISSION_DENIED ? 'denied' : `error ${e.code}`),
          );
        });
        const notificationQuery = await navigator.permissions.query({ name: 'notifications' }).then((s) => s.state);
        return { media, notification, geolocation, notificationQuery };
      });
      expect(['NotAllowedError', 'NotFoundError']).toContain(permissions.media);
      expect(permissions).toMatchObject({ notification: 'denied', geolocation: 'denied', notificationQuery: 'denied' });

      // 6. app:// serves the bundle only, with the production CSP; no file:// or remote reads (1, 7, 18).
      const fetched = await page.evaluate(async () => {
        const status = (u: string) => fetch(u).then((r) => r.status, (e: Error) => e.name);
        const index = await fetch('app://claimtag/index.html');
        return {
          traversal: await status('app://claimtag/../../etc/passwd'),
          encoded: await status('app://claimtag/%2e%2e/%2e%2e/etc/passwd'),
          encodedSlash: await status('app://claimtag/assets/..%2f..%2f..%2fetc%2fpasswd'),
          file: await status('file:///etc/passwd'),
          remote: await status('https://example.org/'),
          csp: index.headers.get('content-security-policy'),
          nosniff: index.headers.get('x-content-type-options'),
        };
      });
      expect(fetched).toEqual({ traversal: 404, encoded: 404, encodedSlash: 404, file: 'TypeError', remote: 'TypeError', csp: RENDERER_CSP, nosniff: 'nosniff' });
      // the handler itself, without the page's CSP in the way
      const direct = await app.evaluate(async ({ net }) => {
        const status = (u: string) => net.fetch(u).then((r) => r.status, (e: Error) => e.message);
        return [await status('app://claimtag/%2e%2e/%2e%2e/etc/passwd'), await status('app://other/index.html'), await status('app://claimtag/..%5c..%5cwindows%5cwin.ini')];
      });
      expect(direct).toEqual([404, 404, 404]);

      // 7. An iframe gets no bridge, runs no inline script, and main refuses IPC that comes from it (17).
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const f = document.createElement('iframe');
            f.srcdoc = '<p>child</p><script>parent.__childRan = true</script>';
            f.addEventListener('load', () => resolve());
            document.body.append(f);
          }),
      );
      const child = page.frames().find((f) => f !== page.mainFrame())!;
      expect(await child.evaluate(() => typeof (window as unknown as { claimtag?: unknown }).claimtag)).toBe('undefined');
      expect(await page.evaluate(() => (window as unknown as { __childRan?: boolean }).__childRan)).toBeUndefined();
      // Call main's registered handler with the iframe as sender frame. ipcMain keeps its handlers in
      // the internal _invokeHandlers map, each wrapped to answer through event._reply.
      const answers = await app.evaluate(
        async ({ ipcMain, BrowserWindow }, channel) => {
          const wc = BrowserWindow.getAllWindows()[0].webContents;
          const handlers = (ipcMain as unknown as { _invokeHandlers?: Map<string, (e: unknown, ...a: unknown[]) => unknown> })._invokeHandlers;
          const handler = handlers?.get(channel);
          if (!handler) throw new Error(`no invoke handler registered for ${channel} (has Electron's ipcMain changed?)`);
          const call = (senderFrame: unknown) =>
            new Promise((resolve, reject) => {
              const event = { sender: wc, senderFrame, processId: wc.getProcessId(), _reply: resolve, _throw: reject, reply: resolve, throw: reject };
              void handler(event, {});
            });
          return { iframe: await call(wc.mainFrame.frames[0]), mainFrame: await call(wc.mainFrame) };
        },
        channelFor('listLabels'),
      );
      expect(answers.iframe).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Request refused: it did not come from claimtag.' } });
      expect(answers.mainFrame).toMatchObject({ ok: true });

      // 8. Menu commands reach the page as bare strings: no IpcRendererEvent, nothing off the list (20).
      if (bridge.subscriptions.includes('onMenuCommand')) {
        await page.evaluate(() => {
          const w = window as unknown as { __menu: unknown[][]; claimtag: { onMenuCommand(l: (...a: unknown[]) => void): () => void } };
          w.__menu = [];
          w.claimtag.onMenuCommand((...args) => w.__menu.push(args));
        });
        await app.evaluate(({ BrowserWindow }) => {
          const wc = BrowserWindow.getAllWindows()[0].webContents;
          for (const payload of ['find', 'evil', { command: 'find' }]) wc.send('claimtag:menu', payload); // MENU_CHANNEL
        });
        await expect.poll(() => page.evaluate(() => (window as unknown as { __menu: unknown[][] }).__menu)).toEqual([['find']]);
      }

      // Nothing of the above reached the network.
      expect(await app.evaluate(() => (globalThis as unknown as { __offApp: string[] }).__offApp)).toEqual([]);
    } finally {
      await app.close();
      tmp.cleanup();
    }
  });

  test('a second copy of the app hands over to the first and quits, so the library is never opened twice', async () => {
    const tmp = makeTempDir('claimtag-electron-second-');
    const main = path.resolve(__dirname, '../../out/main/index.js');
    const env = { ...process.env, CLAIMTAG_DATA_DIR: tmp.dir };
    const app = await electron.launch({ executablePath: binary.ok ? binary.path : undefined, args: [main], env });
    try {
      const page = await app.firstWindow();
      await page.getByLabel('Your name').waitFor();
      await app.evaluate(({ app: electronApp }) => {
        const g = globalThis as unknown as { __second: number };
        g.__second = 0;
        electronApp.on('second-instance', () => g.__second++);
      });
      const second = spawn(binary.ok ? binary.path : 'electron', [main], { env, stdio: 'ignore' });
      const code = await new Promise<number | null>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the second copy did not quit within 20 s')), 20_000);
        second.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      expect(code).toBe(0);
      await expect.poll(() => app.evaluate(() => (globalThis as unknown as { __second: number }).__second)).toBe(1);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    } finally {
      await app.close();
      tmp.cleanup();
    }
  });
});
