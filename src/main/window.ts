import path from 'node:path';
import { BrowserWindow } from 'electron';
import { LOCKED_WEB_PREFERENCES } from './security/locked-web-preferences';

/** The only window claimtag shows. Every security-relevant preference is explicit: the locked set, then what this window adds. */
export function createMainWindow(preloadPath: string, url: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'claimtag',
    backgroundColor: '#f7f6f3',
    webPreferences: {
      ...LOCKED_WEB_PREFERENCES,
      preload: path.resolve(preloadPath),
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
