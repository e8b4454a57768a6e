// Domain types shared by every layer. Offsets here are UTF-16 code units into the
// document's immutable text (JavaScript string indices), end exclusive. Interchange
// files use Unicode code points; convert with ./offsets at that boundary only.

import type { AttributeDefinition, AttributeValues, LabelRole, Relation } from './claim-structure';

export type BlockKind = 'paragraph' | 'heading' | 'list-item' | 'quote';

export interface Block {
  kind: BlockKind;
  /** Heading level 1–6, or list nesting depth (1 = top level). */
  level?: number;
  start: number;
  end: number;
}

export interface DocumentSummary {
  id: string;
  title: string;
  source: string;
  sha256: string;
  length: number;
  createdAt: string;
  /** Live annotation counts per label id. */
  counts: Record<string, number>;
  /** Names of the annotators who marked this document done. */
  doneBy: string[];
}

/** Orders the library list can be sorted in (sorted in SQL). */
export const DOCUMENT_SORTS = ['created', 'title', 'length', 'annotations', 'notDoneByMe'] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];
/** Largest page of the library list one call returns (the panel loads this many at a time). */
export const DOCUMENT_PAGE_MAX = 200;

export interface DocumentPageQuery {
  /** Rows to skip (the page's first row). */
  offset: number;
  limit: number;
  sort: DocumentSort;
  direction: 'asc' | 'desc';
  /** Only titles containing this text (case-insensitive for ASCII letters); '' for all. */
  titleFilter: string;
}

/** One page of the library list, and how many documents match in all. */
export interface DocumentPage {
  total: number;
  offset: number;
  documents: DocumentSummary[];
}

export interface DocumentRecord {
  id: string;
  title: string;
  source: string;
  text: string;
  sha256: string;
  blocks: Block[];
  createdAt: string;
}

export interface Annotator {
  id: string;
  name: string;
}

export interface Label {
  /** Stable slug, e.g. "fact". */
  id: string;
  name: string;
  /** #rrggbb */
  color: string;
  /** One key, "1"–"9". */
  shortcut: string;
  definition: string;
  archived: boolean;
  sortOrder: number;
  /** Guideline examples: passages that are, and are not, this label. */
  examples?: { positive: string[]; negative: string[] };
  /** What the label marks (see claim-structure.ts); absent means 'claim'. */
  role?: LabelRole;
  /** Typed attributes annotations of this label carry; absent means none. */
  attributes?: AttributeDefinition[];
}

export type Confidence = 'low' | 'medium' | 'high';

export interface Annotation {
  id: string;
  documentId: string;
  annotatorId: string;
  annotatorName: string;
  labelId: string;
  start: number;
  end: number;
  quote: string;
  /** Up to 32 code units of text before and after, for re-anchoring. */
  prefix: string;
  suffix: string;
  note: string;
  attribution: string;
  confidence: Confidence | null;
  /** Values of the label's attributes, by attribute key; absent means none. */
  attributes?: AttributeValues;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Everything needed to move annotated documents between databases, files and tools. */
export interface Bundle {
  documents: DocumentRecord[];
  annotators: Annotator[];
  labels: Label[];
  annotations: Annotation[];
  /** Links from claims to their source and cue spans; absent means none. */
  relations?: Relation[];
}

export interface SearchHit {
  documentId: string;
  title: string;
  /** Matching passage; \u0001 and \u0002 mark where each match starts and ends. */
  snippet: string;
  /** UTF-16 offset of the first match in the text, when the match is in the text. */
  offset: number | null;
}
