// The files claimtag reads besides articles (src/shared/article-formats.ts): annotation files in
// the interchange formats, and a colleague's claimtag library. One home for their extensions
// and the words that name them: the core's readers (`satisfies`), file classification, the
// open dialog's filter and the "not a format claimtag reads" message derive from it.
import { ARTICLE_EXTENSIONS, ARTICLE_EXTENSION_NAMES, ARTICLE_EXTENSIONS_SHOWN } from './article-formats';

export interface AnnotationFormatInfo {
  /** What a person calls it. */
  name: string;
  /** Extensions (lower case, with the dot); the first is the one named on screen. */
  extensions: readonly string[];
  description: string;
  /** What the caller must supply besides the file. */
  needs: ReadonlyArray<'annotator' | 'companion-text' | 'documents'>;
}

export const ANNOTATION_FORMATS = {
  json: { name: 'claimtag', extensions: ['.json'], description: 'claimtag JSON (full or hand-written minimal form).', needs: [] },
  w3c: { name: 'W3C', extensions: ['.jsonld', '.json'], description: 'W3C Web Annotation; needs the documents it refers to.', needs: ['documents'] },
  brat: { name: 'brat', extensions: ['.ann'], description: 'brat standoff .ann with its .txt.', needs: ['companion-text', 'annotator'] },
  doccano: { name: 'doccano', extensions: ['.jsonl'], description: 'doccano sequence-labelling JSONL.', needs: ['annotator'] },
  labelstudio: { name: 'Label Studio', extensions: ['.json'], description: 'Label Studio JSON export of text-labelling tasks.', needs: [] },
} as const satisfies Record<string, AnnotationFormatInfo>;

export type ImportFormatId = keyof typeof ANNOTATION_FORMATS;

/** A colleague's claimtag library; the first is the one named on screen. */
export const LIBRARY_EXTENSIONS = ['.sqlite', '.db', '.claimtag'] as const;

/**
 * What a file's extension says it is: an article, a library, one annotation format, or
 * `sniff` when several annotation formats share it (.json: read the start of the file).
 */
export function kindOfExtension(extension: string): 'article' | 'library' | 'sniff' | ImportFormatId | 'unsupported' {
  const ext = extension.toLowerCase();
  if ((LIBRARY_EXTENSIONS as readonly string[]).includes(ext)) return 'library';
  const formats = (Object.keys(ANNOTATION_FORMATS) as ImportFormatId[]).filter((id) => (ANNOTATION_FORMATS[id].extensions as readonly string[]).includes(ext));
  if (formats.length > 1) return 'sniff';
  if (formats.length === 1) return formats[0];
  return Object.hasOwn(ARTICLE_EXTENSIONS, ext) ? 'article' : 'unsupported';
}

/** Every extension the open dialog offers, without the dot. */
export const IMPORTABLE_EXTENSION_NAMES: readonly string[] = [
  ...new Set([...ARTICLE_EXTENSION_NAMES, ...Object.values(ANNOTATION_FORMATS).flatMap((f) => f.extensions.map((e) => e.slice(1))), ...LIBRARY_EXTENSIONS.map((e) => e.slice(1))]),
];

/** "Articles: .txt, … Annotations: claimtag .json or a colleague's claimtag library (.sqlite), W3C .jsonld, …" */
export const IMPORTABLE_SHOWN: string =
  `Articles: ${ARTICLE_EXTENSIONS_SHOWN}. Annotations: ` +
  Object.values(ANNOTATION_FORMATS)
    .map((f, i) => `${f.name} ${f.extensions[0]}${i === 0 ? ` or a colleague's claimtag library (${LIBRARY_EXTENSIONS[0]})` : ''}`)
    .join(', ') +
  '.';
