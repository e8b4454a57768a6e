import path from 'node:path';
import { kindOfExtension, type ImportFormatId } from '../../shared/import-formats';

export type FileKind = { kind: 'article' } | { kind: 'annotations'; format: ImportFormatId } | { kind: 'library' } | { kind: 'unsupported' };

/** Whether a file is an article to read, or annotation data in one of the interchange formats. */
export function classifyFile(fileName: string, head: string): FileKind {
  const kind = kindOfExtension(path.extname(fileName));
  if (kind === 'article' || kind === 'library' || kind === 'unsupported') return { kind };
  if (kind !== 'sniff') return { kind: 'annotations', format: kind };
  // .json: claimtag, W3C and Label Studio share it; the start of the file tells them apart.
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (/"format"\s*:\s*"claimtag"/.test(head)) return { kind: 'annotations', format: 'json' };
  if (/anno\.jsonld|"@context"/.test(head)) return { kind: 'annotations', format: 'w3c' };
  if (start.startsWith('[') || /"(annotations|completions|predictions)"\s*:\s*\[/.test(head)) return { kind: 'annotations', format: 'labelstudio' };
  return { kind: 'annotations', format: 'json' };
}
