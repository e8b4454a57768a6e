// Colour contrast for label colours (shared: the tag-set dialog's live verdict and the services' rule). A label's colour is the background of a badge with
// white text, and the colour of an underline on the light (#ffffff) and dark (#212429)
// page. WCAG 2 contrast ratios; 3:1 is the floor for large/bold text and UI graphics.

export const PAGE_LIGHT = '#ffffff';
export const PAGE_DARK = '#212429';
export const MIN_CONTRAST = 3;

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
  /** White badge text on the colour; also the underline on the light page. */
  withWhite: number;
  /** The underline on the dark page. */
  onDark: number;
  /** Why the colour is refused, with a darker one to try; null when it is fine. */
  problem: string | null;
  /** A mild note (not a refusal), e.g. the underline is faint on the dark page. */
  note: string | null;
  suggestion: string | null;
}

const fmt = (n: number) => `${(Math.floor(n * 10) / 10).toFixed(1)}:1`;

export function contrastVerdict(hex: string): ContrastVerdict {
  const withWhite = contrastRatio(hex, '#ffffff');
  const onDark = contrastRatio(hex, PAGE_DARK);
  if (withWhite < MIN_CONTRAST) {
    const suggestion = darkerSuggestion(hex);
    return {
      ok: false,
      withWhite,
      onDark,
      problem: `White text on ${hex.toLowerCase()} has a contrast of only ${fmt(withWhite)}; it needs at least 3:1 to be readable. Try a darker colour such as ${suggestion}.`,
      note: null,
      suggestion,
    };
  }
  const note = onDark < 1.5 ? `The underline will be faint on the dark page (${fmt(onDark)}); a slightly lighter colour shows better there.` : null;
  return { ok: true, withWhite, onDark, problem: null, note, suggestion: null };
}
