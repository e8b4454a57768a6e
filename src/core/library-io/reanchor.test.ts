import { describe, expect, it } from 'vitest';
import { reanchor } from './reanchor';
import { textSimilarity } from '../similarity/text-similarity';

describe('reanchor: placed only where the quote with its context occurs once nearby', () => {
  const ours = 'The minister said talks failed. Critics said talks failed too. Then  the ministry  denied it.';

  it('keeps a span whose text is where it was', () => {
    expect(reanchor(ours, { start: 4, end: 12, quote: 'minister' })).toEqual({ ok: true, start: 4, end: 12, how: 'unchanged' });
  });

  it('moves a span whose text shifted when its recorded context occurs exactly once', () => {
    const at = ours.indexOf('said talks failed too');
    const r = reanchor(ours, { start: 0, end: 17, quote: 'said talks failed', prefix: 'Critics ', suffix: ' too.' });
    expect(r).toEqual({ ok: true, start: at, end: at + 17, how: 'moved' });
  });

  it('refuses a quote without context that occurs twice nearby, rather than taking the nearest', () => {
    const r = reanchor(ours, { start: 10, end: 27, quote: 'said talks failed' });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/more than once near its place/) });
  });

  it('refuses when the recorded context is not there any more, even though the quote is', () => {
    const r = reanchor(ours, { start: 13, end: 30, quote: 'said talks failed', prefix: 'zzz', suffix: 'qqq' });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/with the text around it is not in this copy/) });
  });

  it('does not guess a quote whose spacing changed', () => {
    expect(reanchor(ours, { start: 63, end: 87, quote: 'Then the ministry denied' })).toMatchObject({ ok: false });
  });

  it('refuses a quote that occurs only far from where it was', () => {
    const long = `${'x'.repeat(50_000)} Estados Unidos ${'y'.repeat(50_000)}`;
    // "Estado" from the start of another text: the only occurrence is 50,000 units away
    expect(reanchor(long, { start: 10, end: 16, quote: 'Estado' }, long.length)).toMatchObject({ ok: false, reason: expect.stringMatching(/only far from where it was/) });
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
