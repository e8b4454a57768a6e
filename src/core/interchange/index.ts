// The formats claimtag reads and writes. PDF is produced elsewhere from the HTML report.
import { EXPORT_FORMATS, formatHeadline, type ExportFormatInfo } from '../../shared/export-formats';
import { ANNOTATION_FORMATS, type AnnotationFormatInfo } from '../../shared/import-formats';
import type { Result } from '../../shared/result';
import type { Bundle } from '../../shared/types';
import { BRAT_SUMMARY_FILE, bratFiles, type ExportedFiles, type StreamedFile } from './brat';
import { importBrat } from './brat-import';
import { claimReviewParts } from './claimreview';
import { exportClaimtagJsonParts } from './claimtag-json';
import { importClaimtagJson } from './claimtag-json-import';
import { exportCsvParts } from './csv';
import { exportDoccanoParts } from './doccano';
import { importDoccano } from './doccano-import';
import { selectForExport } from './export-selection';
import { htmlReportParts } from './html-report';
import { LABEL_STUDIO_CONFIG_SUFFIX, labelStudioConfigOf, labelStudioParts } from './label-studio';
import { importLabelStudio } from './label-studio-import';
import { markdownReportParts } from './markdown-report';
import { exportSummaryText } from './export-summary';
import { importW3c } from './w3c-import';
import type { ExportFormatId, ExportOptions, ImportFormatId, ImportOptions, ParsedImport } from './types';
import { w3cParts } from './w3c';

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

/**
 * Every format is written piece by piece (#14): a file as parts of at most about one document
 * each, a folder as files, so a library-wide export never builds the whole output as one
 * string. `leftOut` (for the export's summary) is complete once every part was read; the
 * one-string `export` of each format is its parts joined.
 */
export type StreamedExport = ({ kind: 'file'; parts: Iterable<string>; companions?: Record<string, string> } | { kind: 'files'; files: Iterable<StreamedFile> }) & {
  leftOut: () => string[];
};

const carriesAll =
  (parts: (b: Bundle, o?: ExportOptions) => Iterable<string>) =>
  (b: Bundle, o?: ExportOptions): StreamedExport => ({ kind: 'file', parts: parts(b, o), leftOut: () => [] });

export const streamedExports: Readonly<Record<ExportFormatId, (bundle: Bundle, options?: ExportOptions) => StreamedExport>> = {
  html: carriesAll(htmlReportParts),
  md: carriesAll(markdownReportParts),
  json: carriesAll(exportClaimtagJsonParts),
  w3c: carriesAll(w3cParts),
  brat: (b, o) => withSummary('brat', bratFiles(b, o)),
  doccano: (b, o) => ({ kind: 'file', ...exportDoccanoParts(b, o) }),
  labelstudio: (b, o) => {
    const selection = selectForExport(b, o);
    return { kind: 'file', parts: labelStudioParts(selection, o), companions: { [LABEL_STUDIO_CONFIG_SUFFIX]: labelStudioConfigOf(selection) }, leftOut: () => [] };
  },
  csv: carriesAll(exportCsvParts),
  claimreview: (b, o) => ({ kind: 'file', ...claimReviewParts(b, o) }),
};

/** The whole output of a streamed export, as one string per file. */
function whole(streamed: StreamedExport): ExportOutput {
  if (streamed.kind === 'file') {
    const text = [...streamed.parts].join('');
    return { kind: 'file', text, ...(streamed.companions ? { companions: streamed.companions } : {}), leftOut: streamed.leftOut() };
  }
  const files: ExportedFiles = {};
  for (const f of streamed.files) files[f.path] = [...f.parts].join('');
  return { kind: 'files', files, leftOut: streamed.leftOut() };
}

export const exportFormats: Readonly<Record<ExportFormatId, ExportFormat>> = withCatalogue(streamedExports);

/** Each format beside its catalogue entry. */
function withCatalogue(streams: Record<ExportFormatId, (b: Bundle, o?: ExportOptions) => StreamedExport>): Record<ExportFormatId, ExportFormat> {
  const formats = {} as Record<ExportFormatId, ExportFormat>;
  for (const id of Object.keys(streams) as ExportFormatId[]) formats[id] = { ...EXPORT_FORMATS[id], id, export: (b, o) => whole(streams[id](b, o)) };
  return formats;
}

/** A folder export gets its summary as a file at its root, written after every other file. */
function withSummary(id: ExportFormatId, out: { files: Iterable<StreamedFile>; leftOut: () => string[] }): StreamedExport {
  const files = function* (): Generator<StreamedFile> {
    yield* out.files;
    yield { path: BRAT_SUMMARY_FILE, parts: [exportSummaryText(formatHeadline(id), EXPORT_FORMATS[id].neverCarried, out.leftOut())] };
  };
  return { kind: 'files', files: files(), leftOut: out.leftOut };
}

/** The summary of a single-file export, written beside it when the format leaves something out. */
export function summaryFor(id: ExportFormatId, output: Pick<ExportOutput, 'kind' | 'leftOut'>): string | null {
  const { neverCarried } = EXPORT_FORMATS[id];
  if (output.kind === 'files' || (neverCarried.length === 0 && output.leftOut.length === 0)) return null;
  return exportSummaryText(formatHeadline(id), neverCarried, output.leftOut);
}

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
export type { ExportedFiles, StreamedFile } from './brat';
