import { SHORTCUT_KEYS } from '../../../shared/label-rules';
import type { Block } from '../../../shared/types';

/** How many of the article's blocks (paragraphs, headings, list items) the span [start, end) reaches into. */
export function blocksSpanned(blocks: readonly Block[], start: number, end: number): number {
  let n = 0;
  for (const b of blocks) if (b.start < end && b.end > start) n++;
  return n;
}

/** The keys the active labels hold, as said in a hint: "1–3, 8 or 9". */
export function shortcutRange(shortcuts: readonly string[]): string {
  const keys = [...new Set(shortcuts.filter((k) => (SHORTCUT_KEYS as readonly string[]).includes(k)).map(Number))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < keys.length; ) {
    let j = i;
    while (j + 1 < keys.length && keys[j + 1] === keys[j] + 1) j++;
    if (j - i >= 2) parts.push(`${keys[i]}–${keys[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(keys[k]));
    i = j + 1;
  }
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}
