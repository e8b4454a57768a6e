import { describe, expect, it } from 'vitest';
import { reanchor, textSimilarity } from './reanchor';

describe('reanchor', () => {
  const ours = 'The minister said talks failed. Critics said talks failed too. Then  the ministry  denied it.';

  it('keeps a span whose text is where it was', () => {
    expect(reanchor(ours, { start: 4, end: 12, quote: 'minister' })).toEqual({ ok: true, start: 4, end: 12, how: 'unchanged' });
  });

  it('moves a span whose text shifted, choosing the occurrence its context points to', () => {
    const at = ours.indexOf('said talks failed too');
    const r = reanchor(ours, { start: 0, end: 17, quote: 'said talks failed', prefix: 'Critics ', suffix: ' too.' });
    expect(r).toEqual({ ok: true, start: at, end: at + 17, how: 'moved' });
  });

  it('refuses when the quote occurs several times and the context cannot decide', () => {
    const r = reanchor(ours, { start: 500, end: 517, quote: 'said talks failed', prefix: 'zzz', suffix: 'qqq' });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/occurs 2 times/) });
  });

  it('finds a quote whose spacing changed', () => {
    const r = reanchor(ours, { start: 0, end: 24, quote: 'Then the ministry denied' });
    expect(r).toMatchObject({ ok: true, how: 'whitespace' });
    if (r.ok) expect(ours.slice(r.start, r.end)).toBe('Then  the ministry  denied');
  });

  it('refuses a quote whose words were changed, saying so', () => {
    expect(reanchor(ours, { start: 0, end: 20, quote: 'the minister resigned' })).toMatchObject({ ok: false, reason: expect.stringMatching(/not in this copy/) });
  });
});

describe('textSimilarity', () => {
  it('is high for copies that differ in spacing or a fixed typo, low for different articles', () => {
    const a = 'Pakistan and Afghanistan have agreed to upgrade their diplomatic relations to ambassador level, signalling a major shift.';
    expect(textSimilarity(a, a.replace(/ /g, '  '))).toBe(1);
    expect(textSimilarity(a, a.replace('signalling', 'signaling'))).toBeGreaterThan(0.6);
    expect(textSimilarity(a, 'A completely different story about football results and weather on the weekend.')).toBeLessThan(0.1);
  });
});
