export { computeAgreement, MAX_PAIRWISE_ANNOTATORS } from './compute-agreement';
export { computeCorpusAgreement, DEFAULT_RESAMPLES, DEFAULT_SEED, MAX_RESAMPLES, MIN_RESAMPLES } from './corpus-agreement';
export type { CorpusAgreement, CorpusOptions, CorpusPairCoefficient, CorpusPairF1, Interval } from './corpus-agreement';
export { formatAgreementTable } from './format-table';
export { formatCorpusTable } from './format-corpus-table';
export { MAX_ANNOTATORS } from './prepare-annotations';
export type { AgreementAnnotation, AgreementInput, AgreementLabel, AgreementLink, AgreementReport, Coefficient, PairCoefficient, PairF1 } from './types';
