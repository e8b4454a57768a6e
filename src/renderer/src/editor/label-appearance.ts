import { labelBadge } from '../../../shared/label-badge';
import type { Label } from '../../../shared/types';

/**
 * How a label looks besides its colour, so labels stay distinct for colour-blind
 * analysts and on grey-scale prints: each gets its own underline style and a letter.
 */
const UNDERLINES = ['solid', 'wavy', 'dashed', 'double', 'dotted'] as const;

export interface LabelAppearance {
  /** A CSS identifier safe for ::highlight(), whatever the label id contains. */
  highlightName: string;
  underline: (typeof UNDERLINES)[number];
  letter: string;
  color: string;
}

/** `labels`: the tag set the label belongs to, so its badge is distinct within it (shared/label-badge). */
export function appearanceOf(label: Label, index: number, labels?: readonly Label[]): LabelAppearance {
  return {
    highlightName: `ct-label-${index}`,
    underline: UNDERLINES[index % UNDERLINES.length],
    letter: labelBadge(label, labels),
    color: label.color,
  };
}

/** #rrggbb → rgba() with the given alpha. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return `rgba(128, 128, 128, ${alpha})`;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}
