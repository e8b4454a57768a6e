// The import catalogues (src/shared/article-formats.ts, import-formats.ts) drive how a file is
// classified, which readers exist, the open dialog's filter and the "not a format" message.
import { describe, expect, it } from 'vitest';
import { ARTICLE_EXTENSIONS } from '../../shared/article-formats';
import { ANNOTATION_FORMATS, IMPORTABLE_EXTENSION_NAMES, IMPORTABLE_SHOWN, LIBRARY_EXTENSIONS, type ImportFormatId } from '../../shared/import-formats';
import { importFormats } from '../interchange';
import { classifyFile } from './detect-annotation-format';

const ids = Object.keys(ANNOTATION_FORMATS) as ImportFormatId[];

describe('file classification follows the catalogues', () => {
  it('an extension only one annotation format uses is that format', () => {
    for (const id of ids) {
      for (const ext of ANNOTATION_FORMATS[id].extensions) {
        const sharers = ids.filter((other) => (ANNOTATION_FORMATS[other].extensions as readonly string[]).includes(ext));
        if (sharers.length === 1) expect(classifyFile(`x${ext.toUpperCase()}`, '')).toEqual({ kind: 'annotations', format: id });
      }
    }
  });

  it('.json is told apart by its start', () => {
    expect(classifyFile('a.json', '{"format": "claimtag", "version": 1}')).toEqual({ kind: 'annotations', format: 'json' });
    expect(classifyFile('a.json', '{"@context": "http://www.w3.org/ns/anno.jsonld"}')).toEqual({ kind: 'annotations', format: 'w3c' });
    expect(classifyFile('a.json', '[{"id": 1, "annotations": []}]')).toEqual({ kind: 'annotations', format: 'labelstudio' });
  });

  it('articles, libraries and the rest', () => {
    for (const ext of Object.keys(ARTICLE_EXTENSIONS)) expect(classifyFile(`a${ext}`, '')).toEqual({ kind: 'article' });
    for (const ext of LIBRARY_EXTENSIONS) expect(classifyFile(`colleague${ext}`, '')).toEqual({ kind: 'library' });
    expect(classifyFile('notes.rtf', '')).toEqual({ kind: 'unsupported' });
    expect(classifyFile('no-extension', '')).toEqual({ kind: 'unsupported' });
  });

  it('every catalogue format has a reader, and the words and the dialog name every extension', () => {
    expect(Object.keys(importFormats)).toEqual(ids);
    for (const id of ids) expect(importFormats[id]).toMatchObject(ANNOTATION_FORMATS[id]);
    const all = [...Object.keys(ARTICLE_EXTENSIONS), ...ids.flatMap((id) => ANNOTATION_FORMATS[id].extensions), ...LIBRARY_EXTENSIONS];
    expect(new Set(IMPORTABLE_EXTENSION_NAMES)).toEqual(new Set(all.map((e) => e.slice(1))));
    for (const ext of new Set(Object.values(ARTICLE_EXTENSIONS))) expect(IMPORTABLE_SHOWN).toMatch(new RegExp(`\\.${ext === 'markdown' ? 'md' : ext}\\b`));
    for (const id of ids) expect(IMPORTABLE_SHOWN).toContain(`${ANNOTATION_FORMATS[id].name} ${ANNOTATION_FORMATS[id].extensions[0]}`);
  });
});
