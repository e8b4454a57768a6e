/**
 * A small recording stand-in for the part of Electron's main-process API that claimtag's
 * main process uses, so the real wiring (src/main/index.ts and everything it calls) can run
 * under plain Node and a test can play hostile events against the handlers it installs.
 *
 * Every member is typed from Electron's own definitions (node_modules/electron/electron.d.ts):
 * each object is declared as a `Pick` of the real interface, and each handler type is taken
 * from the real method's parameter, so a stand-in that drifted from Electron fails typecheck.
 * It stubs only 'electron'; nothing of ours is replaced. A member the stand-in lacks shows up
 * as vitest's "No export is defined on the mock" error, never as a silent undefined.
 *
 * Behaviours copied from Electron because the safeguards depend on them:
 * - `app.enableSandbox()` and `protocol.registerSchemesAsPrivileged()` throw after ready;
 * - creating a BrowserWindow creates its WebContents and emits `web-contents-created`;
 * - Electron grants every permission when no handler is set, so `permissionGranted()` does too.
 */
import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';

type PermissionRequestHandler = NonNullable<Parameters<Electron.Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Electron.Session['setPermissionCheckHandler']>[0]>;
type DevicePermissionHandler = NonNullable<Parameters<Electron.Session['setDevicePermissionHandler']>[0]>;
type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];
type ProtocolHandler = Parameters<Electron.Protocol['handle']>[1];
type IpcInvokeListener = Parameters<Electron.IpcMain['handle']>[1];

export interface Recorded {
  /** Every call into the stand-in, in order ("app.enableSandbox", "BrowserWindow.loadURL", …). */
  log: string[];
  ready: boolean;
  isPackaged: boolean;
  appPath: string;
  privilegedSchemes: Electron.CustomScheme[];
  protocolHandlers: Map<string, ProtocolHandler>;
  ipcHandlers: Map<string, IpcInvokeListener>;
  permissionRequestHandler: PermissionRequestHandler | null;
  permissionCheckHandler: PermissionCheckHandler | null;
  devicePermissionHandler: DevicePermissionHandler | null;
  windows: StandInBrowserWindow[];
  webContents: StandInWebContents[];
  openedExternally: string[];
}

export const recorded: Recorded = freshRecord();

function freshRecord(): Recorded {
  return {
    log: [],
    ready: false,
    isPackaged: true,
    appPath: process.cwd(),
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    devicePermissionHandler: null,
    windows: [],
    webContents: [],
    openedExternally: [],
  };
}

let resolveReady: () => void = () => undefined;
let readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

/** Back to a freshly started Electron: nothing registered, not ready. */
export function resetStandIn(options: { isPackaged?: boolean; appPath?: string } = {}): void {
  Object.assign(recorded, freshRecord(), options);
  app.removeAllListeners();
  readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
}

/** Fires `ready` the way Electron does, and lets `whenReady()` callbacks run. */
export async function becomeReady(): Promise<void> {
  recorded.ready = true;
  recorded.log.push('ready');
  app.emit('ready');
  resolveReady();
  await readyPromise;
  await new Promise((r) => setImmediate(r));
}

/** An Electron event: records whether a handler prevented its default action. */
export class StandInEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

class StandInApp extends EventEmitter implements Pick<Electron.App, 'getAppPath' | 'setName' | 'enableSandbox' | 'requestSingleInstanceLock' | 'whenReady' | 'quit' | 'getPath' | 'getVersion'> {
  get isPackaged(): boolean {
    return recorded.isPackaged;
  }
  getAppPath(): string {
    return recorded.appPath;
  }
  getPath(): string {
    return recorded.appPath;
  }
  getVersion(): string {
    return '0.0.0-stand-in';
  }
  setName(name: string): void {
    recorded.log.push(`app.setName ${name}`);
  }
  enableSandbox(): void {
    if (recorded.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    recorded.log.push('app.enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    recorded.log.push('app.requestSingleInstanceLock');
    return true;
  }
  whenReady(): Promise<void> {
    return readyPromise;
  }
  quit(): void {
    recorded.log.push('app.quit');
  }
}

export const app = new StandInApp();

export class StandInWebContents extends EventEmitter implements Pick<Electron.WebContents, 'setWindowOpenHandler' | 'send' | 'printToPDF' | 'isDestroyed'> {
  windowOpenHandler: WindowOpenHandler | null = null;
  sent: Array<{ channel: string; args: unknown[] }> = [];
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  printToPDF(): Promise<Buffer> {
    return Promise.resolve(Buffer.from('%PDF-stand-in'));
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class StandInBrowserWindow
  extends EventEmitter
  implements Pick<Electron.BrowserWindow, 'loadURL' | 'loadFile' | 'show' | 'focus' | 'restore' | 'isMinimized' | 'destroy' | 'isDestroyed'>
{
  readonly webContents = new StandInWebContents();
  readonly loaded: string[] = [];
  constructor(readonly options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    recorded.log.push('new BrowserWindow');
    recorded.windows.push(this);
    recorded.webContents.push(this.webContents);
    app.emit('web-contents-created', new StandInEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    recorded.log.push(`BrowserWindow.loadURL ${url}`);
    this.loaded.push(url);
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    recorded.log.push(`BrowserWindow.loadFile ${file}`);
    this.loaded.push(`file://${file}`);
    return Promise.resolve();
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  destroy(): void {}
  isDestroyed(): boolean {
    return false;
  }
  static getAllWindows(): StandInBrowserWindow[] {
    return recorded.windows;
  }
}
export { StandInBrowserWindow as BrowserWindow };

const defaultSession: Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> = {
  setPermissionRequestHandler(handler) {
    recorded.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler) {
    recorded.permissionCheckHandler = handler;
  },
  setDevicePermissionHandler(handler) {
    recorded.devicePermissionHandler = handler;
  },
};
export const session = { defaultSession };

export const protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'> = {
  registerSchemesAsPrivileged(schemes) {
    if (recorded.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    recorded.log.push('protocol.registerSchemesAsPrivileged');
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    recorded.log.push(`protocol.handle ${scheme}`);
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler'> = {
  handle(channel, listener) {
    if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    recorded.ipcHandlers.set(channel, listener);
  },
  removeHandler(channel) {
    recorded.ipcHandlers.delete(channel);
  },
};

export const shell: Pick<Electron.Shell, 'openExternal'> = {
  openExternal(url) {
    recorded.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const dialog: Pick<Electron.Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'> = {
  showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
  showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
  showMessageBox: () => Promise.resolve({ response: 0, checkboxChecked: false }),
};

export const Menu: Pick<typeof Electron.Menu, 'setApplicationMenu' | 'buildFromTemplate'> = {
  setApplicationMenu: () => undefined,
  buildFromTemplate: (template) => ({ items: template }) as unknown as Electron.Menu,
};

/** The permission Electron would end up with: with no handler set, Electron grants it. */
export function permissionGranted(permission: Parameters<PermissionRequestHandler>[1], webContents: StandInWebContents): Promise<boolean> {
  const handler = recorded.permissionRequestHandler;
  if (!handler) return Promise.resolve(true);
  return new Promise((resolve) =>
    handler(webContents as unknown as Electron.WebContents, permission, resolve, { requestingUrl: 'https://evil.example/', isMainFrame: false } as Electron.PermissionRequest),
  );
}

/** No keychain here: like a Linux session without one, so credentials are never stored in the clear. */
export const safeStorage: Pick<Electron.SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'> = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => {
    throw new Error('Encryption is not available.');
  },
  decryptString: () => {
    throw new Error('Decryption is not available.');
  },
};
