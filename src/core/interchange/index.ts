// The formats claimtag reads and writes. PDF is produced elsewhere from the HTML report.
import { EXPORT_FORMATS, formatHeadline, type ExportFormatInfo } from '../../shared/export-formats';
import { ANNOTATION_FORMATS, type AnnotationFormatInfo } from '../../shared/import-formats';
import type { Result } from '../../shared/result';
import type { Bundle } from '../../shared/types';
import { BRAT_SUMMARY_FILE, exportBrat, type ExportedFiles } from './brat';
import { importBrat } from './brat-import';
import { exportClaimReviewWithReport } from './claimreview';
import { exportClaimtagJson, exportClaimtagJsonParts } from './claimtag-json';
import { importClaimtagJson } from './claimtag-json-import';
import { exportCsv, exportCsvParts } from './csv';
import { exportDoccanoParts, exportDoccanoWithReport } from './doccano';
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

/** A catalogue entry (src/shared/export-formats.ts) with the function that writes it. */
export interface ExportFormat extends ExportFormatInfo {
  id: ExportFormatId;
  export: (bundle: Bundle, options?: ExportOptions) => ExportOutput;
}

/** A catalogue entry (src/shared/import-formats.ts) with the function that reads it. */
export interface ImportFormat extends AnnotationFormatInfo {
  id: ImportFormatId;
  import: (fileText: string, options?: ImportOptions) => Result<ParsedImport>;
}

const file = (f: (b: Bundle, o?: ExportOptions) => string) => (b: Bundle, o?: ExportOptions): ExportOutput => ({ kind: 'file', text: f(b, o), leftOut: [] });

const writers = {
  html: file(exportHtmlReport),
  md: file(exportMarkdownReport),
  json: file(exportClaimtagJson),
  w3c: file(exportW3c),
  brat: (b, o) => withSummary('brat', exportBrat(b, o)),
  doccano: (b, o) => ({ kind: 'file', ...exportDoccanoWithReport(b, o) }),
  labelstudio: (b, o) => ({ kind: 'file', text: exportLabelStudio(b, o), companions: { [LABEL_STUDIO_CONFIG_SUFFIX]: labelStudioConfigFor(b, o) }, leftOut: [] }),
  csv: file(exportCsv),
  claimreview: (b, o) => ({ kind: 'file', ...exportClaimReviewWithReport(b, o) }),
} satisfies Record<ExportFormatId, ExportFormat['export']>;

export const exportFormats: Readonly<Record<ExportFormatId, ExportFormat>> = withCatalogue(writers);

/** Each writer beside its catalogue entry. */
function withCatalogue(w: Record<ExportFormatId, ExportFormat['export']>): Record<ExportFormatId, ExportFormat> {
  const formats = {} as Record<ExportFormatId, ExportFormat>;
  for (const id of Object.keys(w) as ExportFormatId[]) formats[id] = { ...EXPORT_FORMATS[id], id, export: w[id] };
  return formats;
}

/** A folder export gets its summary as a file at its root. */
function withSummary(id: ExportFormatId, out: { files: ExportedFiles; leftOut: string[] }): ExportOutput {
  return { kind: 'files', files: { ...out.files, [BRAT_SUMMARY_FILE]: exportSummaryText(formatHeadline(id), EXPORT_FORMATS[id].neverCarried, out.leftOut) }, leftOut: out.leftOut };
}

/** The summary of a single-file export, written beside it when the format leaves something out. */
export function summaryFor(id: ExportFormatId, output: ExportOutput): string | null {
  const { neverCarried } = EXPORT_FORMATS[id];
  if (output.kind === 'files' || (neverCarried.length === 0 && output.leftOut.length === 0)) return null;
  return exportSummaryText(formatHeadline(id), neverCarried, output.leftOut);
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

const readers = {
  json: importClaimtagJson,
  w3c: importW3c,
  brat: importBrat,
  doccano: importDoccano,
  labelstudio: importLabelStudio,
} satisfies Record<ImportFormatId, ImportFormat['import']>;

/** Each reader beside its catalogue entry (src/shared/import-formats.ts). */
export const importFormats: Readonly<Record<ImportFormatId, ImportFormat>> = Object.fromEntries(
  (Object.keys(readers) as ImportFormatId[]).map((id) => [id, { ...ANNOTATION_FORMATS[id], id, import: readers[id] }]),
) as unknown as Record<ImportFormatId, ImportFormat>;

export { IMPORT_LIMITS } from './limits';
export { bundleFromImport } from './bundle-from-import';
export { labelStudioConfig } from './label-studio';
export type * from './types';
export type { ExportedFiles } from './brat';
