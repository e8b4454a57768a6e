// Markdown → blocks by walking markdown-it's token stream (CommonMark plus GFM tables and
// strikethrough). Inline markup is reduced to its text, links to their text, images are
// dropped (as in HTML), code blocks become one paragraph per line, and raw HTML goes
// through the same inert HTML rules as .html files.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { BlockKind } from '../../shared/types';
import { htmlFragmentToBlocks } from './import-html';
import type { ParsedContent } from './imported-document';
import type { RawBlock } from './normalize-text';

const markdown = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
// Nothing is rendered, so every link (even javascript:) may parse as a link: its text is
// kept and its URL dropped, instead of the raw "[text](url)" source surviving as text.
markdown.validateLink = () => true;

/** Raw inline HTML whose text content must not leak into the document. */
const SKIPPED_INLINE_TAGS = /^<\s*(script|style|noscript|template|iframe|object|embed|svg|math|textarea|title|select|button)\b/i;
const CLOSING_TAG = /^<\s*\/\s*([a-z][a-z0-9-]*)/i;
const BREAK_TAG = /^<\s*br\b/i;

type Container = { type: 'list' } | { type: 'item' } | { type: 'quote' };

export function parseMarkdown(source: string): ParsedContent {
  const tokens = markdown.parse(source, {});
  const blocks: RawBlock[] = [];
  const containers: Container[] = [];
  const warnings = new Set<string>();
  let heading: number | undefined;

  const containerKind = (): { kind: BlockKind; level?: number } => {
    for (let i = containers.length - 1; i >= 0; i--) {
      const container = containers[i];
      if (container?.type === 'item') return { kind: 'list-item', level: containers.filter((c) => c.type === 'list').length };
      if (container?.type === 'quote') return { kind: 'quote' };
    }
    return { kind: 'paragraph' };
  };
  const push = (raw: string, kind: { kind: BlockKind; level?: number }): void => {
    const text = raw.replace(/ {2,}/g, ' ');
    blocks.push(kind.level === undefined ? { kind: kind.kind, text } : { kind: kind.kind, level: kind.level, text });
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        containers.push({ type: 'list' });
        break;
      case 'list_item_open':
        containers.push({ type: 'item' });
        break;
      case 'blockquote_open':
        containers.push({ type: 'quote' });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
      case 'blockquote_close':
        containers.pop();
        break;
      case 'heading_open':
        heading = Number(token.tag.slice(1));
        break;
      case 'heading_close':
        heading = undefined;
        break;
      case 'inline': {
        const kind = heading === undefined ? containerKind() : { kind: 'heading' as const, level: heading };
        for (const line of inlineText(token.children ?? [], warnings)) push(line, kind);
        break;
      }
      case 'fence':
      case 'code_block': {
        const kind = containerKind();
        for (const line of token.content.split('\n')) push(line, kind);
        break;
      }
      case 'html_block':
        for (const block of htmlFragmentToBlocks(token.content)) blocks.push(block);
        break;
      default:
        break;
    }
  }

  const firstHeading = blocks.find((block) => block.kind === 'heading' && block.level === 1) ?? blocks.find((block) => block.kind === 'heading');
  const content: ParsedContent = { blocks, warnings: [...warnings] };
  if (firstHeading !== undefined) content.title = firstHeading.text;
  return content;
}

/** The plain text of an inline token list, split where the source had hard line breaks. */
function inlineText(children: readonly Token[], warnings: Set<string>): string[] {
  const lines: string[] = [];
  let current = '';
  let skipping: string | undefined;
  for (const child of children) {
    if (skipping !== undefined) {
      if (child.type === 'html_inline' && CLOSING_TAG.exec(child.content)?.[1]?.toLowerCase() === skipping) skipping = undefined;
      continue;
    }
    switch (child.type) {
      case 'text':
      case 'code_inline':
        current += child.content;
        break;
      case 'softbreak':
        current += ' ';
        break;
      case 'hardbreak':
        lines.push(current);
        current = '';
        break;
      case 'image':
        break;
      case 'html_inline': {
        const skipped = SKIPPED_INLINE_TAGS.exec(child.content);
        if (skipped?.[1] !== undefined) {
          skipping = skipped[1].toLowerCase();
          warnings.add('Embedded HTML code was removed; only its readable text was kept.');
        } else if (BREAK_TAG.test(child.content)) {
          lines.push(current);
          current = '';
        }
        break;
      }
      default:
        // link_open/close, em/strong/s open/close: markup only, the text is in `text` tokens.
        break;
    }
  }
  lines.push(current);
  return lines;
}
