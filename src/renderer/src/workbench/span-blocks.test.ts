import { describe, expect, it } from 'vitest';
import type { Block } from '../../../shared/types';
import { blocksSpanned, shortcutRange } from './span-blocks';

const blocks: Block[] = [
  { kind: 'heading', level: 1, start: 0, end: 10 },
  { kind: 'paragraph', start: 12, end: 40 },
  { kind: 'paragraph', start: 42, end: 80 },
];

describe('blocksSpanned', () => {
  it('counts the blocks a span reaches into, not the breaks between them', () => {
    expect(blocksSpanned(blocks, 12, 40)).toBe(1);
    expect(blocksSpanned(blocks, 15, 20)).toBe(1);
    expect(blocksSpanned(blocks, 30, 50)).toBe(2);
    expect(blocksSpanned(blocks, 0, 80)).toBe(3);
    // ending exactly where the next block starts does not reach into it
    expect(blocksSpanned(blocks, 12, 42)).toBe(1);
  });
});

describe('shortcutRange', () => {
  it('names the keys in use', () => {
    expect(shortcutRange(['1', '2', '3'])).toBe('1–3');
    expect(shortcutRange(['4'])).toBe('4');
    expect(shortcutRange(['', '7', '2'])).toBe('2 or 7');
    expect(shortcutRange(['1', '2', '3', '8', '9'])).toBe('1–3, 8 or 9');
    expect(shortcutRange(['1', '2', '3', '4', '5', '6', '7', '8', '9'])).toBe('1–9');
    expect(shortcutRange([])).toBe('');
  });
});
