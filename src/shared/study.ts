// Types of studies and corpus agreement that cross boundaries (core → CLI, IPC → renderer).

import type { StructureAgreement } from './structure-agreement';

/** A coefficient that is undefined for the data is null. */
export type Coefficient = number | null;

/** [lower, upper] of a 95 % bootstrap interval, or null when too few replicates were defined. */
export type Interval = [number, number] | null;

export interface CorpusPairCoefficient {
  a: string;
  b: string;
  value: Coefficient;
  interval: Interval;
}

export interface CorpusPairF1 {
  a: string;
  b: string;
  exact: Coefficient;
  overlap: Coefficient;
  exactInterval: Interval;
  overlapInterval: Interval;
}

export interface CorpusAgreement {
  documents: number;
  annotators: string[];
  spans: {
    alphaU: Coefficient;
    alphaUByLabel: Record<string, Coefficient>;
    alphaUInterval: Interval;
    alphaUByLabelInterval: Record<string, Interval>;
    f1: CorpusPairF1[];
  };
  sentences: {
    count: number;
    percentAgreement: Coefficient;
    percentAgreementInterval: Interval;
    cohenKappa: CorpusPairCoefficient[];
    fleissKappa: Coefficient;
    fleissKappaInterval: Interval;
    krippendorffAlpha: Coefficient;
    /** From resampling documents. */
    krippendorffAlphaInterval: Interval;
    /** From resampling sentences (units), as in Krippendorff's own bootstrap over units. */
    krippendorffAlphaUnitsInterval: Interval;
  };
  bootstrap: { resamples: number; seed: number; confidence: number; method: string };
  /** Attribute α and link F1 (#20), pooled over the documents. */
  structure: StructureAgreement;
  notes: string[];
}

export interface Score {
  label: string;
  truePositives: number;
  predicted: number;
  gold: number;
  precision: Coefficient;
  recall: Coefficient;
  f1: Coefficient;
}

export interface AnalystScores {
  analyst: string;
  documents: number;
  overall: Score;
  byLabel: Score[];
}

export interface Drift {
  basis: 'reference' | 'majority';
  groups: string[];
  /** F1 per group; null where the analyst has no scored document in the group. */
  series: Array<{ analyst: string; f1: Coefficient[] }>;
}

export interface StudyQuality {
  againstReference: AnalystScores[];
  againstMajority: AnalystScores[];
  drift: Drift;
}

export interface StudyTagSetLabel {
  id: string;
  name: string;
  definition: string;
}

export interface Study {
  id: string;
  name: string;
  tagSet: StudyTagSetLabel[];
  guidelineVersion: string;
  doubleShare: number;
  createdAt: string;
}

export interface StudyProgress {
  annotatorId: string;
  name: string;
  assigned: number;
  done: number;
}

export interface StudySummary {
  name: string;
  documents: number;
  analysts: string[];
  guidelineVersion: string;
  doubleShare: number;
}

export interface StudyReport {
  name: string;
  guidelineVersion: string;
  tagSet: StudyTagSetLabel[];
  documents: number;
  analysts: string[];
  progress: StudyProgress[];
  /** Null when no document was worked on by every analyst; `agreementNote` says why. */
  agreement: CorpusAgreement | null;
  agreementNote: string | null;
  quality: StudyQuality;
  /** Label × label counts of matched spans, summed over every pair of analysts and document. */
  confusion: { labels: string[]; counts: number[][] };
  generatedAt: string;
}
