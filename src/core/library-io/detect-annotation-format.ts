import path from 'node:path';
import { ARTICLE_EXTENSIONS } from '../../shared/article-formats';
import type { ImportFormatId } from '../interchange/types';

export type FileKind = { kind: 'article' } | { kind: 'annotations'; format: ImportFormatId } | { kind: 'library' } | { kind: 'unsupported' };


/** Whether a file is an article to read, or annotation data in one of the interchange formats. */
export function classifyFile(fileName: string, head: string): FileKind {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.sqlite' || ext === '.db' || ext === '.claimtag') return { kind: 'library' };
  if (ext === '.ann') return { kind: 'annotations', format: 'brat' };
  if (ext === '.jsonl') return { kind: 'annotations', format: 'doccano' };
  if (ext === '.jsonld') return { kind: 'annotations', format: 'w3c' };
  if (ext === '.json') {
    const start = head.replace(/^\uFEFF/, '').trimStart();
    if (/"format"\s*:\s*"claimtag"/.test(head)) return { kind: 'annotations', format: 'json' };
    if (/anno\.jsonld|"@context"/.test(head)) return { kind: 'annotations', format: 'w3c' };
    if (start.startsWith('[') || /"(annotations|completions|predictions)"\s*:\s*\[/.test(head)) return { kind: 'annotations', format: 'labelstudio' };
    return { kind: 'annotations', format: 'json' };
  }
  return Object.hasOwn(ARTICLE_EXTENSIONS, ext) ? { kind: 'article' } : { kind: 'unsupported' };
}
