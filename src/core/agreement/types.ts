/** One span by one annotator. UTF-16 offsets into `AgreementInput.text`, end exclusive. */
export interface AgreementAnnotation {
  annotator: string;
  label: string;
  start: number;
  end: number;
}

export interface AgreementInput {
  documentId: string;
  text: string;
  annotations: AgreementAnnotation[];
  /** Restricts and orders the annotators compared. Default: every annotator found, sorted. */
  annotators?: string[];
}

/** A coefficient that is undefined for the data (no variation, too few coders, …) is null. */
export type Coefficient = number | null;

export interface PairCoefficient {
  a: string;
  b: string;
  value: Coefficient;
}

export interface PairF1 {
  a: string;
  b: string;
  exact: Coefficient;
  overlap: Coefficient;
}

export interface AgreementReport {
  document: string;
  annotators: string[];
  sentences: {
    count: number;
    percentAgreement: Coefficient;
    cohenKappa: PairCoefficient[];
    fleissKappa: Coefficient;
    krippendorffAlpha: Coefficient;
  };
  spans: {
    alphaU: Coefficient;
    alphaUByLabel: Record<string, Coefficient>;
    f1: PairF1[];
  };
  notes: string[];
}

/** A coefficient together with the reason it is undefined, for the notes. */
export interface Measured {
  value: Coefficient;
  reason?: string;
}
