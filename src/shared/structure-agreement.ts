// Agreement on claim structure (#20): how well analysts agree on the attributes of the claims
// they both marked, and on the sources and cues they linked those claims to. Computed in
// src/core/agreement/structure-agreement.ts; shown in Compare, the study report and
// `claimtag agree`. Labels are label ids, analysts the report's annotator names.

import type { AttributeType, RelationKind } from './claim-structure';

export type StructureCoefficient = number | null;
/** A 95 % percentile bootstrap interval, or null when it cannot be given. */
export type StructureInterval = [number, number] | null;

/** Attribute types agreement is computed for ('links' is a list of URLs, not a rating). */
export const COMPARED_ATTRIBUTE_TYPES = ['choice', 'scale', 'date'] as const satisfies readonly AttributeType[];
export type ComparedAttributeType = (typeof COMPARED_ATTRIBUTE_TYPES)[number];

export interface AttributeAgreement {
  /** Label id and attribute key: an attribute is compared on the spans of its own label. */
  label: string;
  attribute: string;
  /** The attribute's name in the tag set. */
  name: string;
  type: ComparedAttributeType;
  /** Matched units where at least two analysts gave a value (the units α is computed over). */
  units: number;
  /** Values in those units (α's n). */
  values: number;
  /** Spans of matched units that carry no value for the attribute (left out: pairable values only). */
  missing: number;
  /** Values that are not an option of the attribute (or not a date), left out. */
  unknown: number;
  /** Share of pairable value pairs that agree. */
  observedAgreement: StructureCoefficient;
  /** Krippendorff's α, nominal metric (every attribute, dates included). */
  nominal: StructureCoefficient;
  nominalInterval: StructureInterval;
  /** Krippendorff's α, ordinal metric over the scale's order ('scale' attributes only). */
  ordinal?: StructureCoefficient;
  ordinalInterval?: StructureInterval;
  /** Why α is undefined, in the user's words; null when it is defined. */
  reason: string | null;
}

export interface LinkScore {
  /** Links of A whose claim and target are matched to a link of B (one to one). */
  agreed: number;
  /** agreed / A's links (B taken as the reference). */
  precision: StructureCoefficient;
  /** agreed / B's links. */
  recall: StructureCoefficient;
  /** 2 · agreed / (A's links + B's links). */
  f1: StructureCoefficient;
  /** Corpus only: 95 % interval of F1 from resampling documents. */
  f1Interval?: StructureInterval;
}

export interface LinkAgreement {
  a: string;
  b: string;
  kind: RelationKind;
  linksA: number;
  linksB: number;
  /** Claims and targets matched as in Compare: same extent first, then largest overlap, one to one. */
  overlap: LinkScore;
  /** Claims and targets matched only when start and end are identical. */
  exact: LinkScore;
}

export interface StructureAgreement {
  attributes: AttributeAgreement[];
  /** Why there is no attribute α to show, in the user's words; null when at least one is defined. */
  attributesEmpty: string | null;
  links: LinkAgreement[];
  /** Why there are no links to compare, in the user's words; null when there are. */
  linksEmpty: string | null;
  /** How units were formed, values treated and intervals computed. */
  method: string;
  /** Input left out (links whose ends are missing, …) and figures to read with care. */
  notes: string[];
}
