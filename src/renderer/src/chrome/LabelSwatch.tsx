import type { Label } from '../../../shared/types';
import { appearanceOf } from '../editor/label-appearance';

/** A label's colour, letter and underline style together, as it appears in the text. */
export function LabelSwatch({ label, index }: { label: Label; index: number }) {
  const look = appearanceOf(label, index);
  return (
    <span
      className="swatch"
      aria-hidden="true"
      style={{ backgroundColor: label.color, textDecorationStyle: look.underline }}
    >
      {look.letter}
    </span>
  );
}
