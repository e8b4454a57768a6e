import type { Label } from '../../../shared/types';
import { LabelSwatch } from './LabelSwatch';

interface Props {
  labels: Label[];
  onTag(labelId: string): void;
}

/** Label buttons: tag the selected text, or relabel the selected annotation. */
export function LabelToolbar({ labels, onTag }: Props) {
  return (
    <div className="label-toolbar" role="toolbar" aria-label="Tag the selection">
      {labels.map((label, i) => (
        <button
          key={label.id}
          type="button"
          className="label-button"
          data-label={label.id}
          title={`${label.name} (${label.shortcut}): ${label.definition}`}
          aria-keyshortcuts={label.shortcut}
          aria-label={`${label.name}${label.shortcut ? ` (${label.shortcut})` : ''}`}
          onMouseDown={(e) => e.preventDefault() /* keep the text selection */}
          onClick={() => onTag(label.id)}
        >
          <LabelSwatch label={label} index={i} labels={labels} />
          <span className="label-name">{label.name}</span>
          <kbd>{label.shortcut}</kbd>
        </button>
      ))}
    </div>
  );
}
