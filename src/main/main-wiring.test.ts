/**
 * The real main process (src/main/index.ts and everything it calls) run under plain Node
 * against a recording stand-in of Electron (test/electron-stand-in.ts), then attacked the
 * way hostile page content would: navigation, window.open, permission requests, webviews,
 * IPC from an iframe or another origin, app:// requests outside the bundle, and a dev-server
 * URL slipped into a production run. Each safeguard in docs/security.md that lives in main
 * is caught here when it breaks (scripts/mutate-main.mjs applies the one-line mutations).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Electron from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS, channelFor } from '../shared/api-methods';
import { RENDERER_CSP } from './security/csp';
import type * as StandIn from '../../test/electron-stand-in';
import type { StandInBrowserWindow, StandInWebContents } from '../../test/electron-stand-in';

vi.mock('electron', () => import('../../test/electron-stand-in'));
/** The stand-in instance main actually imported (vitest gives the mock its own module instance). */
let electron: typeof StandIn;

const APP_PAGE = 'app://claimtag/index.html';
const DEV_SERVER = 'http://localhost:5173/';
let dataDir: string | null = null;

interface Boot {
  isPackaged?: boolean;
  rendererUrl?: string;
}

/** Starts main afresh, the way Electron would: module evaluation, then `ready`. */
async function bootMain({ isPackaged = true, rendererUrl }: Boot = {}): Promise<void> {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-main-'));
  vi.stubEnv('CLAIMTAG_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', rendererUrl ?? '');
  vi.resetModules();
  electron = (await import('electron')) as unknown as typeof electron;
  electron.resetStandIn({ isPackaged, appPath: path.resolve(__dirname, '../..') });
  await import('./index');
  await electron.becomeReady();
}

