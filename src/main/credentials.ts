import { promises as fs } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { CredentialStore } from '../core/api/host-ports';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { AppFailure } from '../shared/result';

/**
 * Team-server passwords encrypted with the system keychain (Electron safeStorage), in a file of
 * their own beside the app's settings: never in the library, never in a log. Where the system
 * offers no keychain (safeStorage would fall back to plain text on Linux), nothing is kept.
 */
export function electronCredentialStore(userDataDir: string): CredentialStore {
  const file = path.join(userDataDir, 'team-credentials.json');
  const read = async (): Promise<Record<string, string>> => {
    try {
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  const usable = () => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  return {
    async save(key, secret) {
      if (!usable()) throw new AppFailure({ code: 'unsupported', message: 'This system offers no keychain, so claimtag cannot keep the password; you will be asked again next time.' });
      const all = await read();
      all[key] = safeStorage.encryptString(secret).toString('base64');
      await writeFileAtomic(file, JSON.stringify(all));
    },
    async load(key) {
      const all = await read();
      if (!all[key] || !usable()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(all[key], 'base64'));
      } catch {
        return null;
      }
    },
    async forget(key) {
      const all = await read();
      delete all[key];
      await writeFileAtomic(file, JSON.stringify(all));
    },
  };
}
