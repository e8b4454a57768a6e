import { BrowserWindow, dialog } from 'electron';
import type { HostPorts } from '../core/api/host-ports';
import { electronCredentialStore } from './credentials';
import { IMPORTABLE_EXTENSION_NAMES } from '../shared/import-formats';
import { LOCKED_WEB_PREFERENCES } from './security/locked-web-preferences';

const IMPORT_FILTERS = [
  { name: 'Articles and annotation files', extensions: [...IMPORTABLE_EXTENSION_NAMES] },
  { name: 'All files', extensions: ['*'] },
];

/** Native dialogs and PDF printing for the services, owned by the main window. */
export function electronHostPorts(getWindow: () => BrowserWindow | null, userDataDir: string): HostPorts {
  return {
    credentials: electronCredentialStore(userDataDir),
    async chooseFilesToImport() {
      const win = getWindow();
      const options = { title: 'Import into claimtag', properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>, filters: IMPORT_FILTERS };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
    async chooseExportPath(suggestedName, extension) {
      const win = getWindow();
      const options = {
        title: 'Export from claimtag',
        defaultPath: suggestedName,
        filters: extension ? [{ name: extension.slice(1).toUpperCase(), extensions: [extension.slice(1)] }] : [],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseFileToOpen(title, extensions) {
      const win = getWindow();
      const options = {
        title,
        properties: ['openFile'] as Array<'openFile'>,
        filters: [
          { name: extensions.map((e) => e.toUpperCase()).join(', '), extensions },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    async printToPdf(html, signal) {
      // An offscreen, script-less window renders the report; it is never shown.
      const printer = new BrowserWindow({
        show: false,
        webPreferences: {
          ...LOCKED_WEB_PREFERENCES,
          javascript: false,
        },
      });
      try {
        await printer.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        if (signal?.aborted) throw new Error('cancelled');
        return await printer.webContents.printToPDF({ printBackground: true, displayHeaderFooter: false, preferCSSPageSize: true });
      } finally {
        printer.destroy();
      }
    },
  };
}
