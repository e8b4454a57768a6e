// Types of the compare view: several annotators' tagging of one document side by side,
// the agreement figures, every difference, and the reference ("adjudicated") version.
// Offsets are UTF-16 into the document text, end exclusive.

import type { StructureAgreement } from './structure-agreement';

export type Coefficient = number | null;

/** The agreement report (same shape as `claimtag agree --format json`). */
export interface AgreementReport {
  document: string;
  annotators: string[];
  sentences: {
    count: number;
    percentAgreement: Coefficient;
    cohenKappa: Array<{ a: string; b: string; value: Coefficient }>;
    fleissKappa: Coefficient;
    krippendorffAlpha: Coefficient;
  };
  spans: {
    alphaU: Coefficient;
    alphaUByLabel: Record<string, Coefficient>;
    f1: Array<{ a: string; b: string; exact: Coefficient; overlap: Coefficient }>;
  };
  /** Attribute α over matched spans and link F1 between annotators (#20). */
  structure: StructureAgreement;
  notes: string[];
}

export type DifferenceKind = 'agreement' | 'label-conflict' | 'boundary-conflict' | 'missed';

export interface CompareSpan {
  annotationId: string;
  annotatorId: string;
  annotatorName: string;
  labelId: string;
  start: number;
  end: number;
  quote: string;
}

/** One place in the text where annotators' spans meet (or where only one tagged). */
export interface Difference {
  id: string;
  kind: DifferenceKind;
  start: number;
  end: number;
  spans: CompareSpan[];
  /** Set once the reference version has a decision here. */
  settled: boolean;
}

/**
 * Per pair of annotators (a, b are annotator ids), label × label counts. The unit is a
 * matched span pair: in each place, spans of a and b with the same extent are paired
 * first, then the remaining overlapping ones by largest overlap, one to one; a span left
 * unpaired counts against "none". differenceIds[row][col] lists the places behind a cell.
 */
export interface ConfusionMatrix {
  /** Label ids, with "none" last. Rows: first annotator of the pair; columns: second. */
  labels: string[];
  pairs: Array<{ a: string; b: string; counts: number[][]; differenceIds: string[][][] }>;
}

/** One decision in a document's adjudication log (who settled which place, and why). */
export interface AdjudicationDecision {
  kind: 'accept' | 'reject' | 'new' | 'auto-merge';
  /** The place settled (the difference's extent). */
  start: number;
  end: number;
  /** The label that went into the reference (accept, new, auto-merge). */
  labelId?: string;
  /** The span that went into the reference, as set by the adjudicator (UTF-16 offsets). */
  span?: { start: number; end: number };
  /** Whose annotation was accepted (accept), or who agreed (auto-merge). */
  source?: string;
  by: string;
  reason: string;
  at: string;
}

export interface CompareResult {
  documentId: string;
  /**
   * The compared annotators in report order. `name` is the name used in `report`
   * (made unique with " (2)", " (3)" … when two annotators share a name).
   */
  annotators: Array<{ id: string; name: string; count: number }>;
  /** Everyone with live annotations on this document (reference excluded), to choose from. */
  available: Array<{ id: string; name: string; count: number }>;
  report: AgreementReport;
  differences: Difference[];
  confusion: ConfusionMatrix;
  /** The reference annotator's id once one exists for this document. */
  referenceAnnotatorId: string | null;
  /** The reference version's live spans on this document. */
  reference: CompareSpan[];
  /** The adjudication log of this document, oldest first. */
  decisions: AdjudicationDecision[];
}
