// Packaging configuration for electron-builder (`npm run package`).
//
// What ends up in the package:
//   resources/app.asar             out/** (electron-vite's build, incl. out/main/import-worker.js),
//                                  resources/** (the bundled sample article), package.json and the
//                                  runtime dependencies from node_modules
//   resources/app.asar.unpacked/   only the Electron-ABI SQLite driver that
//                                  scripts/ensure-electron-native.mjs builds into .native/; a native
//                                  library has to be a real file for dlopen. src/main/native-binding.ts
//                                  looks for it there.
// The docx worker stays inside app.asar, where the integrity check covers it: Electron has
// initialised asar support in worker_threads since 17/18 (electron/electron#33216), so
// new Worker('…/app.asar/out/main/import-worker.js') and its require('saxes') read from the archive.
//
// Fuses come from ONE policy, FUSES in scripts/electron-fuses.mjs, flipped by the afterPack hook
// below (before electron-builder signs). electron-builder's own `electronFuses` option stays unset
// so there is no second list to drift. The hook verifies the wire after flipping and fails the
// build on any mismatch.
//
// The native driver is built for the host's platform and arch only, so package on the platform you
// ship (no cross-packaging). @electron/rebuild is not used (npmRebuild: false): it would rebuild
// node_modules/better-sqlite3 in place for Electron and break the Node build that tests and the CLI
// use, and the @electron/rebuild 4 that electron-builder 26.17 depends on needs Node >= 22.12
// (npm warns EBADENGINE; that code never runs). The last Node-20-clean line, 26.0.x, depends on
// @electron/rebuild 3.7.2, which fetches @electron/node-gyp from a GitHub tarball, not the registry.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyFuses } from './scripts/electron-fuses.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The installed Electron, the same version scripts/ensure-electron-native.mjs builds the driver for. */
export const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

/** The Electron-ABI better-sqlite3 build, relative to the app root (and to app.asar.unpacked). */
export const NATIVE_MODULE = `.native/electron-${electronVersion}/better_sqlite3.node`;

/** Path of the packaged executable whose fuse wire is flipped (the .app bundle on macOS). */
export function packagedExecutable(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`claimtag packaging: no executable rule for platform ${electronPlatformName}`);
  }
}

/**
 * electron-builder afterPack hook: refuse a package without the unpacked native driver, then flip
 * and verify the fuses on the packaged executable.
 */
export async function afterPack(context) {
  const driver = path.join(context.packager.getResourcesDir(context.appOutDir), 'app.asar.unpacked', ...NATIVE_MODULE.split('/'));
  if (!fs.existsSync(driver)) {
    throw new Error(`claimtag packaging: ${driver} is missing; run scripts/ensure-electron-native.mjs before electron-builder`);
  }
  const binary = packagedExecutable(context);
  await applyFuses(binary);
  console.log(`  • claimtag: fuses set and verified in ${binary}`);
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'claimtag',
  productName: 'claimtag',
  electronVersion,
  directories: { output: 'dist', buildResources: 'build' },
  files: [
    'package.json',
    'out/**/*',
    'resources/**/*',
    NATIVE_MODULE,
    // npm's build of better-sqlite3 is for Node's ABI and would crash Electron; the package ships
    // only the Electron build above (loaded through nativeBinding), not the C sources either.
    '!node_modules/better-sqlite3/{build,deps,src}{,/**/*}',
    '!node_modules/better-sqlite3/binding.gyp',
    // tsx (and its esbuild binary) is for the CLI and for running .ts sources; the bundled main
    // process never loads it.
    '!node_modules/{tsx,esbuild,@esbuild}{,/**/*}',
    // The import worker uses pdf.js's legacy build for text only: not its viewer, modern build,
    // image decoders, types or source maps, and not the native canvas it would draw with
    // (src/core/import/pdf-parse.ts loads without it).
    '!node_modules/pdfjs-dist/{web,build,image_decoders,types}{,/**/*}',
    '!node_modules/pdfjs-dist/legacy/{web,image_decoders}{,/**/*}',
    '!node_modules/pdfjs-dist/**/*.map',
    '!node_modules/@napi-rs{,/**/*}',
  ],
  // smartUnpack off: nothing leaves the integrity-checked archive unless asarUnpack names it
  // (electron-builder would otherwise unpack every package that carries a native executable).
  asar: { smartUnpack: false },
  asarUnpack: [NATIVE_MODULE],
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  afterPack,
  linux: {
    executableName: 'claimtag',
    target: ['AppImage', 'tar.gz'],
    category: 'Office',
  },
  mac: {
    target: ['dmg', 'zip'],
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
  },
  win: {
    target: ['nsis'],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
  },
};

export default config;
