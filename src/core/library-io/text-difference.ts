import { diffWordsWithSpace } from 'diff';
import type { SimilarDocument } from '../../shared/similar-document';

/** How many changed passages are shown, and how much context either side of each. */
const MAX_CHANGES = 8;
const CONTEXT = 40;
/** Texts beyond this length are compared on their first part only (the list is a preview). */
const MAX_COMPARED = 200_000;

/** The passages where `theirs` differs from `ours`, word by word, for the analyst to judge. */
export function textChanges(ours: string, theirs: string): SimilarDocument['changes'] {
  const parts = diffWordsWithSpace(ours.slice(0, MAX_COMPARED), theirs.slice(0, MAX_COMPARED));
  const changes: SimilarDocument['changes'] = [];
  let before = '';
  for (let i = 0; i < parts.length && changes.length < MAX_CHANGES; i++) {
    const part = parts[i];
    if (!part.added && !part.removed) {
      before = part.value;
      continue;
    }
    let oursText = '';
    let theirsText = '';
    while (i < parts.length && (parts[i].added || parts[i].removed)) {
      if (parts[i].removed) oursText += parts[i].value;
      else theirsText += parts[i].value;
      i++;
    }
    const after = i < parts.length ? parts[i].value : '';
    changes.push({ ours: oursText, theirs: theirsText, before: before.slice(-CONTEXT), after: after.slice(0, CONTEXT) });
    before = after;
  }
  return changes;
}
