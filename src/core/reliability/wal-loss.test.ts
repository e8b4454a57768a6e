// The -wal deleted under a running claimtag, which is then killed: 20 acknowledged
// annotations were gone and nothing said so. Now opening refuses and names the loss.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { detectLostWal } from './wal-loss';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir('claimtag-wal-');
  file = path.join(tmp.dir, 'claimtag.sqlite');
  const library = Library.open(file);
  library.annotators.add('Ayesha');
  library.close();
});
afterEach(() => tmp.cleanup());

/**
 * A writer in another process (plain better-sqlite3, WAL mode, no automatic checkpoint) that
 * commits `rows` rows, says READY, and waits to be killed.
 */
function runWriter(rows: number): Promise<{ kill: () => Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    const add = db.prepare("INSERT INTO annotators (id, name, created_at) VALUES (?, ?, '2026-12-05T00:00:00Z')");
    for (let i = 0; i < ${rows}; i++) add.run('w' + i, 'Writer ' + i);
    process.stdout.write('READY\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: path.resolve(__dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) {
        resolve({
          kill: () =>
            new Promise((done) => {
              child.on('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });
}

describe('a write-ahead log that vanished', () => {
  it('is detected when the -wal was deleted under a running writer that was then killed; the file is left as it was', async () => {
    const writer = await runWriter(20);
    fs.rmSync(`${file}-wal`);
    await writer.kill();
    expect(detectLostWal(file)).toMatchObject({ why: 'missing' });
    const before = [fs.readFileSync(file), fs.readFileSync(`${file}-shm`)];
    let failure: unknown;
    try {
      Library.open(file).close();
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).error).toMatchObject({ code: 'storage', message: expect.stringMatching(/write-ahead log \(claimtag\.sqlite-wal\) was deleted.*Restore a backup/) });
    expect(fs.readFileSync(file).equals(before[0]) && fs.readFileSync(`${file}-shm`).equals(before[1])).toBe(true);
  });

  it('is detected when the -wal was cut short', async () => {
    const writer = await runWriter(20);
    await writer.kill();
    fs.truncateSync(`${file}-wal`, 32 + 100);
    expect(detectLostWal(file)).toMatchObject({ why: 'truncated' });
  });

  it('raises no alarm after an ordinary crash with the log intact: everything acknowledged is there', async () => {
    const writer = await runWriter(20);
    await writer.kill();
    expect(fs.existsSync(`${file}-shm`)).toBe(true);
    expect(detectLostWal(file)).toBeNull();
    const library = Library.open(file);
    try {
      expect(library.annotators.list()).toHaveLength(21);
    } finally {
      library.close();
    }
    expect(detectLostWal(file)).toBeNull(); // and after a clean close
  });
});
