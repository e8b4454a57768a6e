export { adjudicate, autoMerge, type AdjudicateInput, type AutoMergeInput, type Decider, type Decision } from './adjudicate';
export { compareDocument, type CompareOptions } from './compare-document';
export { buildConfusion, matchSpans, NONE } from './confusion';
export { buildDifferences, classifyPlace, groupPlaces } from './differences';
export { decisionLine, findReferenceAnnotator, REFERENCE_NAME } from './reference';
