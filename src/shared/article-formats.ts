// One home for the article formats claimtag imports: the core's reader, the file chooser's
// filter, drop classification and the words on screen all derive from this list.

export type ImportFormat = 'txt' | 'markdown' | 'html' | 'docx' | 'pdf';

/** Extension (lower case, with the dot) → format. The first extension of each format is the one named on screen. */
export const ARTICLE_EXTENSIONS: Readonly<Record<string, ImportFormat>> = {
  '.txt': 'txt',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
};

/** Extensions without the dot, for file-chooser filters. */
export const ARTICLE_EXTENSION_NAMES: readonly string[] = Object.keys(ARTICLE_EXTENSIONS).map((extension) => extension.slice(1));

/** ".txt, .md, .html, .docx, .pdf": one extension per format, for sentences on screen. */
export const ARTICLE_EXTENSIONS_SHOWN: string = Object.entries(ARTICLE_EXTENSIONS)
  .filter(([, format], index, all) => all.findIndex(([, other]) => other === format) === index)
  .map(([extension]) => extension)
  .join(', ');
