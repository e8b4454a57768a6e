import type { AttributeDefinition, AttributeValues, LabelRole, RelationKind } from '../../shared/claim-structure';
import type { StructureAgreement } from '../../shared/structure-agreement';

/** One span by one annotator. UTF-16 offsets into `AgreementInput.text`, end exclusive. */
export interface AgreementAnnotation {
  annotator: string;
  label: string;
  start: number;
  end: number;
  /** Needed only for links (relations name their ends by id). */
  id?: string;
  /** Attribute values by key (see shared/claim-structure). */
  attributes?: AttributeValues;
}

/** A link from an annotator's claim to that annotator's source or cue span, by annotation ids. */
export interface AgreementLink {
  annotator: string;
  kind: RelationKind;
  claimId: string;
  targetId: string;
}

/** What agreement needs of a label definition: its role and attributes. */
export interface AgreementLabel {
  id: string;
  role?: LabelRole;
  attributes?: AttributeDefinition[];
}

export interface AgreementInput {
  documentId: string;
  text: string;
  annotations: AgreementAnnotation[];
  /** Restricts and orders the annotators compared. Default: every annotator found, sorted. */
  annotators?: string[];
  /** The tag set's labels (roles, attributes); without them every label is a claim without attributes. */
  labels?: AgreementLabel[];
  /** Links between the annotations (claim → source / cue). */
  relations?: AgreementLink[];
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
  /** Attribute α over matched spans and link F1 between annotators (#20). */
  structure: StructureAgreement;
  notes: string[];
}

/** A coefficient together with the reason it is undefined, for the notes. */
export interface Measured {
  value: Coefficient;
  reason?: string;
}
