import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs packaging script, run by node in the release job
import * as fusesScript from '../../../scripts/electron-fuses.mjs';

type Script = {
  FUSES: Record<string, boolean>;
  fuseConfig(): Record<string, unknown>;
  verifyFuses(binary: string): Promise<string[]>;
  applyFuses(binary: string): Promise<void>;
};
const { FUSES, fuseConfig, verifyFuses, applyFuses } = fusesScript as Script;

// Positions in Electron's fuse wire (docs/tutorial/fuses.md), written out here on purpose so a
// renumbering in @electron/fuses would be caught rather than followed.
const WIRE_INDEX = {
  RunAsNode: 0,
  EnableCookieEncryption: 1,
  EnableNodeOptionsEnvironmentVariable: 2,
  EnableNodeCliInspectArguments: 3,
  EnableEmbeddedAsarIntegrityValidation: 4,
  OnlyLoadAppFromAsar: 5,
  LoadBrowserProcessSpecificV8Snapshot: 6,
  GrantFileProtocolExtraPrivileges: 7,
} as const;
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

describe('the fuses claimtag ships with', () => {
  it('are exactly the hardening set', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    expect(Object.isFrozen(FUSES)).toBe(true);
  });

  it('become a V1 flipFuses config with every fuse at its wire position', () => {
    const config = fuseConfig();
    expect(config.version).toBe('1');
    for (const [name, value] of Object.entries(FUSES)) expect(config[WIRE_INDEX[name as keyof typeof WIRE_INDEX]], name).toBe(value);
    // nothing else is touched (the V8 snapshot fuse and newer fuses keep Electron's default)
    const keys = Object.keys(config).filter((k) => k !== 'version' && k !== 'resetAdHocDarwinSignature');
    expect(keys.sort()).toEqual(Object.keys(FUSES).map((n) => String(WIRE_INDEX[n as keyof typeof WIRE_INDEX])).sort());
    expect(config).not.toHaveProperty('strictlyRequireAllFuses');
  });
});

describe('flipping and checking a binary', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  /** A stand-in binary with Electron's fuse wire as shipped (9 fuses, Electron's defaults). */
  function fakeElectron(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-fuses-'));
    dirs.push(dir);
    const defaults = '101100011'; // RunAsNode on, cookies off, NODE_OPTIONS on, inspect on, …, 9th fuse on
    const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, defaults.length]), Buffer.from(defaults)]);
    const file = path.join(dir, 'claimtag');
    fs.writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 0x7f), wire, Buffer.alloc(4096, 0x7f)]));
    return file;
  }

  it('reports every unhardened fuse of a stock binary', async () => {
    const problems = await verifyFuses(fakeElectron());
    expect(problems).toHaveLength(7);
  });

  it('flips exactly the configured bytes and then verifies clean', async () => {
    const file = fakeElectron();
    const before = fs.readFileSync(file);
    await applyFuses(file);
    const after = fs.readFileSync(file);
    expect(after.length).toBe(before.length);
    const at = after.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(after.subarray(at, at + 9).toString()).toBe('010011001');
    // only wire bytes changed
    let changed = 0;
    for (let i = 0; i < after.length; i++) if (after[i] !== before[i]) changed++;
    expect(changed).toBe(7); // all seven configured fuses differ from the stock wire
    expect(await verifyFuses(file)).toEqual([]);
  });

  it('refuses a file without a fuse wire', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtag-fuses-'));
    dirs.push(dir);
    const file = path.join(dir, 'not-electron');
    fs.writeFileSync(file, 'hello');
    await expect(applyFuses(file)).rejects.toThrow(/sentinel/);
  });
});
