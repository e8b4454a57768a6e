import type { Block } from '../../../shared/types';

/** How many of the article's blocks (paragraphs, headings, list items) the span [start, end) reaches into. */
export function blocksSpanned(blocks: readonly Block[], start: number, end: number): number {
  let n = 0;
  for (const b of blocks) if (b.start < end && b.end > start) n++;
  return n;
}

/** "1–3" for the keys the active labels hold (what to press after selecting text). */
export function shortcutRange(shortcuts: readonly string[]): string {
  const keys = shortcuts.filter((k) => /^[1-9]$/.test(k)).sort();
  if (keys.length === 0) return '';
  return keys.length === 1 ? keys[0] : `${keys[0]}–${keys[keys.length - 1]}`;
}