afterEach(() => {
  electron?.app.emit('window-all-closed'); // main closes the library here
  vi.unstubAllEnvs();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

const mainWindow = (): StandInBrowserWindow => {
  expect(electron.recorded.windows.length).toBeGreaterThan(0);
  return electron.recorded.windows[0];
};

function invoke(channel: string, frame: { url: string; parent: unknown } | null, payload: unknown): unknown {
  const handler = electron.recorded.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no IPC handler for ${channel}`);
  const event = { senderFrame: frame, sender: mainWindow().webContents, frameId: 1, processId: 1 } as unknown as Electron.IpcMainInvokeEvent;
  return handler(event, payload);
}
const refusal = { ok: false, error: { code: 'invalid-input' } };

async function appRequest(url: string): Promise<Response> {
  const handler = electron.recorded.protocolHandlers.get('app');
  if (!handler) throw new Error('app: is not handled');
  return handler(new Request(url));
}

describe('main process wiring under hostile events', () => {
  it('locks every window it creates: the main window and the offscreen report printer', async () => {
    const locked = {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    };
    await bootMain();
    expect(mainWindow().options.webPreferences).toMatchObject({ ...locked, spellcheck: false });
    const { electronHostPorts } = await import('./host-ports');
    const printToPdf = electronHostPorts(() => null, dataDir!).printToPdf;
    expect(printToPdf).toBeDefined();
    await printToPdf!('<p>report</p>');
    const printer = electron.recorded.windows.at(-1)!;
    expect(printer).not.toBe(mainWindow());
    expect(printer.options.webPreferences).toMatchObject({ ...locked, javascript: false });
    expect(printer.options.webPreferences?.preload).toBeUndefined();
  });

  it('turns on the sandbox for every renderer before the app is ready', async () => {
    await bootMain();
    expect(electron.recorded.log).toContain('app.enableSandbox');
    expect(electron.recorded.log.indexOf('app.enableSandbox')).toBeLessThan(electron.recorded.log.indexOf('ready'));
  });

  it('registers app: as standard and secure only — never bypassing the CSP — before ready', async () => {
    await bootMain();
    expect(electron.recorded.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    for (const { privileges } of electron.recorded.privilegedSchemes) {
      expect(privileges?.bypassCSP).not.toBe(true);
      expect(privileges?.corsEnabled).not.toBe(true);
      expect(privileges?.allowServiceWorkers).not.toBe(true);
    }
    expect(electron.recorded.log.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(electron.recorded.log.indexOf('ready'));
  });

  it('loads only app://claimtag/index.html in production, never file:// or a remote page', async () => {
    await bootMain();
    expect(electron.recorded.windows).toHaveLength(1);
    expect(mainWindow().loaded).toEqual([APP_PAGE]);
    expect(electron.recorded.log.filter((l) => l.startsWith('BrowserWindow.loadFile'))).toEqual([]);
  });

  it.each([
    ['a remote page, unpackaged', { isPackaged: false, rendererUrl: 'https://evil.example/' }],
    ['a dev server, packaged', { isPackaged: true, rendererUrl: DEV_SERVER }],
    ['a file URL, unpackaged', { isPackaged: false, rendererUrl: 'file:///etc/passwd' }],
    ['a look-alike host, unpackaged', { isPackaged: false, rendererUrl: 'http://localhost.evil.example:5173/' }],
  ])('ignores ELECTRON_RENDERER_URL naming %s', async (_what, boot) => {
    await bootMain(boot);
    expect(mainWindow().loaded).toEqual([APP_PAGE]);
  });

  it('loads the loopback dev server only in development (the control for the case above)', async () => {
    await bootMain({ isPackaged: false, rendererUrl: DEV_SERVER });
    expect(mainWindow().loaded).toEqual([DEV_SERVER]);
  });

  describe('every web contents, including ones created later', () => {
    const contents = (): StandInWebContents[] => {
      new electron.BrowserWindow({ show: false }); // e.g. the PDF printer window, created after start
      expect(electron.recorded.webContents.length).toBe(2);
      return electron.recorded.webContents;
    };

    it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s', async (name) => {
      await bootMain();
      for (const wc of contents()) {
        const event = new electron.StandInEvent();
        const url = 'https://evil.example/';
        if (name === 'will-attach-webview') wc.emit(name, event, { preload: '/tmp/evil.js', nodeIntegration: true }, { src: url });
        else wc.emit(name, event, url, false, true, 1, 1);
        expect(event.defaultPrevented, `${name} on web contents ${electron.recorded.webContents.indexOf(wc)}`).toBe(true);
      }
    });

    it('denies every window.open and hands only checked, normalised https/mailto URLs to the system', async () => {
      await bootMain();
      const hostile = ['file:///etc/passwd', 'javascript:alert(1)', 'app://claimtag/index.html', 'http://example.org/', 'smb://attacker/share', 'https://user:pw@evil.example/'];
      const safe = [' HTTPS://Example.ORG/a?b=c ', 'mailto:desk@example.org'];
      for (const wc of contents()) {
        expect(wc.windowOpenHandler).not.toBeNull();
        for (const url of [...hostile, ...safe]) {
          const answer = wc.windowOpenHandler!({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } } as Electron.HandlerDetails);
          expect(answer, url).toEqual({ action: 'deny' });
        }
      }
      expect(electron.recorded.openedExternally).toEqual(['https://example.org/a?b=c', 'mailto:desk@example.org', 'https://example.org/a?b=c', 'mailto:desk@example.org']);
    });
  });

  it('refuses every permission request and check (Electron would grant them with no handler)', async () => {
    await bootMain();
    const wc = mainWindow().webContents;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen'] as const) {
      expect(await electron.permissionGranted(permission, wc), permission).toBe(false);
    }
    expect(electron.recorded.permissionCheckHandler).not.toBeNull();
    expect(electron.recorded.permissionCheckHandler!(null, 'media', 'https://evil.example', {} as Electron.PermissionCheckHandlerHandlerDetails)).toBe(false);
    expect(electron.recorded.devicePermissionHandler).not.toBeNull();
    expect(electron.recorded.devicePermissionHandler!({} as Electron.DevicePermissionHandlerHandlerDetails)).toBe(false);
  });

  describe('app:// serves the bundle and nothing else', () => {
    it('sends the CSP header with the page', async () => {
      await bootMain();
      const response = await appRequest(APP_PAGE);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<div id="root">');
    });

    it.each([
      'app://claimtag/../../../../etc/passwd',
      'app://claimtag/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      'app://claimtag/..%2f..%2f..%2fpackage.json',
      'app://claimtag/..%5c..%5cpackage.json',
      'app://claimtag/index.html%00.png',
      'app://other/index.html',
      'app://claimtag/../main/index.ts',
    ])('answers 404 to %s', async (url) => {
      await bootMain();
      const response = await appRequest(url);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found');
    });
  });

  // The first call waits for the library lane's worker thread (and the job lanes') to start; in tests each thread
  // compiles the TypeScript core with tsx first, which takes tens of seconds on a loaded 2-core machine.
  describe('IPC', { timeout: 120_000 }, () => {
    const mainFrame = { url: APP_PAGE, parent: null };

    it('handles every contract method, and answers the app’s own main frame', async () => {
      await bootMain();
      expect([...electron.recorded.ipcHandlers.keys()].sort()).toEqual(API_METHODS.map(channelFor).sort());
      expect(await invoke(channelFor('listLabels'), mainFrame, {})).toMatchObject({ ok: true });
    });

    it.each([
      ['an iframe inside the app page', { url: APP_PAGE, parent: { url: APP_PAGE } }],
      ['a file: page', { url: 'file:///tmp/evil.html', parent: null }],
      ['a web page', { url: 'https://evil.example/', parent: null }],
      ['a look-alike host', { url: 'app://claimtag.evil/index.html', parent: null }],
      ['no frame (navigated away or destroyed)', null],
    ])('refuses a call from %s before reaching the library', async (_what, frame) => {
      await bootMain();
      for (const method of API_METHODS) {
        expect(await invoke(channelFor(method), frame, {}), method).toMatchObject(refusal);
      }
    });

    it('does not trust the dev server (or any local page) in production, even when the variable names it', async () => {
      await bootMain({ isPackaged: true, rendererUrl: DEV_SERVER });
      for (const url of [DEV_SERVER, 'http://127.0.0.1:5173/', 'http://localhost/']) {
        expect(await invoke(channelFor('listLabels'), { url, parent: null }, {}), url).toMatchObject(refusal);
      }
      expect(await invoke(channelFor('listLabels'), mainFrame, {})).toMatchObject({ ok: true });
    });

    it('in development trusts the dev server’s origin only', async () => {
      await bootMain({ isPackaged: false, rendererUrl: DEV_SERVER });
      expect(await invoke(channelFor('listLabels'), { url: `${DEV_SERVER}index.html`, parent: null }, {})).toMatchObject({ ok: true });
      expect(await invoke(channelFor('listLabels'), { url: 'http://localhost:5174/', parent: null }, {})).toMatchObject(refusal);
    });
  });
});
