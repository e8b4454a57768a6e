// Text normalisation, done once at import time. After this the document text is
// immutable: every annotation offset points into exactly what these functions return.
//
// Rules (applied to every format, see normalizeInline / normalizeText):
// - line breaks: CRLF and lone CR become LF; U+2028/U+2029 and form feed also end a line;
// - Unicode NFC, so the same visible text always has the same code units;
// - U+FEFF (byte order mark / zero-width no-break space) is removed wherever it appears;
// - a tab becomes one space, and U+00A0 (no-break space) becomes a plain space, because
//   analysts search and quote with ordinary spaces; other Unicode spaces (thin, narrow
//   no-break, ideographic) are deliberate typography and are kept;
// - other C0/C1 control characters are removed; ZWJ/ZWNJ and bidi marks are kept,
//   since Persian, Dari, Urdu and Pashto spelling depends on them;
// - unpaired UTF-16 surrogates (possible only in pasted strings) become U+FFFD;
// - trailing (and leading) spaces of each line are trimmed, blank lines disappear
//   because the text is a sequence of non-empty blocks joined by exactly one LF.
import { createHash } from 'node:crypto';
import type { Block, BlockKind } from '../../shared/types';

/** A block before offsets are assigned. `text` may still be unnormalised. */
export interface RawBlock {
  kind: BlockKind;
  level?: number;
  text: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls except TAB and LF, DEL, C1 controls: matching them is the point here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\f]/g;

/** Normalises a whole text but keeps its line structure (LF only, no blank-line runs). */
export function normalizeText(input: string): string {
  const unified = input
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(LINE_BREAKS, '\n')
    .replace(/\uFEFF/g, '')
    .replace(CONTROL, '')
    .replace(/[\t\u00A0]/g, ' ')
    .normalize('NFC');
  const lines = unified.split('\n').map((line) => line.trimEnd());
  const out: string[] = [];
  for (const line of lines) {
    const blank = line.trim() === '';
    if (blank && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(blank ? '' : line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Normalises text that must stay on one line (a block): line breaks become spaces. */
export function normalizeInline(input: string): string {
  return normalizeText(input.replace(LINE_BREAKS, ' ').replace(/\n/g, ' ')).trim();
}

/** Plain text: one paragraph block per non-empty line. */
export function plainTextToBlocks(input: string): RawBlock[] {
  return normalizeText(input)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((text) => ({ kind: 'paragraph' as const, text }));
}

/**
 * Joins blocks into the one document text (exactly one LF between blocks) and assigns
 * their UTF-16 offsets. Empty blocks are dropped; levels are clamped to their ranges.
 */
export function assembleBlocks(raw: readonly RawBlock[]): { text: string; blocks: Block[] } {
  const parts: string[] = [];
  const blocks: Block[] = [];
  let offset = 0;
  for (const candidate of raw) {
    const text = normalizeInline(candidate.text);
    if (text === '') continue;
    if (parts.length > 0) offset += 1;
    const block: Block = { kind: candidate.kind, start: offset, end: offset + text.length };
    const level = clampLevel(candidate);
    if (level !== undefined) block.level = level;
    blocks.push(block);
    parts.push(text);
    offset += text.length;
  }
  return { text: parts.join('\n'), blocks };
}

function clampLevel(block: RawBlock): number | undefined {
  if (block.kind === 'heading') return Math.min(6, Math.max(1, Math.trunc(block.level ?? 1)));
  if (block.kind === 'list-item') return Math.max(1, Math.trunc(block.level ?? 1));
  return undefined;
}

/** Hex SHA-256 of the final text's UTF-8 bytes. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
