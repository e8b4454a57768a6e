// Types of the compare view: several annotators' tagging of one document side by side,
// the agreement figures, every difference, and the reference ("adjudicated") version.
// Offsets are UTF-16 into the document text, end exclusive.

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

export interface ConfusionMatrix {
  /** Label ids, with "none" last. Rows: first annotator of the pair; columns: second. */
  labels: string[];
  pairs: Array<{ a: string; b: string; counts: number[][]; differenceIds: string[][][] }>;
}

export interface CompareResult {
  documentId: string;
  annotators: Array<{ id: string; name: string; count: number }>;
  report: AgreementReport;
  differences: Difference[];
  confusion: ConfusionMatrix;
  /** The reference annotator's id once one exists for this document. */
  referenceAnnotatorId: string | null;
}
