import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 as installed by npm is built for Node (tests, CLI). Inside Electron we load
 * a second build made for Electron's ABI by scripts/ensure-electron-native.mjs.
 */
export function electronNativeBinding(appRoot: string): string | undefined {
  const file = path.join(appRoot, '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}
