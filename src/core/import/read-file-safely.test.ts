import { chmod, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectError, fixtureFolder } from '../../../test/import/import-test-helpers';
import { MAX_IMPORT_BYTES } from '../../shared/import-limits';
import { decodeText, readFileSafely } from './read-file-safely';

const fixtures = fixtureFolder('claimtag-read-');
const file = fixtures.file;

describe('readFileSafely', () => {
  it('accepts a file exactly at the size cap and refuses one byte more, before reading it', async () => {
    const atCap = await file('at-cap.txt', Buffer.alloc(MAX_IMPORT_BYTES, 'a'));
    const read = await readFileSafely(atCap);
    expect(read.ok && read.value.bytes.length).toBe(MAX_IMPORT_BYTES);

    const overCap = await file('over-cap.txt', Buffer.alloc(MAX_IMPORT_BYTES + 1, 'a'));
    const message = expectError(await readFileSafely(overCap), 'too-large');
    expect(message).toContain('20 MB');
  });

  it('reports missing files, folders, other file kinds and unsupported extensions in user words', async () => {
    expect(expectError(await readFileSafely(path.join(fixtures.path(), 'nope.txt')), 'not-found')).toContain('nope.txt');
    const folder = path.join(fixtures.path(), 'folder.txt');
    await mkdir(folder);
    expect(expectError(await readFileSafely(folder), 'invalid-input')).toContain('folder');
    expect(expectError(await readFileSafely('/dev/null.txt'), 'not-found')).toContain('null.txt');
    await symlink('/dev/zero', path.join(fixtures.path(), 'zero.txt'));
    expect(expectError(await readFileSafely(path.join(fixtures.path(), 'zero.txt')), 'invalid-input')).toContain('not a regular file');
    const rtf = await file('report.rtf', '{\\rtf1 x}');
    const unsupported = expectError(await readFileSafely(rtf), 'unsupported');
    expect(unsupported).toContain('.rtf');
    expect(unsupported).toContain('.txt, .md, .markdown, .html, .htm, .docx, .pdf');
    expectError(await readFileSafely(await file('README', 'x')), 'unsupported');
  });

  it('refuses unreadable files', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const locked = await file('locked.txt', 'secret');
    await chmod(locked, 0o000);
    expectError(await readFileSafely(locked), 'invalid-input');
  });

  it('refuses empty files', async () => {
    expectError(await readFileSafely(await file('empty.md', '')), 'invalid-input');
  });
});

describe('decodeText', () => {
  const decode = (bytes: Uint8Array | string, replaceInvalid = false) =>
    decodeText(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, 'file.txt', { replaceInvalid });

  it.each([
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0], 'PNG image'],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JPEG image'],
    ['GIF', [...Buffer.from('GIF89a'), 1, 0], 'GIF image'],
    ['PDF', [...Buffer.from('%PDF-1.4\n')], 'PDF document'],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 20, 0], 'ZIP archive'],
  ])('recognises a %s renamed to .txt', (_name, bytes, what) => {
    expect(expectError(decode(Uint8Array.from(bytes)), 'unsupported')).toContain(what);
  });

  it('refuses files with NUL bytes as binary', () => {
    expect(expectError(decode(Uint8Array.from([0x68, 0x69, 0x00, 0x21])), 'unsupported')).toContain('binary');
  });

  it('refuses invalid UTF-8 with a message that says so, and replaces it only when asked', () => {
    const bytes = Uint8Array.from([...Buffer.from('caf'), 0xe9, ...Buffer.from(' au lait')]);
    const message = expectError(decode(bytes), 'invalid-input');
    expect(message).toContain('not valid UTF-8');
    const failed = decode(bytes);
    expect(!failed.ok && failed.error.details).toEqual(['first invalid byte near offset 3']);
    const replaced = decode(bytes, true);
    expect(replaced.ok && replaced.value.text).toBe('caf\uFFFD au lait');
    expect(replaced.ok && replaced.value.warnings[0]).toContain('replaced');
  });

  it('refuses truncated multi-byte sequences and overlong encodings', () => {
    expectError(decode(Uint8Array.from([0x61, 0xe2, 0x82])), 'invalid-input');
    expectError(decode(Uint8Array.from([0xc0, 0xaf])), 'invalid-input');
    expectError(decode(Uint8Array.from([0xed, 0xa0, 0x80])), 'invalid-input'); // encoded surrogate
  });

  it('refuses whitespace-only text', () => {
    expectError(decode(' \r\n\t\u00a0\n'), 'invalid-input');
  });

  it('decodes UTF-16 with a byte order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('سلام hi', 'utf16le')]);
    expect(decode(le)).toEqual({ ok: true, value: { text: 'سلام hi', warnings: [] } });
  });
});
