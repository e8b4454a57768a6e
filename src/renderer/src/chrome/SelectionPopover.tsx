import type { Label } from '../../../shared/types';
import { LabelSwatch } from './LabelSwatch';

interface Props {
  rect: DOMRect;
  labels: Label[];
  onTag(labelId: string): void;
}

/** A small bar above the text selection with one button per label. */
export function SelectionPopover({ rect, labels, onTag }: Props) {
  const top = Math.max(8, rect.top - 46);
  const left = Math.min(window.innerWidth - 320, Math.max(8, rect.left + rect.width / 2 - 150));
  return (
    <div className="selection-popover" role="toolbar" aria-label="Tag selection as" style={{ top, left }}>
      {labels.map((label, i) => (
        <button
          key={label.id}
          type="button"
          className="popover-button"
          data-label={label.id}
          title={`${label.name}: ${label.definition}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onTag(label.id)}
        >
          <LabelSwatch label={label} index={i} labels={labels} />
          {label.name}
          <kbd>{label.shortcut}</kbd>
        </button>
      ))}
    </div>
  );
}
