// The formats claimtag reads and writes. PDF is produced elsewhere from the HTML report.
import type { Result } from '../../shared/result';
import type { Bundle } from '../../shared/types';
import { BRAT_SUMMARY_FILE, exportBrat, type ExportedFiles } from './brat';
import { importBrat } from './brat-import';
import { CLAIMREVIEW_NEVER_CARRIED, exportClaimReviewWithReport } from './claimreview';
import { exportClaimtagJson, exportClaimtagJsonParts } from './claimtag-json';
import { importClaimtagJson } from './claimtag-json-import';
import { exportCsv, exportCsvParts } from './csv';
import { DOCCANO_NEVER_CARRIED, exportDoccanoParts, exportDoccanoWithReport } from './doccano';
import { importDoccano } from './doccano-import';
import { exportHtmlReport } from './html-report';
import { LABEL_STUDIO_CONFIG_SUFFIX, exportLabelStudio, labelStudioConfigFor } from './label-studio';
import { importLabelStudio } from './label-studio-import';
import { exportMarkdownReport } from './markdown-report';
import { exportSummaryText } from './export-summary';
import { importW3c } from './w3c-import';
import type { ExportFormatId, ExportOptions, ImportFormatId, ImportOptions, ParsedImport } from './types';
import { exportW3c } from './w3c';

/**
 * One file, or a folder of files. `companions` are written beside a single file, named by
 * replacing its extension with the key (e.g. ".label_config.xml"). `leftOut` lists what the
 * format could not carry in this export; it is also written into the export's summary.
 */
export type ExportOutput = ({ kind: 'file'; text: string; companions?: Record<string, string> } | { kind: 'files'; files: ExportedFiles }) & { leftOut: string[] };

export interface ExportFormat {
  id: ExportFormatId;
  /** Extension of the file written, or of each file inside the folder for multi-file formats. */
  extension: string;
  mediaType: string;
  description: string;
  /** What this format never carries; listed in every export's summary. */
  neverCarried: readonly string[];
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

const file = (f: (b: Bundle, o?: ExportOptions) => string) => (b: Bundle, o?: ExportOptions): ExportOutput => ({ kind: 'file', text: f(b, o), leftOut: [] });

export const exportFormats: Readonly<Record<ExportFormatId, ExportFormat>> = {
  html: { id: 'html', extension: '.html', mediaType: 'text/html', description: 'Report (HTML): the article with highlighted claims, a summary and a table of claims; prints well.', neverCarried: [], export: file(exportHtmlReport) },
  md: { id: 'md', extension: '.md', mediaType: 'text/markdown', description: 'Report (Markdown) for notes and tickets.', neverCarried: [], export: file(exportMarkdownReport) },
  json: { id: 'json', extension: '.json', mediaType: 'application/json', description: 'claimtag JSON: everything, for moving work between claimtag libraries.', neverCarried: [], export: file(exportClaimtagJson) },
  w3c: {
    id: 'w3c',
    extension: '.jsonld',
    mediaType: 'application/ld+json',
    description: 'W3C Web Annotation (JSON-LD); does not contain the article text.',
    neverCarried: [
      'the article text (annotations point at the document by its claimtag id)',
      'label names, colours and definitions, their roles and attribute definitions (names, options, which are scales)',
      'evidence links with letters outside ASCII as typed: they are written in their URI form (punycode host, percent-encoded path)',
    ],
    export: file(exportW3c),
  },
  brat: {
    id: 'brat',
    extension: '.ann',
    mediaType: 'text/plain',
    description: 'brat standoff: a folder per annotator with .txt and .ann files, annotation.conf and visual.conf.',
    neverCarried: [
      'when each claim was made or changed',
      'label definitions and shortcuts',
      'names of attributes and their values, and which attributes are ordered scales (annotation.conf lists the value keys)',
      'evidence links and claim dates as brat attributes (brat attributes take values from a fixed list): they are AnnotatorNotes lines "Attribute <key>: <value>"',
    ],
    export: (b, o) => withSummary('brat', exportBrat(b, o)),
  },
  doccano: {
    id: 'doccano',
    extension: '.jsonl',
    mediaType: 'application/jsonl',
    description: 'doccano JSONL: one line per document and annotator; offsets in UTF-16 units as doccano ≥ 1.5 shows them.',
    neverCarried: DOCCANO_NEVER_CARRIED,
    export: (b, o) => ({ kind: 'file', ...exportDoccanoWithReport(b, o) }),
  },
  labelstudio: {
    id: 'labelstudio',
    extension: '.json',
    mediaType: 'application/json',
    description: 'Label Studio tasks with one annotation per annotator, and the labelling config beside them.',
    neverCarried: ['label definitions and shortcuts', 'which attributes are ordered scales (the labelling config lists their options as choices)'],
    export: (b, o) => ({ kind: 'file', text: exportLabelStudio(b, o), companions: { [LABEL_STUDIO_CONFIG_SUFFIX]: labelStudioConfigFor(b, o) }, leftOut: [] }),
  },
  csv: { id: 'csv', extension: '.csv', mediaType: 'text/csv', description: 'CSV, one row per claim, for spreadsheets.', neverCarried: [], export: file(exportCsv) },
  claimreview: {
    id: 'claimreview',
    extension: '.jsonld',
    mediaType: 'application/ld+json',
    description: 'schema.org ClaimReview (JSON-LD), one review per claim with a verdict, for fact-check aggregators.',
    neverCarried: CLAIMREVIEW_NEVER_CARRIED,
    export: (b, o) => ({ kind: 'file', ...exportClaimReviewWithReport(b, o) }),
  },
};

/** A folder export gets its summary as a file at its root. */
function withSummary(id: ExportFormatId, out: { files: ExportedFiles; leftOut: string[] }): ExportOutput {
  const format = exportFormats[id];
  return { kind: 'files', files: { ...out.files, [BRAT_SUMMARY_FILE]: exportSummaryText(format.description, format.neverCarried, out.leftOut) }, leftOut: out.leftOut };
}

/** The summary of a single-file export, written beside it when the format leaves something out. */
export function summaryFor(id: ExportFormatId, output: ExportOutput): string | null {
  const format = exportFormats[id];
  if (output.kind === 'files' || (format.neverCarried.length === 0 && output.leftOut.length === 0)) return null;
  return exportSummaryText(format.description, format.neverCarried, output.leftOut);
}

/**
 * Formats that can also be written piece by piece (same bytes as `export`), so a library-wide
 * export never builds the whole file as one string. None has companions; `leftOut` (for the
 * summary beside the file) is complete once every part was read.
 */
export interface StreamedExport {
  parts: Iterable<string>;
  leftOut: () => string[];
}
const carriesAll = (parts: (b: Bundle, o?: ExportOptions) => Iterable<string>) => (b: Bundle, o?: ExportOptions): StreamedExport => ({ parts: parts(b, o), leftOut: () => [] });
export const streamedExports: Partial<Record<ExportFormatId, (bundle: Bundle, options?: ExportOptions) => StreamedExport>> = {
  json: carriesAll(exportClaimtagJsonParts),
  csv: carriesAll(exportCsvParts),
  doccano: exportDoccanoParts,
};

export const EXPORT_SUMMARY_SUFFIX = '.claimtag-summary.txt';

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
