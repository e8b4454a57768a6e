// Named pipes, folders and devices given where a file is expected: refused from stat alone,
// before anything opens them (opening a FIFO blocks until someone writes to it), on every
// import path (the CLI's import and agree: src/cli/hostile-input.test.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../library-io/import-paths';
import { dumpDatabase } from '../../../test/support/db-helpers';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { checkRegularFile, checkRegularFileSync } from './regular-file';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const fifo = (name: string): string => {
  const file = path.join(tmp.dir, name);
  execFileSync('mkfifo', [file]);
  return file;
};

describe('checkRegularFile', () => {
  it('names a pipe, a folder, a device and a missing file, and passes a regular file with its size', async () => {
    fs.writeFileSync(path.join(tmp.dir, 'a.txt'), 'hello');
    expect(await checkRegularFile(path.join(tmp.dir, 'a.txt'))).toEqual({ ok: true, size: 5 });
    expect(await checkRegularFile(fifo('p.txt'))).toMatchObject({ ok: false, error: { code: 'invalid-input', message: '"p.txt" is a named pipe, not a file claimtag can import.' } });
    expect(await checkRegularFile(tmp.dir)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(checkRegularFileSync('/dev/null')).toMatchObject({ ok: false, error: { code: 'invalid-input', message: '"null" is a device, not a file claimtag can import.' } });
    expect(checkRegularFileSync(path.join(tmp.dir, 'gone.json'))).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('every import path refuses a named pipe without opening it', () => {
  it.each(['article.txt', 'article.html', 'article.docx', 'notes.json', 'colleague.sqlite', 'work.jsonl', 'work.ann', 'web.jsonld'])('%s', async (name) => {
    const library = Library.open(path.join(tmp.dir, 'lib.sqlite'));
    try {
      const before = dumpDatabase(library.db);
      const [outcome] = await importPaths(library, [fifo(name)]);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-input', message: `"${name}" is a named pipe, not a file claimtag can import.` } });
      expect(dumpDatabase(library.db)).toEqual(before);
    } finally {
      library.close();
    }
  });

  it('a brat file whose companion text is a named pipe', async () => {
    const library = Library.open(path.join(tmp.dir, 'lib.sqlite'));
    try {
      fs.writeFileSync(path.join(tmp.dir, 'doc.ann'), 'T1\tfact 0 5\tHello\n');
      fifo('doc.txt');
      const [outcome] = await importPaths(library, [path.join(tmp.dir, 'doc.ann')], { annotator: 'A' });
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-input', message: '"doc.txt" is a named pipe, not a file claimtag can import.' } });
    } finally {
      library.close();
    }
  });
});
