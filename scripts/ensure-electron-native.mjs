// The app's SQLite driver is a native addon. npm builds it for Node (tests and the CLI use
// that build); Electron needs one for its own ABI. This makes that second build once, in
// .native/electron-<version>/, without touching the Node build. main loads it through
// better-sqlite3's `nativeBinding` option.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electron = findElectronBinary();
if (!electron.ok) {
  console.error(`claimtag cannot start: ${electron.reason}.`);
  process.exit(1);
}

const target = path.join(root, '.native', `electron-${electron.version}`, 'better_sqlite3.node');
if (fs.existsSync(target)) process.exit(0);

const source = path.join(root, 'node_modules', 'better-sqlite3');
const work = path.join(root, '.native', 'build', 'better-sqlite3');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(path.dirname(work), { recursive: true });
fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });

console.log(`claimtag: preparing the SQLite driver for Electron ${electron.version} (once)…`);
const common = ['--runtime=electron', `--target=${electron.version}`, `--arch=${process.arch}`];
const run = (cmd, args) => execFileSync(cmd, args, { cwd: work, stdio: 'inherit' });
try {
  // A prebuilt binary when one is published for this Electron; no compiler needed.
  run(process.execPath, [path.join(root, 'node_modules', 'prebuild-install', 'bin.js'), ...common]);
} catch {
  const nodeGyp = process.env.npm_config_node_gyp;
  if (!nodeGyp) {
    console.error('claimtag cannot start: no prebuilt SQLite driver for this Electron, and node-gyp was not found to build one. Run `npm start` through npm.');
    process.exit(1);
  }
  run(process.execPath, [nodeGyp, 'rebuild', '--release', ...common, '--dist-url=https://electronjs.org/headers']);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
fs.rmSync(path.join(root, '.native', 'build'), { recursive: true, force: true });
console.log(`claimtag: SQLite driver ready (${path.relative(root, target)}).`);
