#!/usr/bin/env node
// Electron fuses for a packaged claimtag (checklist item 19).
//
//   node scripts/electron-fuses.mjs <packaged binary>           flip the fuses, then verify them
//   node scripts/electron-fuses.mjs --check <packaged binary>   only verify (release job), exit 1 on a mismatch
//
// <packaged binary> is the app's executable (Linux/Windows), or the .app bundle on macOS.
// Run it on the packaged copy, never on node_modules/electron/dist: with OnlyLoadAppFromAsar
// the binary only starts an app from resources/app.asar, and with embedded ASAR integrity it
// refuses an asar whose hash the packager did not record. `npm start` uses the unfused
// development binary and is not affected.
//
// Uses @electron/fuses 1.8.0: 2.x needs Node >= 22.12 and this project runs on Node 20. 1.8.0 knows
// the first eight fuses; later ones in newer Electron wires (e.g. WasmTrapHandlers) keep their
// default, which is why strictlyRequireAllFuses stays off.
import { pathToFileURL } from 'node:url';
import fuses from '@electron/fuses';

const { flipFuses, getCurrentFuseWire, FuseVersion, FuseV1Options } = fuses;

/** Byte values of a fuse in the binary's fuse wire ('0' and '1'). */
export const FUSE_STATE = Object.freeze({ DISABLE: 48, ENABLE: 49 });

/** The fuses claimtag ships with, by name. Every value is deliberate; the unit test pins them. */
export const FUSES = Object.freeze({
  // The binary cannot be turned into a plain Node by ELECTRON_RUN_AS_NODE (the app never forks
  // itself: the docx parser runs in a worker_thread, which this does not affect).
  RunAsNode: false,
  // Cookies at rest are encrypted with the OS keychain (the app sets none, but the session may).
  EnableCookieEncryption: true,
  // NODE_OPTIONS (e.g. --require=evil.js) is ignored by the main process.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk cannot attach a debugger to the main process.
  EnableNodeCliInspectArguments: false,
  // The app code in app.asar must match the hash recorded at packaging time.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only resources/app.asar is loaded, never a loose resources/app folder someone dropped in.
  OnlyLoadAppFromAsar: true,
  // file:// gets no extra privileges; the renderer is served from app://claimtag.
  GrantFileProtocolExtraPrivileges: false,
});

/** The config object @electron/fuses' flipFuses() takes, built from FUSES. */
export function fuseConfig() {
  const config = { version: FuseVersion.V1 };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses does not know the fuse ${name}`);
    config[index] = value;
  }
  // On macOS arm64 flipping bytes breaks the ad-hoc signature; re-sign (a real release signs later).
  if (process.platform === 'darwin') config.resetAdHocDarwinSignature = true;
  return config;
}

/** Compares a binary's fuse wire with FUSES. Returns one line per mismatch (empty = all good). */
export async function verifyFuses(binary) {
  const wire = await getCurrentFuseWire(binary);
  const problems = [];
  if (wire.version !== FuseVersion.V1) problems.push(`fuse wire version ${wire.version}, expected ${FuseVersion.V1}`);
  for (const [name, expected] of Object.entries(FUSES)) {
    const actual = wire[FuseV1Options[name]];
    const want = expected ? FUSE_STATE.ENABLE : FUSE_STATE.DISABLE;
    if (actual !== want) {
      const shown = actual === undefined ? 'missing from the wire' : JSON.stringify(String.fromCharCode(actual));
      problems.push(`${name}: ${shown}, expected ${expected ? 'enabled' : 'disabled'}`);
    }
  }
  return problems;
}

/** Flips FUSES into the binary and verifies the result; throws on any mismatch. */
export async function applyFuses(binary) {
  await flipFuses(binary, fuseConfig());
  const problems = await verifyFuses(binary);
  if (problems.length) throw new Error(`fuses not as configured after flipping:\n  ${problems.join('\n  ')}`);
}

async function main(argv) {
  const check = argv[0] === '--check';
  const binary = check ? argv[1] : argv[0];
  if (!binary || argv.length > (check ? 2 : 1)) {
    console.error('usage: node scripts/electron-fuses.mjs [--check] <packaged app binary or .app>');
    return 2;
  }
  if (check) {
    const problems = await verifyFuses(binary);
    for (const p of problems) console.error(`fuse mismatch: ${p}`);
    if (!problems.length) console.log(`fuses OK: ${Object.keys(FUSES).length} checked in ${binary}`);
    return problems.length ? 1 : 0;
  }
  await applyFuses(binary);
  console.log(`fuses set and verified in ${binary}:`);
  for (const [name, value] of Object.entries(FUSES)) console.log(`  ${name} = ${value}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`electron-fuses: ${err instanceof Error ? err.message : err}`);
      process.exit(1);
    },
  );
}
