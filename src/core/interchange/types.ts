// Shapes shared by every exporter and importer. Importers return UTF-16 offsets (like the
// rest of the app); only the files themselves speak in code points.
import type { AttributeValues, RelationKind } from '../../shared/claim-structure';
import type { Desk } from '../../shared/export-formats';
import type { Confidence, Label } from '../../shared/types';
import type { DoccanoOffsetUnit } from './doccano-offsets';

import type { ExportFormatChoice } from '../../shared/export-formats';

/** The formats written here, from the catalogue (src/shared/export-formats.ts); pdf is printed from html by library-io. */
export type ExportFormatId = Exclude<ExportFormatChoice, 'pdf'>;
export type { ImportFormatId } from '../../shared/import-formats';
import type { ImportFormatId } from '../../shared/import-formats';

export interface ExportOptions {
  /** Only these documents (default: all in the bundle). */
  documentIds?: readonly string[];
  /** Only annotations by these annotators (default: all). */
  annotatorIds?: readonly string[];
  /** ISO timestamp printed in reports; pass it for reproducible output (default: now). */
  generatedAt?: string;
  /** Report title when the bundle holds several documents. */
  title?: string;
  /** doccano: what an offset counts (default UTF-16, as doccano ≥ 1.5 shows it). */
  doccanoOffsets?: DoccanoOffsetUnit;
  /** ClaimReview: the desk that publishes the reviews (schema.org `author`). */
  desk?: Desk;
  /**
   * Streamed exports: called after each document's output was handed on (`done` of `total`).
   * It may throw (a cancel) to stop the export between documents.
   */
  onDocument?: (done: number, total: number) => void;
}

export type { Desk } from '../../shared/export-formats';

/** Documents the caller already has, for formats that do not carry the text (W3C). */
export interface KnownDocument {
  ref: string;
  title?: string;
  source?: string;
  text: string;
}

export interface ImportOptions {
  /** Annotator name for formats that do not record one (brat, doccano, …). */
  annotator?: string;
  /** brat: the annotator's id when the export's manifest names it. */
  annotatorId?: string;
  /** Import the valid part and list the rest in `rejected` instead of failing. */
  partial?: boolean;
  /** brat: the text of the `.txt` file that goes with the `.ann` file. */
  companionText?: string;
  /** brat: reference and title for the document (default: "brat-document"). */
  documentRef?: string;
  documentTitle?: string;
  /** W3C: the documents the annotations point at. */
  documents?: readonly KnownDocument[];
  /**
   * W3C, instead of `documents`: the documents named by the file's target sources (each may be a
   * document's id, its claimtag URN or its source), so a library passes only those, not every text.
   */
  findDocuments?: (names: readonly string[]) => readonly KnownDocument[];
  /** doccano: what an offset counts (default UTF-16, as doccano ≥ 1.5 stores it). */
  doccanoOffsets?: DoccanoOffsetUnit;
  /** brat: the annotation.conf that applies to the .ann file (its attribute and relation types). */
  bratConf?: string;
}

export interface ImportedDocumentData {
  /** The document's id in the file; annotations refer to it. */
  ref: string;
  title: string;
  source: string;
  text: string;
  /** Verified against the text when the file carried one. */
  sha256?: string;
  createdAt?: string;
}

export interface ImportedAnnotator {
  id?: string;
  name: string;
}

export interface ImportedAnnotation {
  /** The annotation's id in the file, if it had one. */
  ref?: string;
  documentRef: string;
  /** Annotator name. */
  annotator: string;
  annotatorId?: string;
  /** Label id (slug) as written in the file. */
  label: string;
  /** UTF-16 offsets into the document text, end exclusive. */
  start: number;
  end: number;
  quote: string;
  prefix?: string;
  suffix?: string;
  note: string;
  attribution: string;
  confidence: Confidence | null;
  /** Values of the label's attributes, by attribute key (see claim-structure.ts). */
  attributes?: AttributeValues;
  createdAt?: string;
  updatedAt?: string;
}

/**
 * A link from a claim to its source or cue span, both named by their `ref` (unique within one
 * import; importers give every linked annotation one). Both ends are in the same document and
 * the same annotator's layer; importers refuse links whose ends are missing.
 */
export interface ImportedRelation {
  /** The link's id in the file, if it had one. */
  ref?: string;
  kind: RelationKind;
  claimRef: string;
  targetRef: string;
  /** Where in the file, for messages. */
  where?: string;
  createdAt?: string;
}

export type ImportedLabel = Partial<Omit<Label, 'id'>> & { id: string };

export interface RejectedItem {
  /** JSON path ("annotations[3].start") or line ("line 12"). */
  where: string;
  reason: string;
}

export interface ParsedImport {
  format: ImportFormatId;
  documents: ImportedDocumentData[];
  annotators: ImportedAnnotator[];
  annotations: ImportedAnnotation[];
  labels: ImportedLabel[];
  /** Links from claims to their source and cue spans; absent means none. */
  relations?: ImportedRelation[];
  /** Items left out: invalid ones (only with `partial`) and valid but unsupported ones (e.g. brat relations). */
  rejected: RejectedItem[];
}
