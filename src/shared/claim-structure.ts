// Claims with structure (#20): who asserts a claim (a source span, PARC's source → cue → content),
// the words that report it (a cue span), and typed attributes each label carries (check-worthiness,
// a verdict on a scale the desk defines, evidence links, a claim date).
//
// The model, one home for every process:
// - A label has a ROLE. 'claim' labels are what analysts tag and count (fact, opinion, allegation);
//   'source' and 'cue' labels mark the spans a claim is attributed to. Source and cue spans are
//   ordinary annotations (owned, anchored, undone, exported like any other).
// - A RELATION links one claim annotation to one source or cue annotation of the same analyst in
//   the same document. One source may back many claims. The relation's kind is the role of its
//   target's label.
// - A label may define ATTRIBUTES; an annotation of that label stores VALUES keyed by attribute key.

/** What a label marks. Only 'claim' labels are counted as claims. */
export const LABEL_ROLES = ['claim', 'source', 'cue'] as const;
export type LabelRole = (typeof LABEL_ROLES)[number];

/** Kinds of link from a claim to another span: the role of the span linked to. */
export const RELATION_KINDS = ['source', 'cue'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export interface Relation {
  id: string;
  documentId: string;
  /** The analyst whose layer holds both ends. */
  annotatorId: string;
  annotatorName: string;
  kind: RelationKind;
  /** The claim annotation. */
  claimId: string;
  /** The source or cue annotation the claim is attributed to / reported by. */
  targetId: string;
  createdAt: string;
  deletedAt: string | null;
}

/** Types of attribute a label may carry. */
export const ATTRIBUTE_TYPES = ['choice', 'scale', 'links', 'date'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** One allowed value of a 'choice' or 'scale' attribute. */
export interface AttributeOption {
  /** Stable key, written to files (lower-case letters, digits and dashes). */
  key: string;
  /** What the analyst reads. */
  name: string;
}

export interface AttributeDefinition {
  /** Stable key, unique within its label (lower-case letters, digits and dashes). */
  key: string;
  name: string;
  type: AttributeType;
  /**
   * 'choice': nominal options, any order. 'scale': ordered options, first = best rating,
   * last = worst (ClaimReview's bestRating / worstRating). Empty for 'links' and 'date'.
   */
  options: AttributeOption[];
}

/**
 * Values an annotation carries, by attribute key: an option key for 'choice' and 'scale',
 * a list of https: URLs for 'links', an ISO calendar date (YYYY-MM-DD) for 'date'.
 * An attribute with no value is absent.
 */
export type AttributeValues = Record<string, string | string[]>;

/** Limits: one home. */
export const ATTRIBUTE_LIMITS = {
  attributesPerLabel: 8,
  optionsPerAttribute: 20,
  linksPerValue: 20,
  urlLength: 2_000,
  nameLength: 60,
  keyLength: 40,
} as const;

/** ClaimBuster's check-worthiness scheme (Hassan et al. 2017), bundled as a preset. */
export const CHECK_WORTHINESS_PRESET: AttributeDefinition = {
  key: 'check-worthiness',
  name: 'Check-worthiness',
  type: 'choice',
  options: [
    { key: 'check-worthy', name: 'Check-worthy' },
    { key: 'not-worth-checking', name: 'Not worth checking' },
    { key: 'not-factual', name: 'Not factual' },
  ],
};

/** A default verdict scale a desk can start from, best → worst (first = bestRating, last = worstRating). */
export const VERDICT_SCALE_PRESET: AttributeDefinition = {
  key: 'verdict',
  name: 'Verdict',
  type: 'scale',
  options: [
    { key: 'true', name: 'True' },
    { key: 'mostly-true', name: 'Mostly true' },
    { key: 'half-true', name: 'Half true' },
    { key: 'mostly-false', name: 'Mostly false' },
    { key: 'false', name: 'False' },
  ],
};

/** Evidence: https: links the check relied on. */
export const EVIDENCE_LINKS_PRESET: AttributeDefinition = { key: 'evidence', name: 'Evidence', type: 'links', options: [] };

/** When the claim was made (ClaimReview's itemReviewed.datePublished). */
export const CLAIM_DATE_PRESET: AttributeDefinition = { key: 'claim-date', name: 'Claim date', type: 'date', options: [] };

/** The presets the Tag set dialog offers to add to a label with one action, in that order. */
export const ATTRIBUTE_PRESETS: readonly AttributeDefinition[] = [CHECK_WORTHINESS_PRESET, VERDICT_SCALE_PRESET, EVIDENCE_LINKS_PRESET, CLAIM_DATE_PRESET];
