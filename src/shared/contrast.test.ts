import { describe, expect, it } from 'vitest';
import { BADGE_INK, badgeTextColor, blend, contrastRatio, contrastVerdict, darkerSuggestion, HIGHLIGHT_ALPHA, THEMES } from './contrast';

describe('label colour contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('accepts the built-in colours, with white badge letters', () => {
    for (const c of ['#2f7d4f', '#2d6cb5', '#b5562d']) {
      expect(contrastVerdict(c)).toMatchObject({ ok: true, problem: null });
      expect(badgeTextColor(c)).toBe(BADGE_INK.light);
    }
  });

  it('accepts a light highlighter colour: dark badge letters, the article text readable on its tint in both themes', () => {
    const v = contrastVerdict('#FFD966');
    expect(v.ok).toBe(true);
    expect(v.badge.ink).toBe(BADGE_INK.dark);
    expect(v.badge.ratio).toBeGreaterThan(10);
    expect(v.text.light).toBeGreaterThan(12);
    expect(v.text.dark).toBeGreaterThan(8);
    // what is drawn: the tint over each page, the theme's text on it
    expect(v.text.dark).toBeCloseTo(contrastRatio(THEMES.dark.text, blend('#ffd966', THEMES.dark.page, HIGHLIGHT_ALPHA)), 5);
    expect(v.note).toMatch(/underline is faint on the light page \(1\.3:1\)/);
  });

  it('refuses a colour whose highlight would hide the text, naming the page and the ratio', () => {
    // A theme whose text is as dark as the page behind it: the check measures the tint, not the badge.
    const murky = { light: { page: '#ffffff', text: '#1f2328' }, dark: { page: '#202020', text: '#333333' } };
    const v = contrastVerdict('#000000', murky);
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/^Text highlighted in #000000 on the dark page has a contrast of only 1\.\d:1; it needs at least 4\.5:1\./);
    expect(v.problem).toContain(`Try a colour such as ${v.suggestion}`);
  });

  it('blends as the browser composites a translucent paint', () => {
    expect(blend('#ff0000', '#ffffff', 0.5)).toBe('#ff8080');
    expect(blend('#000000', '#212429', 0)).toBe('#212429');
  });

  it('suggests the same hue, darker', () => {
    const s = darkerSuggestion('#66aaff');
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));
    expect(r).toBeLessThan(0x66);
    expect(b).toBeGreaterThan(r);
    expect(b).toBeGreaterThan(g);
  });

  it('notes, without refusing, a colour that is faint as an underline on the dark page', () => {
    const v = contrastVerdict('#101010');
    expect(v.ok).toBe(true);
    expect(v.badge.ink).toBe(BADGE_INK.light);
    expect(v.note).toMatch(/faint on the dark page/);
  });
});
