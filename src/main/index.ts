import path from 'node:path';
import { app, ipcMain, session, type BrowserWindow } from 'electron';
import { createDispatch } from '../core/api/dispatch';
import { createServices } from '../core/api/services';
import { createUnavailableServices } from '../core/api/unavailable-services';
import { databasePathIn, resolveDataDir } from '../core/data-dir';
import { Library } from '../core/store/library';
import { loadBundledSample } from '../core/store/bundled-sample';
import { AppFailure } from '../shared/result';
import { APP_ORIGIN, registerAppScheme, serveRendererBundle } from './app-protocol';
import { registerIpcHandlers } from './ipc';
import { installAppMenu } from './app-menu';
import { developmentServerUrl } from './security/dev-server-url';
import { electronHostPorts } from './host-ports';
import { electronNativeBinding } from './native-binding';
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
  let library: Library | null = null;
  let services;
  try {
    library = Library.open(databasePath, { nativeBinding: electronNativeBinding(appRoot) });
    services = createServices({
      library,
      dataDir,
      loadSample: () => loadBundledSample(path.join(appRoot, 'resources')),
      ports: electronHostPorts(() => mainWindow),
    });
  } catch (err) {
    const failure = err instanceof AppFailure ? err : new AppFailure({ code: 'storage', message: String(err) });
    services = createUnavailableServices(databasePath, failure.error);
  }
  const dispatch = createDispatch(services, (err) => console.error('claimtag: internal error', err));
  const trustedOrigins = devServerUrl ? [new URL(devServerUrl).origin] : [APP_ORIGIN];
  registerIpcHandlers(ipcMain, dispatch, trustedOrigins);

  installAppMenu(() => mainWindow);
  serveRendererBundle(path.join(__dirname, '../renderer'));
  const url = devServerUrl ?? `${APP_ORIGIN}/index.html`;
  mainWindow = createMainWindow(path.join(__dirname, '../preload/index.cjs'), url);
  mainWindow.on('closed', () => (mainWindow = null));

  app.on('window-all-closed', () => {
    library?.close();
    app.quit();
  });
}
