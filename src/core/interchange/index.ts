// The formats claimtag reads and writes. PDF is produced elsewhere from the HTML report.
import type { Result } from '../../shared/result';
import type { Bundle } from '../../shared/types';
import { exportBrat, type ExportedFiles } from './brat';
import { importBrat } from './brat-import';
import { exportClaimtagJson } from './claimtag-json';
import { importClaimtagJson } from './claimtag-json-import';
import { exportCsv } from './csv';
import { exportDoccano } from './doccano';
import { importDoccano } from './doccano-import';
import { exportHtmlReport } from './html-report';
import { exportLabelStudio } from './label-studio';
import { importLabelStudio } from './label-studio-import';
import { exportMarkdownReport } from './markdown-report';
import { importW3c } from './w3c-import';
import type { ExportFormatId, ExportOptions, ImportFormatId, ImportOptions, ParsedImport } from './types';
import { exportW3c } from './w3c';

export type ExportOutput = { kind: 'file'; text: string } | { kind: 'files'; files: ExportedFiles };

export interface ExportFormat {
  id: ExportFormatId;
  /** Extension of the file written, or of each file inside the folder for multi-file formats. */
  extension: string;
  mediaType: string;
  description: string;
  export: (bundle: Bundle, options?: ExportOptions) => ExportOutput;
}

export interface ImportFormat {
  id: ImportFormatId;
  extensions: readonly string[];
  description: string;
  /** What the caller must supply besides the file. */
  needs: ReadonlyArray<'annotator' | 'companion-text' | 'documents'>;
  import: (fileText: string, options?: ImportOptions) => Result<ParsedImport>;
}

const file = (f: (b: Bundle, o?: ExportOptions) => string) => (b: Bundle, o?: ExportOptions): ExportOutput => ({ kind: 'file', text: f(b, o) });

export const exportFormats: Readonly<Record<ExportFormatId, ExportFormat>> = {
  html: { id: 'html', extension: '.html', mediaType: 'text/html', description: 'Report (HTML): the article with highlighted claims, a summary and a table of claims; prints well.', export: file(exportHtmlReport) },
  md: { id: 'md', extension: '.md', mediaType: 'text/markdown', description: 'Report (Markdown) for notes and tickets.', export: file(exportMarkdownReport) },
  json: { id: 'json', extension: '.json', mediaType: 'application/json', description: 'claimtag JSON: everything, for moving work between claimtag libraries.', export: file(exportClaimtagJson) },
  w3c: { id: 'w3c', extension: '.jsonld', mediaType: 'application/ld+json', description: 'W3C Web Annotation (JSON-LD); does not contain the article text.', export: file(exportW3c) },
  brat: { id: 'brat', extension: '.ann', mediaType: 'text/plain', description: 'brat standoff: a folder per annotator with .txt and .ann files.', export: (b, o) => ({ kind: 'files', files: exportBrat(b, o) }) },
  doccano: { id: 'doccano', extension: '.jsonl', mediaType: 'application/jsonl', description: 'doccano JSONL: one line per document and annotator.', export: file(exportDoccano) },
  labelstudio: { id: 'labelstudio', extension: '.json', mediaType: 'application/json', description: 'Label Studio tasks with one annotation per annotator.', export: file(exportLabelStudio) },
  csv: { id: 'csv', extension: '.csv', mediaType: 'text/csv', description: 'CSV, one row per claim, for spreadsheets.', export: file(exportCsv) },
};

export const importFormats: Readonly<Record<ImportFormatId, ImportFormat>> = {
  json: { id: 'json', extensions: ['.json'], description: 'claimtag JSON (full or hand-written minimal form).', needs: [], import: importClaimtagJson },
  w3c: { id: 'w3c', extensions: ['.jsonld', '.json'], description: 'W3C Web Annotation; needs the documents it refers to.', needs: ['documents'], import: importW3c },
  brat: { id: 'brat', extensions: ['.ann'], description: 'brat standoff .ann with its .txt.', needs: ['companion-text', 'annotator'], import: importBrat },
  doccano: { id: 'doccano', extensions: ['.jsonl'], description: 'doccano sequence-labelling JSONL.', needs: ['annotator'], import: importDoccano },
  labelstudio: { id: 'labelstudio', extensions: ['.json'], description: 'Label Studio JSON export of text-labelling tasks.', needs: [], import: importLabelStudio },
};

export { IMPORT_LIMITS } from './limits';
export { bundleFromImport } from './bundle-from-import';
export { labelStudioConfig } from './label-studio';
export type * from './types';
export type { ExportedFiles } from './brat';
