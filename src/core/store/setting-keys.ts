/** Keys of the settings table that more than one module reads. (Migration 8's triggers name this one literally.) */
export const REFERENCE_ANNOTATOR_KEY = 'reference-annotator';
/** The desk named as author of ClaimReview exports: JSON { name, url? }. */
export const CLAIMREVIEW_DESK_KEY = 'claimreview-desk';
