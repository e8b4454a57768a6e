// A library's export is read a document at a time while it is written (#14): the selection made
// from the library path is byte for byte the export of the library loaded whole (every format,
// annotator scopes, blind-mode filtering), and the documents' texts are read between the
// writer's writes, never all up front.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORT_FORMAT_IDS } from '../../shared/export-formats';
import type { Annotation, Bundle } from '../../shared/types';
import type { ExportFormatId } from '../interchange';
import { exportClaimtagJson } from '../interchange/claimtag-json';
import { GENERATED_AT } from '../../../test/interchange/test-bundle';
import { libraryBundle } from '../../../test/interchange/library-bundle';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { exportBundle } from './export-bundle';
import { importPaths } from './import-paths';
import { librarySelection, type LibraryExportScope } from './library-export-source';
import { keepLinksOf, loadBundle } from './load-bundle';

const WRITES_EVERY_DOCUMENT: readonly ExportFormatId[] = ['html', 'md', 'json', 'w3c', 'brat', 'labelstudio', 'doccano'];
const FORMATS = EXPORT_FORMAT_IDS.filter((id): id is ExportFormatId => id !== 'pdf');

let tmp: ReturnType<typeof makeTempDir>;
let library: Library;

beforeEach(async () => {
  tmp = makeTempDir();
  library = Library.open(path.join(tmp.dir, 'lib.sqlite'));
  const file = path.join(tmp.dir, 'library.json');
  fs.writeFileSync(file, exportClaimtagJson(libraryBundle()));
  const outcomes = await importPaths(library, [file], {});
  expect(outcomes.every((o) => o.ok)).toBe(true);
});
afterEach(() => {
  library.close();
  tmp.cleanup();
});

/** Every file a path holds (itself, or the files under a folder), by relative path, with its bytes. */
function readOutput(out: string): Map<string, Buffer> {
  if (fs.statSync(out).isFile()) return new Map([['', fs.readFileSync(out)]]);
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(out, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

const outFor = (target: ExportFormatId, name: string): string => path.join(tmp.dir, EXPORT_FORMATS[target].output === 'folder' ? name : `${name}${EXPORT_FORMATS[target].extension}`);

/** The library loaded whole and filtered as the export did before it read lazily: the reference. */
function wholeBundle(scope: LibraryExportScope): Bundle {
  const bundle = loadBundle(library, scope);
  if (scope.keep) bundle.annotations = bundle.annotations.filter(scope.keep);
  if (scope.annotatorIds?.length) {
    const keep = new Set(scope.annotatorIds);
    bundle.annotations = bundle.annotations.filter((a) => keep.has(a.annotatorId));
    bundle.annotators = bundle.annotators.filter((a) => keep.has(a.id));
  }
  if (bundle.relations) bundle.relations = keepLinksOf(bundle.annotations, bundle.relations);
  return bundle;
}

describe('the library path writes what the whole library loaded would', () => {
  const scopes: Array<[string, () => LibraryExportScope]> = [
    ['every document', () => ({ documents: 'all' })],
    ['one annotator by name', () => ({ documents: 'all', annotators: [library.annotators.list()[0].name] })],
    [
      'blind mode and chosen annotators, on some documents',
      () => {
        const ids = library.documents.list().map((d) => d.id).slice(0, 5);
        const whole = loadBundle(library, { documents: ids });
        // Blind mode hides one annotator's work on one document; a third annotator is not chosen.
        const victim = whole.annotations[0];
        const other = whole.annotations.find((a) => a.annotatorId !== victim.annotatorId)!;
        const keep = (a: Annotation) => a.annotatorId !== victim.annotatorId || a.documentId !== victim.documentId;
        const scope = { documents: ids, keep, annotatorIds: [victim.annotatorId, other.annotatorId] };
        expect(wholeBundle(scope).annotations.length).toBeLessThan(whole.annotations.filter((a) => scope.annotatorIds.includes(a.annotatorId)).length);
        expect(new Set(whole.annotations.map((a) => a.annotatorId)).size).toBeGreaterThan(2);
        return scope;
      },
    ],
  ];
  for (const target of FORMATS) {
    for (const [name, scopeOf] of scopes) {
      it(`${target}: ${name}`, async () => {
        const scope = scopeOf();
        const lazy = outFor(target, 'lazy');
        const whole = outFor(target, 'whole');
        await exportBundle(librarySelection(library, scope), target, lazy, { generatedAt: GENERATED_AT, chunkChars: 64 });
        await exportBundle(wholeBundle(scope), target, whole, { generatedAt: GENERATED_AT, chunkChars: 64 });
        const expected = readOutput(whole);
        const actual = readOutput(lazy);
        expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [file, bytes] of expected) expect(actual.get(file)?.toString('utf8'), `${target} ${file}`).toBe(bytes.toString('utf8'));
      });
    }
  }

  it('counts the annotations it carries, and refuses an unknown annotator by name', () => {
    const whole = loadBundle(library, { documents: 'all' });
    expect(librarySelection(library, { documents: 'all' }).annotationCount).toBe(whole.annotations.length);
    expect(() => librarySelection(library, { documents: 'all', annotators: ['Nobody here'] })).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'not-found' }) }));
  });
});

describe('the library path does not hold the library', () => {
  for (const target of FORMATS) {
    it(`${target}: each document's text is read between writes, not all up front`, async () => {
      const events: string[] = [];
      const get = library.documents.get.bind(library.documents);
      library.documents.get = (id: string) => {
        events.push('read');
        return get(id);
      };
      const selection = librarySelection(library, { documents: 'all' });
      expect(events).toEqual([]); // making the selection reads no text
      await exportBundle(selection, target, outFor(target, 'spied'), { generatedAt: GENERATED_AT, chunkChars: 1, onWritten: () => events.push('write') });
      const reads = events.filter((e) => e === 'read').length;
      expect(reads).toBeGreaterThanOrEqual(selection.documents.count);
      // Reading the whole library first would read every text before the first write.
      expect(events.indexOf('write')).toBeLessThan(events.lastIndexOf('read'));
      // The writer holds back one part (chunksOf), so a document's text is read at most one
      // document ahead of what was written; only formats that write nothing for a document
      // without claims (csv) or verdicts (claimreview) read on past such documents.
      if (WRITES_EVERY_DOCUMENT.includes(target)) {
        const readsInARow = Math.max(...events.join(' ').split('write').map((run) => run.split('read').length - 1));
        expect(readsInARow, events.join(' ')).toBeLessThanOrEqual(2);
      }
    });
  }
});
