import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 as installed by npm is built for Node (tests, CLI). Inside Electron we load
 * a second build made for Electron's ABI by scripts/ensure-electron-native.mjs.
 *
 * appRoot is app.getAppPath(): the project folder in development, `…/resources/app.asar` when
 * packaged. electron-builder.config.mjs unpacks the driver to `app.asar.unpacked` next to the
 * archive, so a packaged app looks there and hands dlopen a real file.
 */
export function electronNativeBinding(appRoot: string, electronVersion = process.versions.electron): string | undefined {
  const root = path.extname(appRoot) === '.asar' ? `${appRoot}.unpacked` : appRoot;
  const file = path.join(root, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}
