import { describe, expect, it } from 'vitest';
import { labelSentences, NONE } from './sentence-labels';
import { splitSentences } from './sentence-splitter';
import type { LabeledSpan } from './span-f1';

function label(text: string, spans: LabeledSpan[]): { values: string[]; partial: number; below: number; ties: number } {
  const labels = [...new Set(spans.map((s) => s.label))].sort();
  const result = labelSentences(text, splitSentences(text), [spans], labels);
  return { values: [...result.ratings[0]].map((v) => result.categories[v]), partial: result.partialCover, below: result.belowHalfCover, ties: result.ties };
}

describe('labelSentences', () => {
  const text = 'Alpha beta gamma delta. Epsilon zeta eta theta.';
  // "Alpha beta gamma delta." has 20 non-whitespace characters.

  it('gives "none" to sentences without annotation and the covering label otherwise', () => {
    expect(label(text, [{ label: 'fact', start: 0, end: 23 }])).toEqual({ values: ['fact', 'none'], partial: 0, below: 0, ties: 0 });
  });

  it('takes a label covering at least half of the non-whitespace characters, else "none"', () => {
    expect(label(text, [{ label: 'fact', start: 0, end: 12 }])).toMatchObject({ values: ['fact', 'none'], partial: 1 }); // 10 of 20: exactly half
    expect(label(text, [{ label: 'fact', start: 0, end: 10 }])).toMatchObject({ values: ['none', 'none'], below: 1 }); // 9 of 20
    expect(label(text, [{ label: 'fact', start: 0, end: 5 }])).toMatchObject({ values: ['none', 'none'], below: 1 });
    expect(label(text, [{ label: 'fact', start: 0, end: 16 }])).toMatchObject({ values: ['fact', 'none'], partial: 1 });
  });

  it('merges overlapping spans of one label and picks the label with the largest cover', () => {
    const spans = [
      { label: 'opinion', start: 0, end: 6 },
      { label: 'fact', start: 0, end: 12 },
      { label: 'fact', start: 5, end: 23 },
    ];
    expect(label(text, spans).values).toEqual(['fact', 'none']);
  });

  it('breaks ties alphabetically and counts them', () => {
    const spans = [
      { label: 'opinion', start: 0, end: 23 },
      { label: 'fact', start: 0, end: 23 },
    ];
    expect(label(text, spans)).toMatchObject({ values: ['fact', 'none'], ties: 1 });
  });

  it('counts astral characters once', () => {
    const t = '😀😀😀 ab.';
    // 3 emoji + "ab." = 6 code points; the emoji are half.
    expect(label(t, [{ label: 'fact', start: 0, end: 6 }]).values).toEqual(['fact']);
    expect(label(t, [{ label: 'fact', start: 0, end: 4 }]).values).toEqual(['none']);
    expect(NONE).toBe(0);
  });
});
