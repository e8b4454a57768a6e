// The export-format catalogue: the one list of formats claimtag writes, with what a person is
// told about each. Every other list is derived from it: the contract's enum, the CLI's
// --format values and help, the Export dialog, the save dialog's extension, each export's
// summary, and the core's table of exporters (`satisfies Record<…>`, so a format added here
// without an exporter does not compile). Pure data: every process may import it, and it is
// kept apart from the contract so the renderer can use it without bundling the schema library.
//
// To add a format: append one entry here, then give it an exporter in
// src/core/interchange/index.ts (or a producer in library-io/export-bundle.ts, like pdf).

export interface ExportFormatInfo {
  /** What a person calls it: the dialog's option, the CLI help, the export summary. */
  name: string;
  /** One or two sentences: what the file is and what it is for. */
  description: string;
  /** A report to read, or data for another tool (or another claimtag). */
  kind: 'report' | 'data';
  /** One file, or a folder of files (the save dialog then asks for a folder). */
  output: 'file' | 'folder';
  /** Extension of the file written, or of each annotation file inside the folder. */
  extension: string;
  mediaType: string;
  /** Whether the article text itself is in the export (W3C points at the document instead). */
  carriesText: boolean;
  /** What this format never carries; listed in every export's summary. */
  neverCarried: readonly string[];
}

export const EXPORT_FORMATS = {
  html: {
    name: 'HTML report',
    description: 'One self-contained file: the article with highlighted claims, a summary and a table of claims. Opens anywhere, prints well.',
    kind: 'report',
    output: 'file',
    extension: '.html',
    mediaType: 'text/html',
    carriesText: true,
    neverCarried: [],
  },
  pdf: {
    name: 'PDF report',
    description: 'The same report as a PDF, with the title on every page and page numbers.',
    kind: 'report',
    output: 'file',
    extension: '.pdf',
    mediaType: 'application/pdf',
    carriesText: true,
    neverCarried: [],
  },
  md: {
    name: 'Markdown',
    description: 'A readable report to paste into notes and tickets.',
    kind: 'report',
    output: 'file',
    extension: '.md',
    mediaType: 'text/markdown',
    carriesText: true,
    neverCarried: [],
  },
  json: {
    name: 'claimtag JSON',
    description: 'Everything, complete and versioned, for a colleague’s claimtag or for comparing annotators; imports back identically.',
    kind: 'data',
    output: 'file',
    extension: '.json',
    mediaType: 'application/json',
    carriesText: true,
    neverCarried: [],
  },
  w3c: {
    name: 'W3C Web Annotation',
    description: 'JSON-LD with text quote and position selectors; does not contain the article text.',
    kind: 'data',
    output: 'file',
    extension: '.jsonld',
    mediaType: 'application/ld+json',
    carriesText: false,
    neverCarried: [
      'the article text (annotations point at the document by its claimtag id)',
      'label names, colours and definitions, their roles and attribute definitions (names, options, which are scales)',
    ],
  },
  brat: {
    name: 'brat standoff',
    description: 'A folder per annotator with one .txt and .ann pair per document, annotation.conf, visual.conf and a manifest of document ids.',
    kind: 'data',
    output: 'folder',
    extension: '.ann',
    mediaType: 'text/plain',
    carriesText: true,
    neverCarried: [
      'when each claim was made or changed',
      'label definitions and shortcuts',
      'names of attributes and their values, and which attributes are ordered scales (annotation.conf lists the value keys)',
      'evidence links and claim dates as brat attributes (brat attributes take values from a fixed list): they are AnnotatorNotes lines "Attribute <key>: <value>"',
    ],
  },
  doccano: {
    name: 'doccano JSONL',
    description: 'Spans and labels for training sets: one line per document and annotator, ASCII-only; offsets in UTF-16 units as doccano ≥ 1.5 shows them.',
    kind: 'data',
    output: 'file',
    extension: '.jsonl',
    mediaType: 'application/jsonl',
    carriesText: true,
    neverCarried: [
      'notes, attributions and confidence',
      'attribute values (check-worthiness, verdict, evidence links, claim dates): doccano has no per-span attributes',
      'when each claim was made or changed',
      'label names, colours and definitions (doccano keeps the label id)',
      'who made each claim, for doccano itself: "annotator" is kept as metadata and doccano files the spans under the user who imports them',
    ],
  },
  labelstudio: {
    name: 'Label Studio',
    description: 'Tasks with one annotation per annotator, and the labelling config beside them (NAME.label_config.xml).',
    kind: 'data',
    output: 'file',
    extension: '.json',
    mediaType: 'application/json',
    carriesText: true,
    neverCarried: ['label definitions and shortcuts', 'which attributes are ordered scales (the labelling config lists their options as choices)'],
  },
  csv: {
    name: 'CSV',
    description: 'One row per claim for spreadsheets (UTF-8 with BOM, safe against formula injection).',
    kind: 'data',
    output: 'file',
    extension: '.csv',
    mediaType: 'text/csv',
    carriesText: true,
    neverCarried: [],
  },
  claimreview: {
    name: 'ClaimReview',
    description: 'schema.org ClaimReview (JSON-LD), one review per claim with a verdict, for fact-check aggregators and researchers.',
    kind: 'data',
    output: 'file',
    extension: '.jsonld',
    mediaType: 'application/ld+json',
    carriesText: false,
    neverCarried: [
      'claims without a verdict on a scale (only rated claims are reviews)',
      'the offsets of claims, notes, confidence and cue words',
      "the review's own web address (add `url` where the review is published)",
    ],
  },
} as const satisfies Record<string, ExportFormatInfo>;

export type ExportFormatChoice = keyof typeof EXPORT_FORMATS;

/** Every format, in the catalogue's order (the dialog's and the CLI help's order). */
export const EXPORT_FORMAT_IDS = Object.keys(EXPORT_FORMATS) as [ExportFormatChoice, ...ExportFormatChoice[]];

export const isExportFormat = (value: string): value is ExportFormatChoice => Object.hasOwn(EXPORT_FORMATS, value);

/** The extension a save dialog proposes: none for a folder. */
export const saveExtension = (id: ExportFormatChoice): string => (EXPORT_FORMATS[id].output === 'folder' ? '' : EXPORT_FORMATS[id].extension);

/** The first line of an export's summary. */
export const formatHeadline = (id: ExportFormatChoice): string => `${EXPORT_FORMATS[id].name}: ${EXPORT_FORMATS[id].description}`;

/** The fact-checking desk named as the author of ClaimReview exports (schema.org `author`). */
export interface Desk {
  name: string;
  /** The desk's home page, http(s). */
  url?: string;
}
export const DESK_LIMITS = { nameLength: 200, urlLength: 2_000 } as const;
