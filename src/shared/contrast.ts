// Colour contrast for label colours (shared: the tag-set dialog's live verdict and the services'
// rule). It checks what is really drawn with a label's colour:
// - in the article, the claim's text on the highlight: the colour as a light tint
//   (HIGHLIGHT_ALPHA) over the page, in the light and the dark theme, with the theme's text colour;
// - the badge: the colour behind its letter, written in dark or white ink, whichever reads better
//   (badgeTextColor), so light highlighter colours such as #ffd966 are fine;
// - the underline on each page: a note (never a refusal) when it is faint, as the tint and the
//   badge mark the claim too.
// WCAG 2 contrast ratios: 4.5:1 for body text, 3:1 for bold badge letters and UI graphics.

/** The article's page and text in each theme (app.css: --surface and --text). */
export const THEMES = {
  light: { page: '#ffffff', text: '#1f2328' },
  dark: { page: '#212429', text: '#e6e6e3' },
} as const;
export type ThemeColours = { page: string; text: string };
export const PAGE_LIGHT = THEMES.light.page;
export const PAGE_DARK = THEMES.dark.page;
/** How strongly a highlight tints the text behind it (the editor paints at this opacity). */
export const HIGHLIGHT_ALPHA = 0.16;
/** Text in the article, on its highlight. */
export const MIN_TEXT_CONTRAST = 4.5;
/** The badge's bold letter on the label colour. */
export const MIN_CONTRAST = 3;
/** Below this an underline is faint on a page. */
const FAINT_UNDERLINE = 1.5;
/** The two inks a badge letter can take. */
export const BADGE_INK = { dark: '#1f2328', light: '#ffffff' } as const;

const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;

function channels(hex: string): [number, number, number] {
  const m = HEX.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

const linear = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** `over` painted at `alpha` on `under`, as the browser composites it. */
export function blend(over: string, under: string, alpha: number): string {
  const a = channels(over);
  const b = channels(under);
  return toHex(a.map((c, i) => c * alpha + b[i] * (1 - alpha)));
}

/** The ink a badge letter takes on `hex`: dark on light colours, white on dark ones. */
export function badgeTextColor(hex: string): string {
  if (!HEX.test(hex)) return BADGE_INK.light;
  return contrastRatio(hex, BADGE_INK.dark) >= contrastRatio(hex, BADGE_INK.light) ? BADGE_INK.dark : BADGE_INK.light;
}

/** The lightest shade of `hex` (same hue, scaled towards black) that small white text reads on comfortably (4.5:1). */
export function darkerSuggestion(hex: string): string {
  const rgb = channels(hex);
  for (let f = 0.98; f > 0; f -= 0.02) {
    const candidate = toHex(rgb.map((c) => c * f));
    if (contrastRatio(candidate, '#ffffff') >= 4.5) return candidate;
  }
  return '#000000';
}

export interface ContrastVerdict {
  ok: boolean;
  /** The badge: its ink and that ink's contrast on the colour. */
  badge: { ink: string; ratio: number };
  /** The theme's text on the highlighted span, per theme. */
  text: { light: number; dark: number };
  /** The underline against each page. */
  underline: { light: number; dark: number };
  /** Why the colour is refused, with a colour to try; null when it is fine. */
  problem: string | null;
  /** A mild note (not a refusal), e.g. the underline is faint on one page. */
  note: string | null;
  suggestion: string | null;
}

const fmt = (n: number) => `${(Math.floor(n * 10) / 10).toFixed(1)}:1`;

/** `themes`: the pages and text colours the colour will be drawn with (the app's, unless a test says). */
export function contrastVerdict(hex: string, themes: { light: ThemeColours; dark: ThemeColours } = THEMES): ContrastVerdict {
  const ink = badgeTextColor(hex);
  const badge = { ink, ratio: contrastRatio(hex, ink) };
  const textOn = (t: ThemeColours) => contrastRatio(t.text, blend(hex, t.page, HIGHLIGHT_ALPHA));
  const text = { light: textOn(themes.light), dark: textOn(themes.dark) };
  const underline = { light: contrastRatio(hex, themes.light.page), dark: contrastRatio(hex, themes.dark.page) };
  const lower = hex.toLowerCase();
  const problems: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    if (text[theme] < MIN_TEXT_CONTRAST) problems.push(`Text highlighted in ${lower} on the ${theme} page has a contrast of only ${fmt(text[theme])}; it needs at least ${MIN_TEXT_CONTRAST}:1.`);
  }
  if (badge.ratio < MIN_CONTRAST) problems.push(`The badge letter on ${lower} has a contrast of only ${fmt(badge.ratio)}; it needs at least ${MIN_CONTRAST}:1.`);
  if (problems.length) {
    const suggestion = darkerSuggestion(hex);
    return { ok: false, badge, text, underline, problem: `${problems.join(' ')} Try a colour such as ${suggestion}.`, note: null, suggestion };
  }
  const faint = (['light', 'dark'] as const).filter((t) => underline[t] < FAINT_UNDERLINE);
  const note = faint.length
    ? `The underline is faint on the ${faint.join(' and ')} page (${faint.map((t) => fmt(underline[t])).join(', ')}); the highlight and the badge still mark the claim.`
    : null;
  return { ok: true, badge, text, underline, problem: null, note, suggestion: null };
}
