/** Keys of the settings table that more than one module reads. (Migration 8's triggers name the last two literally.) */
export const CURRENT_ANNOTATOR_KEY = 'current-annotator';
export const REFERENCE_ANNOTATOR_KEY = 'reference-annotator';
