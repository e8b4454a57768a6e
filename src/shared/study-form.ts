// The "new study" form's rules, in one place for the renderer (to tell the analyst before a
// call) and the contract (to refuse the same input at the boundary). Each problem has a typed
// reason; the form shows the message beside the field the reason names.

export const MAX_STUDY_NAME = 120;
export const MAX_STUDY_ANALYSTS = 100;
export const MAX_ANALYST_NAME = 120;

export type StudyFormProblem = 'name-missing' | 'name-too-long' | 'no-documents' | 'no-analysts' | 'share-out-of-range' | 'share-needs-two-analysts';

export interface StudyFormInput {
  name: string;
  documentIds: readonly string[];
  analysts: readonly string[];
  /** 0–1, the share of documents given to a second analyst. */
  doubleShare: number;
}

export const STUDY_FORM_MESSAGES: Record<StudyFormProblem, string> = {
  'name-missing': 'Give the study a name.',
  'name-too-long': `A study name has at most ${MAX_STUDY_NAME} characters.`,
  'no-documents': 'Choose at least one document from the library.',
  'no-analysts': 'Name at least one analyst.',
  'share-out-of-range': 'The double-annotated share is a percentage from 0 to 100.',
  'share-needs-two-analysts': 'Double annotation needs at least two analysts; add one or set the share to 0 %.',
};

/** Analyst names from a comma- or newline-separated list, trimmed, without repeats. */
export function parseAnalystList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
}

/** Every problem with the input, in field order; empty when it can be sent. */
export function studyFormProblems(input: StudyFormInput): StudyFormProblem[] {
  const problems: StudyFormProblem[] = [];
  const name = input.name.trim();
  if (name === '') problems.push('name-missing');
  else if (name.length > MAX_STUDY_NAME) problems.push('name-too-long');
  if (input.documentIds.length === 0) problems.push('no-documents');
  const analysts = new Set(input.analysts.map((a) => a.trim()).filter(Boolean));
  if (analysts.size === 0) problems.push('no-analysts');
  if (!(input.doubleShare >= 0 && input.doubleShare <= 1)) problems.push('share-out-of-range');
  else if (input.doubleShare > 0 && analysts.size === 1) problems.push('share-needs-two-analysts');
  return problems;
}
