import { badgeTextColor } from '../../../shared/contrast';
import type { Label } from '../../../shared/types';
import { appearanceOf } from '../editor/label-appearance';

/**
 * A label's colour, badge and underline style together, as it appears in the text. Pass the
 * tag set (`labels`) so the badge is the one the label has there; the text on the badge is
 * dark or white, whichever reads better on the colour.
 */
export function LabelSwatch({ label, index, labels }: { label: Label; index: number; labels?: readonly Label[] }) {
  const look = appearanceOf(label, index, labels);
  const ink = badgeTextColor(label.color);
  return (
    <span
      className={`swatch${look.letter.length > 1 ? ' swatch-wide' : ''}`}
      aria-hidden="true"
      style={{ backgroundColor: label.color, color: ink, textDecorationColor: ink, textDecorationStyle: look.underline }}
    >
      {look.letter}
    </span>
  );
}
