// A saved news page → the story a reader view keeps. Mozilla's Readability picks the story
// on linkedom's light DOM (no script runs, nothing is fetched, no style sheet is applied);
// its output is HTML that goes through the same inert block collector as every page
// (import-html.ts), so only text a reader saw can come out. The page is first parsed by
// parse5 under the structure limits, which also gives the metadata and today's reader as
// the fallback when Readability finds nothing.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { HTML_LIMITS, type StructureLimits } from './import-limits';
import { htmlFragmentToBlocks, isHidden, pageMetadata, parseHtmlDocument, plainReaderBlocks } from './import-html';
import type { ParsedContent } from './imported-document';
import { normalizeInline, type RawBlock } from './normalize-text';

/** Characters of text below which Readability's pick is not taken to be the story (its own default threshold). */
const MIN_STORY_CHARS = 500;

interface Story {
  title?: string;
  byline?: string;
  blocks: RawBlock[];
}

export function parseHtmlArticle(html: string, limits: StructureLimits = HTML_LIMITS): ParsedContent {
  // Limits first (parse5 refuses a hostile page while building it), then the metadata; the
  // tree is let go before linkedom builds its own, and rebuilt only for the fallback.
  const meta = pageMetadata(parseHtmlDocument(html, limits));
  const story = readStory(html, limits);
  if (story === undefined) return { blocks: plainReaderBlocks(parseHtmlDocument(html, limits)), warnings: [], ...meta };
  const content: ParsedContent = { blocks: withHeadlineAndByline(story), warnings: [] };
  const title = story.title ?? meta.title;
  if (title !== undefined) content.title = title;
  if (meta.source !== undefined) content.source = meta.source;
  return content;
}

/** The story Readability finds, or undefined when it finds none (or fails on an odd page). */
function readStory(html: string, limits: StructureLimits): Story | undefined {
  try {
    const { document } = parseHTML(html);
    // Readability looks at inline styles only through a live CSSOM; remove what the page
    // hides itself so hidden text cannot come back through the story.
    // linkedom's elements, typed by what is used of them (core is checked without the DOM lib).
    const marked = Array.from(document.querySelectorAll('[hidden], [aria-hidden], [style]')) as Array<{ getAttribute(name: string): string | null; remove(): void }>;
    for (const element of marked) {
      if (isHidden(element.getAttribute('hidden'), element.getAttribute('aria-hidden'), element.getAttribute('style'))) element.remove();
    }
    const article = new Readability(document as unknown as Document, { maxElemsToParse: limits.maxNodes, charThreshold: MIN_STORY_CHARS }).parse();
    if (article === null || typeof article.content !== 'string') return undefined;
    // Below its threshold Readability still returns its best guess; on such a short page the
    // plain reader, which keeps the whole body, loses less.
    if ((article.textContent ?? '').trim().length < MIN_STORY_CHARS) return undefined;
    const blocks = htmlFragmentToBlocks(article.content, limits, true);
    if (!blocks.some((block) => block.text.trim() !== '')) return undefined;
    const story: Story = { blocks };
    const title = normalizeInline(article.title ?? '');
    const byline = normalizeInline(article.byline ?? '');
    if (title !== '') story.title = title;
    if (byline !== '') story.byline = byline;
    return story;
  } catch {
    // Readability is best effort: anything it cannot handle falls back to the plain reader.
    return undefined;
  }
}

/**
 * Headline and byline in front of the story. Readability drops a heading that repeats the
 * title and turns the story's h1 into h2: a story that still opens with a heading keeps it
 * as its headline (level 1); otherwise the title is put in front. The byline follows the
 * headline unless the opening already names it.
 */
function withHeadlineAndByline(story: Story): RawBlock[] {
  const blocks = [...story.blocks];
  const headingAt = blocks[0]?.kind === 'heading' ? 0 : -1;
  let afterHeadline = 0;
  if (headingAt >= 0) {
    const heading = blocks[headingAt] as RawBlock;
    if (!blocks.some((block) => block.kind === 'heading' && block.level === 1)) blocks[headingAt] = { ...heading, level: 1 };
    afterHeadline = headingAt + 1;
  } else if (story.title !== undefined) {
    blocks.unshift({ kind: 'heading', level: 1, text: story.title });
    afterHeadline = 1;
  }
  const opening = blocks.slice(0, afterHeadline + 4).map((block) => comparable(block.text));
  if (story.byline !== undefined && !opening.some((text) => text.includes(comparable(story.byline ?? '')))) {
    blocks.splice(afterHeadline, 0, { kind: 'paragraph', text: story.byline });
  }
  return blocks;
}

function comparable(text: string): string {
  return normalizeInline(text).toLowerCase();
}
