import path from 'node:path';
import { app, ipcMain, session, type BrowserWindow } from 'electron';
import { databasePathIn, resolveDataDir } from '../core/data-dir';
import { startLibraryWorker } from '../core/worker/library-worker-client';
import { JOB_CHANNEL } from '../shared/api-methods';
import { APP_ORIGIN, registerAppScheme, serveRendererBundle } from './app-protocol';
import { registerIpcHandlers } from './ipc';
import { installAppMenu } from './app-menu';
import { developmentServerUrl } from './security/dev-server-url';
import { electronHostPorts } from './host-ports';
import { denyAllPermissions, hardenAllWebContents } from './security/harden-web-contents';
import { createMainWindow } from './window';

const devServerUrl = developmentServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
const appRoot = app.getAppPath();
const dataDir = resolveDataDir();
const databasePath = databasePathIn(dataDir);
let mainWindow: BrowserWindow | null = null;

app.setName('claimtag');
app.enableSandbox();
registerAppScheme();
hardenAllWebContents(app);

if (!app.requestSingleInstanceLock()) {
  // Another claimtag owns the library; it gets focused by its second-instance handler.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void app.whenReady().then(start);
}

function start(): void {
  denyAllPermissions(session.defaultSession);
  // The library (SQLite and the services) lives in its own thread; main only forwards calls.
  const library = startLibraryWorker({
    databasePath,
    dataDir,
    resourcesDir: path.join(appRoot, 'resources'),
    ports: electronHostPorts(() => mainWindow, app.getPath('userData')),
    onInternalError: (message) => console.error('claimtag: internal error', message),
    // Long jobs' progress, pushed to the page as it comes (#14).
    onJobEvent: (event) => mainWindow?.webContents.send(JOB_CHANNEL, event),
  });
  const trustedOrigins = devServerUrl ? [new URL(devServerUrl).origin] : [APP_ORIGIN];
  registerIpcHandlers(ipcMain, library.dispatch, trustedOrigins);

  installAppMenu(() => mainWindow);
  serveRendererBundle(path.join(__dirname, '../renderer'));
  const url = devServerUrl ?? `${APP_ORIGIN}/index.html`;
  mainWindow = createMainWindow(path.join(__dirname, '../preload/index.cjs'), url);
  mainWindow.on('closed', () => (mainWindow = null));

  app.on('window-all-closed', () => {
    void library.close().then(() => app.quit());
  });
}
