// Where the Electron binary is, or why it is missing. Shared by the start scripts and the Electron e2e spec.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

/** @returns {{ ok: true, path: string, version: string } | { ok: false, reason: string }} */
export function findElectronBinary() {
  if (!fs.existsSync(path.join(electronDir, 'package.json'))) {
    return { ok: false, reason: 'the electron package is not installed (run `npm install`)' };
  }
  const version = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative || 'electron') : relative ? path.join(electronDir, 'dist', relative) : null;
  if (!binary || !fs.existsSync(binary)) {
    return {
      ok: false,
      reason: `the Electron ${version} binary is not downloaded (it is skipped when ELECTRON_SKIP_BINARY_DOWNLOAD is set or there is no internet)`,
    };
  }
  return { ok: true, path: binary, version };
}
