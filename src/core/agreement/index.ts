export { computeAgreement, MAX_PAIRWISE_ANNOTATORS } from './compute-agreement';
export { formatAgreementTable } from './format-table';
export { MAX_ANNOTATORS } from './prepare-annotations';
export type { AgreementAnnotation, AgreementInput, AgreementReport, Coefficient, PairCoefficient, PairF1 } from './types';
