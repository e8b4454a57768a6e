// Which refusals of an import the analyst can answer, so that the same file is imported again
// with her answer. One list for the core (which keeps a chosen file's token while a question is
// open) and the renderer (which asks, one question per reason).

import type { AppError, FailureReason } from './result';

/**
 * The reasons an import is refused with a question: replace invalid bytes? the same person, or
 * another name? her own work? keep a similar document apart, or map it onto ours?
 */
export const IMPORT_QUESTIONS = ['invalid-text-encoding', 'name-clash', 'own-layer', 'similar-document'] as const satisfies readonly FailureReason[];
export type ImportQuestion = (typeof IMPORT_QUESTIONS)[number];

/** An import error the analyst can answer, narrowed to its question and what it carries. */
export type QuestionError = Extract<AppError, { reason: ImportQuestion }>;

/** True when the analyst can answer this import error and import the file again. */
export const asksAnalyst = (error: AppError): error is QuestionError => (IMPORT_QUESTIONS as readonly (FailureReason | undefined)[]).includes(error.reason);
