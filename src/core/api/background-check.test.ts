// Damage quick_check cannot see (an index out of step with its table) is found in the
// background after opening, and told to the analyst through the contract — not the console.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryNotice } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { listBackups } from '../reliability/backups';
import { makeIndexDisagree, populate } from '../../../test/support/db-helpers';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { LibrarySession } from './library-session';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
let session: LibrarySession | null = null;
const sample = () => ({ title: 'S', source: 's', text: 'Sample text.', blocks: [{ kind: 'paragraph' as const, start: 0, end: 12 }] });

beforeEach(() => {
  tmp = makeTempDir('claimtag-bgcheck-');
  file = path.join(tmp.dir, 'claimtag.sqlite');
  const library = Library.open(file);
  populate(library, 5, 'x');
  library.close();
});
afterEach(() => {
  session?.close();
  session = null;
  tmp.cleanup();
});

function putIndexOutOfStep(): void {
  makeIndexDisagree(file);
  const check = new Database(file, { readonly: true });
  expect(check.pragma('quick_check', { simple: true })).toBe('ok');
  expect(check.pragma('integrity_check', { simple: true })).not.toBe('ok');
  check.close();
}

async function noticesAfterBackgroundWork(backupEveryMs: number): Promise<LibraryNotice[]> {
  const consoleErrors: unknown[] = [];
  session = new LibrarySession({ databasePath: file, dataDir: tmp.dir, loadSample: sample, backupEveryMs, backgroundDelayMs: 10, onInternalError: (e) => consoleErrors.push(e) });
  expect(session.current).not.toBeNull(); // the library opens: quick_check cannot see this damage
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const taken = (await session.dispatch('takeLibraryNotices', {})) as Result<LibraryNotice[]>;
    if (!taken.ok) throw new Error(taken.error.message);
    if (taken.value.length) {
      expect(consoleErrors).toEqual([]);
      return taken.value;
    }
  }
  return [];
}

describe('background checks of the library', () => {
  it('the full integrity_check after opening reports an index out of step, once', async () => {
    putIndexOutOfStep();
    const notices = await noticesAfterBackgroundWork(0);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ code: 'storage', message: expect.stringMatching(/background check found damage in the library file.*restore a backup/) });
    expect(await session!.dispatch('takeLibraryNotices', {})).toEqual({ ok: true, value: [] });
  });

  it('a rolling backup that fails verification is told to the analyst, and no bad backup is kept', async () => {
    putIndexOutOfStep();
    const notices = await noticesAfterBackgroundWork(6 * 60 * 60 * 1000);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ code: 'storage', message: expect.stringMatching(/automatic backup did not succeed: The new backup failed verification/) });
    expect(listBackups(tmp.dir)).toEqual([]);
  });

  it('a sound library gives no notice (and keeps its backup)', async () => {
    session = new LibrarySession({ databasePath: file, dataDir: tmp.dir, loadSample: sample, backgroundDelayMs: 10 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await session.dispatch('takeLibraryNotices', {})).toEqual({ ok: true, value: [] });
    expect(listBackups(tmp.dir)).toHaveLength(1);
  });
});
