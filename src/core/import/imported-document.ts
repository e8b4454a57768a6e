import path from 'node:path';
import { fail, ok, type Result } from '../../shared/result';
import type { Block } from '../../shared/types';
import { assembleBlocks, normalizeInline, type RawBlock } from './normalize-text';

/** What every importer produces: one immutable text and the blocks that tile it. */
export interface ImportedDocument {
  title: string;
  source: string;
  /** Non-empty blocks joined by exactly one "\n"; no leading or trailing whitespace. */
  text: string;
  /** Ascending, non-overlapping UTF-16 ranges (end exclusive) covering every non-LF character. */
  blocks: Block[];
  warnings: string[];
}

/** What a format-specific parser hands back before the text is assembled. */
export interface ParsedContent {
  blocks: RawBlock[];
  /** Title found inside the content (metadata, first heading), if any. */
  title?: string;
  /** Source found inside the content (canonical URL), if any. */
  source?: string;
  warnings: string[];
}

const MAX_TITLE_LENGTH = 200;

export function buildDocument(content: ParsedContent, fallback: { title: string; source: string }): Result<ImportedDocument> {
  const { text, blocks } = assembleBlocks(content.blocks);
  if (blocks.length === 0) return fail('invalid-input', 'No readable text was found in this document.');
  const title = truncate(normalizeInline(content.title ?? '')) || fallback.title || 'Untitled';
  const source = normalizeInline(content.source ?? '') || fallback.source;
  return ok({ title, source, text, blocks, warnings: content.warnings });
}

/** "2024-05-01_election_results.final.html" → "2024 05 01 election results final". */
export function titleFromFileName(fileName: string): string {
  const base = path.basename(fileName);
  const ext = path.extname(base);
  const stem = ext.length > 0 && ext.length < base.length ? base.slice(0, -ext.length) : base;
  const pretty = normalizeInline(stem.replace(/[_.\-\s]+/g, ' '));
  if (pretty === '') return 'Untitled';
  return truncate(pretty.charAt(0).toLocaleUpperCase() + pretty.slice(1));
}

/** First block's text, shortened, for sources without any title (clipboard). */
export function titleFromFirstBlock(blocks: readonly RawBlock[]): string {
  const first = blocks.map((block) => normalizeInline(block.text)).find((text) => text !== '');
  return first === undefined ? 'Untitled' : truncate(first, 80);
}

function truncate(text: string, max = MAX_TITLE_LENGTH): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in half.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}
