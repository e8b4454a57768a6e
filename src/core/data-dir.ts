import os from 'node:os';
import path from 'node:path';

export const APP_NAME = 'claimtag';
export const DATABASE_FILE = 'claimtag.sqlite';

/**
 * Where the library lives: `CLAIMTAG_DATA_DIR` when set (tests, portable use), else the
 * same per-user folder Electron's `app.getPath('userData')` gives, so the CLI and the
 * app open the same library.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env.CLAIMTAG_DATA_DIR?.trim();
  if (override) return path.resolve(override);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME?.trim() || path.join(home, '.config'), APP_NAME);
}

export const databasePathIn = (dataDir: string): string => path.join(dataDir, DATABASE_FILE);
