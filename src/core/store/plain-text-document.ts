import type { Block } from '../../shared/types';

/**
 * Normalises plain text once (line endings, NFC, surrounding whitespace) and makes one
 * paragraph block per non-empty line, joined by a single newline.
 */
export function plainTextToDocument(raw: string): { text: string; blocks: Block[] } {
  const lines = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const blocks: Block[] = [];
  let offset = 0;
  for (const line of lines) {
    blocks.push({ kind: 'paragraph', start: offset, end: offset + line.length });
    offset += line.length + 1;
  }
  return { text: lines.join('\n'), blocks };
}
