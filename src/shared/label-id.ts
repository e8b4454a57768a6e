// Label ids: one home for the rule the app's own labels follow, and for what an id arriving
// in a file must be before claimtag keeps it.

/** Labels the analyst makes (tag-set editor, tag-set files): lower-case letters, digits, dashes. */
export const LABEL_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
export const LABEL_ID_MAX_LENGTH = 40;

/** Property names that mean something to every JavaScript object: never a key from data. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);
/** Control and format characters (NUL, ESC, C1, bidi overrides, line separators). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;
const MAX_IMPORTED_LENGTH = 100;

/**
 * Why a label id from an imported file cannot be kept, or null when it can. Other tools'
 * ids ("Fact", "claim_type") are accepted as they are; ids that could corrupt a lookup,
 * hide in a terminal or a list, or not be told apart from another are not.
 */
export function importedLabelIdProblem(id: string): string | null {
  if (id.length === 0 || id.trim() !== id) return 'is empty or has spaces around it';
  if (id.length > MAX_IMPORTED_LENGTH) return `is longer than ${MAX_IMPORTED_LENGTH} characters`;
  if (UNPRINTABLE.test(id)) return 'contains a control or invisible character';
  if (RESERVED.has(id)) return 'is a reserved word';
  return null;
}
