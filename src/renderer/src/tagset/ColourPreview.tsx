import { badgeTextColor, HIGHLIGHT_ALPHA, THEMES, type ContrastVerdict } from '../../../shared/contrast';
import { withAlpha } from '../editor/label-appearance';

/**
 * What a label colour will really look like: the badge with the ink it gets, and a highlighted
 * phrase on the light and the dark page (the tint, the underline and the theme's text), as the
 * editor paints it. Wraps onto a second line when the dialog is narrow instead of clipping.
 */
export function ColourPreview({ color, name }: { color: string | null; name: string }) {
  const sample = (theme: 'light' | 'dark') => ({
    background: THEMES[theme].page,
    color: THEMES[theme].text,
  });
  const mark = color ? { backgroundColor: withAlpha(color, HIGHLIGHT_ALPHA), textDecorationColor: color } : { textDecorationColor: 'transparent' };
  return (
    <div className="tagset-preview" aria-hidden="true">
      <span className="tagset-badge-sample" style={color ? { backgroundColor: color, color: badgeTextColor(color) } : undefined}>
        {name.trim() || 'Label'}
      </span>
      {(['light', 'dark'] as const).map((theme) => (
        <span key={theme} className={`tagset-underline ${theme}`} style={sample(theme)}>
          <span className="tagset-mark" style={mark}>
            on {theme}
          </span>
        </span>
      ))}
    </div>
  );
}

/** The verdict on a readable colour, in a line: what was measured, and any note. */
export function readableSummary(v: ContrastVerdict): string {
  const r = (n: number) => `${n.toFixed(1)}:1`;
  const ink = v.badge.ink === '#ffffff' ? 'white' : 'dark';
  return `Readable: ${ink} badge letters ${r(v.badge.ratio)}; highlighted text ${r(v.text.light)} on light, ${r(v.text.dark)} on dark.${v.note ? ` ${v.note}` : ''}`;
}
