import { describe, expect, it } from 'vitest';
import { contrastRatio, contrastVerdict, darkerSuggestion } from './contrast';

describe('label colour contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('accepts the built-in colours', () => {
    for (const c of ['#2f7d4f', '#2d6cb5', '#b5562d']) expect(contrastVerdict(c)).toMatchObject({ ok: true, problem: null });
  });

  it('refuses a light colour with a message naming the ratio and a darker suggestion that passes', () => {
    const v = contrastVerdict('#FFCC00');
    expect(v.ok).toBe(false);
    expect(v.problem).toMatch(/White text on #ffcc00 has a contrast of only 1\.5:1; it needs at least 3:1/);
    expect(v.problem).toContain(`Try a darker colour such as ${v.suggestion}`);
    expect(contrastRatio(v.suggestion!, '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(contrastVerdict(v.suggestion!).ok).toBe(true);
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
    expect(v.note).toMatch(/faint on the dark page/);
  });
});
