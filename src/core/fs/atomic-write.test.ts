import { mkdtempSync, mkdirSync, promises as fsp, readdirSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic, writeFolderAtomic } from './atomic-write';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'claimtag-atomic-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  }
});

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an existing one', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.html');
    await writeFileAtomic(file, 'first');
    expect(readFileSync(file, 'utf8')).toBe('first');
    await writeFileAtomic(file, new TextEncoder().encode('second ✓'));
    expect(readFileSync(file, 'utf8')).toBe('second ✓');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('fails when the target is a directory, leaving it and no temp file behind', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(path.join(target, 'inside.txt'), 'keep');
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow();
    expect(readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('keep');
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  // root ignores directory permissions, so this case can only be shown as an ordinary user
  // (CI here runs as root); the ENOSPC and directory-target cases above cover the same path.
  it.skipIf(process.getuid?.() === 0)('fails in a read-only directory and leaves the previous file untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.md');
    writeFileSync(file, 'previous');
    chmodSync(dir, 0o555);
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow(/EACCES|EPERM/);
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['notes.md']);
  });

  it('fails when the directory does not exist', async () => {
    const dir = tempDir();
    await expect(writeFileAtomic(path.join(dir, 'missing', 'x.json'), '{}')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the temp file and keeps the previous file when the rename fails', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'export.csv');
    writeFileSync(file, 'previous');
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['export.csv']);
  });
});

describe('writeFolderAtomic', () => {
  it('a file name that would leave the folder is refused, and neither the folder nor its temp is left', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'export');
    const files = [
      { path: 'a/one.txt', data: 'fine' },
      { path: '../escaped.txt', data: 'outside' },
    ];
    await expect(writeFolderAtomic(target, files)).rejects.toMatchObject({ error: { code: 'internal' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a throw while the files are read leaves an existing folder exactly as it was', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'export');
    mkdirSync(target);
    writeFileSync(path.join(target, 'one.txt'), 'old');
    function* files() {
      yield { path: 'one.txt', data: ['new ', 'text'] };
      throw new Error('stopped');
    }
    await expect(writeFolderAtomic(target, files())).rejects.toThrow('stopped');
    expect(readdirSync(dir)).toEqual(['export']);
    expect(readdirSync(target)).toEqual(['one.txt']);
    expect(readFileSync(path.join(target, 'one.txt'), 'utf8')).toBe('old');
  });
});
