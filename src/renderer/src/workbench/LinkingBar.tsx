import type { RelationKind } from '../../../shared/claim-structure';
import type { Annotation } from '../../../shared/types';
import { clip } from './use-workbench';

interface Props {
  kind: RelationKind;
  claim: Annotation;
  /** Her spans of the kind's labels in this document, any of which may be picked. */
  candidates: Annotation[];
  /** The label new spans get. */
  labelName: string;
  onPick(target: Annotation): void;
  onCancel(): void;
}

/** The status line while a claim's source or cue is being marked: what to do, the spans to pick from, Cancel. */
export function LinkingBar({ kind, claim, candidates, labelName, onPick, onCancel }: Props) {
  return (
    <div className={`linking-bar is-${kind}`} role="region" aria-label={`Mark the ${kind}`}>
      <p role="status" className="linking-text">
        <strong>Marking the {kind}</strong> of “{clip(claim.quote, 50)}”: select its words in the article and press <kbd>Enter</kbd>
        {` (they become a ${labelName} span)`}
        {candidates.length > 0 ? `, or press Enter on a ${kind} already marked, or pick one here` : ''}. <kbd>Esc</kbd> cancels.
      </p>
      {candidates.length > 0 && (
        <ul className="linking-candidates" aria-label={`${kind === 'source' ? 'Sources' : 'Cues'} in this document`}>
          {candidates.map((c) => (
            <li key={c.id}>
              <button type="button" className="button small" onClick={() => onPick(c)} dir="auto">
                “{clip(c.quote, 40)}”
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="link-button linking-cancel" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
