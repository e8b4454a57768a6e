// A saved article page → blocks. parse5 builds an inert tree (no scripts run, nothing is
// fetched, no URL is resolved); only text nodes are ever copied out, so markup, attributes
// and URLs cannot survive as anything but the plain text a reader saw.
import { defaultTreeAdapter, parse, parseFragment, type DefaultTreeAdapterMap, type DefaultTreeAdapterTypes, type TreeAdapter } from 'parse5';
import { AppFailure } from '../../shared/result';
import type { BlockKind } from '../../shared/types';
import { HTML_LIMITS, type StructureLimits } from './import-limits';
import type { ParsedContent } from './imported-document';
import type { RawBlock } from './normalize-text';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

/** Elements whose whole subtree is page chrome, code, embedded media or form controls. */
const DROPPED = new Set([
  'nav', 'header', 'footer', 'aside', 'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'svg', 'img', 'picture', 'video', 'audio', 'source', 'track', 'canvas', 'map',
  'form', 'button', 'input', 'select', 'option', 'textarea', 'dialog', 'head', 'title', 'meta', 'link', 'base',
]);

/** Inside MathML: the formula's source (TeX, content MathML) repeats what the reader saw. */
const DROPPED_IN_MATH = new Set(['annotation', 'annotation-xml']);

/** Inline styles that hide an element from the reader. */
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!important\s*)?(?:;|$)/i;

/** Elements that start and end a block; everything else is inline and joins its neighbours. */
const BLOCK_LEVEL = new Set([
  'p', 'div', 'section', 'article', 'main', 'body', 'html', 'figure', 'figcaption', 'table', 'caption', 'thead',
  'tbody', 'tfoot', 'tr', 'td', 'th', 'dl', 'dt', 'dd', 'address', 'details', 'summary', 'center', 'fieldset',
  'legend', 'hgroup', 'search',
]);

const HEADING = /^h([1-6])$/;
const HTML_WHITESPACE = /[ \t\n\f\r]+/g;

interface Context {
  kind: BlockKind;
  level?: number;
}

class BlockCollector {
  readonly blocks: RawBlock[] = [];
  private buffer = '';
  private readonly contexts: Context[] = [{ kind: 'paragraph' }];
  private listDepth = 0;

  constructor(private readonly keepHeaders: boolean) {}

  collect(root: Node): RawBlock[] {
    // An explicit stack instead of recursion: hostile pages nest elements 100 000 deep.
    const stack: Array<Node | (() => void)> = [root];
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      if (typeof item === 'function') item();
      else this.visit(item, stack);
    }
    this.flush();
    return this.blocks;
  }

  private get context(): Context {
    return this.contexts[this.contexts.length - 1] ?? { kind: 'paragraph' };
  }

  private flush(): void {
    if (this.buffer.trim() !== '') {
      const { kind, level } = this.context;
      const text = this.buffer.replace(/ {2,}/g, ' ');
      this.blocks.push(level === undefined ? { kind, text } : { kind, level, text });
    }
    this.buffer = '';
  }

  private visit(node: Node, stack: Array<Node | (() => void)>): void {
    const pushChildren = (parent: ParentNode): void => {
      for (let i = parent.childNodes.length - 1; i >= 0; i--) {
        const child = parent.childNodes[i];
        if (child !== undefined) stack.push(child);
      }
    };
    if (node.nodeName === '#text' && 'value' in node) {
      this.buffer += node.value.replace(HTML_WHITESPACE, ' ');
      return;
    }
    if (!('tagName' in node)) {
      if ('childNodes' in node) pushChildren(node);
      return;
    }
    const tag = node.tagName;
    if (isDropped(node, this.keepHeaders)) return;
    if (tag === 'br' || tag === 'hr') {
      this.flush();
      return;
    }
    if (tag === 'pre') {
      this.flush();
      for (const line of textContent(node).split(/\r\n?|\n/)) {
        this.buffer = line;
        this.flush();
      }
      return;
    }
    const heading = HEADING.exec(tag);
    let context: Context | undefined;
    if (heading?.[1] !== undefined) context = { kind: 'heading', level: Number(heading[1]) };
    else if (tag === 'li') context = { kind: 'list-item', level: Math.max(1, this.listDepth) };
    else if (tag === 'blockquote') context = { kind: 'quote' };

    const isList = tag === 'ul' || tag === 'ol' || tag === 'menu';
    if (context === undefined && !isList && !BLOCK_LEVEL.has(tag)) {
      pushChildren(node);
      return;
    }
    this.flush();
    if (context) this.contexts.push(context);
    if (isList) this.listDepth++;
    stack.push(() => {
      this.flush();
      if (isList) this.listDepth--;
      if (context) this.contexts.pop();
    });
    pushChildren(node);
  }
}

function isDropped(element: Element, keepHeaders: boolean): boolean {
  if (element.tagName === 'header' && keepHeaders) return false;
  if (DROPPED.has(element.tagName) || DROPPED_IN_MATH.has(element.tagName)) return true;
  // Content the page itself hides is not what the reader saw.
  return isHidden(attribute(element, 'hidden'), attribute(element, 'aria-hidden'), attribute(element, 'style'));
}

/** Whether an element's own attributes hide it (the hidden attribute, aria-hidden, inline style). */
export function isHidden(hidden: string | null | undefined, ariaHidden: string | null | undefined, style: string | null | undefined): boolean {
  if (hidden !== undefined && hidden !== null) return true;
  if (ariaHidden === 'true') return true;
  return style !== undefined && style !== null && HIDDEN_STYLE.test(style);
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/** Every element in document order (templates' inert contents excluded), without recursion. */
function elements(root: Node): Element[] {
  const found: Element[] = [];
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if ('tagName' in node) {
      found.push(node);
      if (node.tagName === 'template') continue;
    }
    if ('childNodes' in node) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as Node);
  }
  return found;
}

/** Concatenated text of the subtree, skipping dropped elements, without recursion. */
function textContent(root: Node): string {
  let text = '';
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeName === '#text' && 'value' in node) text += node.value;
    else if ('tagName' in node && node !== root && DROPPED.has(node.tagName)) continue;
    else if ('childNodes' in node) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as Node);
  }
  return text;
}

function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

interface PageMetadata {
  ogTitle?: string;
  title?: string;
  canonical?: string;
  ogUrl?: string;
  firstH1?: string;
}

function readMetadata(document: Node): PageMetadata {
  const meta: PageMetadata = {};
  for (const element of elements(document)) {
    const tag = element.tagName;
    if (tag === 'meta') {
      const property = (attribute(element, 'property') ?? attribute(element, 'name'))?.toLowerCase();
      if (property === 'og:title') meta.ogTitle ??= attribute(element, 'content');
      else if (property === 'og:url') meta.ogUrl ??= httpUrl(attribute(element, 'content'));
    } else if (tag === 'title' && element.namespaceURI === 'http://www.w3.org/1999/xhtml') {
      meta.title ??= textContent(element);
    } else if (tag === 'link' && (attribute(element, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) {
      meta.canonical ??= httpUrl(attribute(element, 'href'));
    } else if (tag === 'h1') {
      meta.firstH1 ??= textContent(element);
    }
  }
  return meta;
}

/** The article's own element: the longest outermost <article>, else <main>, else the body. */
function contentRoot(document: Node): { root: Node; keepHeaders: boolean } {
  const all = elements(document);
  const outermostArticles: Element[] = [];
  const stack: Node[] = [document];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if ('tagName' in node && node.tagName === 'article') outermostArticles.push(node);
    else if ('childNodes' in node && !('tagName' in node && node.tagName === 'template')) {
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as Node);
    }
  }
  let longest: { element: Element; length: number } | undefined;
  for (const element of outermostArticles) {
    const length = textContent(element).trim().length;
    if (longest === undefined || length > longest.length) longest = { element, length };
  }
  if (longest !== undefined) return { root: longest.element, keepHeaders: true };
  const main = all.find((element) => element.tagName === 'main' || attribute(element, 'role') === 'main');
  if (main !== undefined) return { root: main, keepHeaders: true };
  const body = all.find((element) => element.tagName === 'body');
  return { root: body ?? document, keepHeaders: false };
}

/**
 * A parse5 tree adapter that refuses a page past the element-count and nesting limits while
 * it is being built, so a hostile page (six million nested <b>) costs microseconds, not the
 * gigabytes a full tree would.
 */
function limitedTreeAdapter(limits: StructureLimits): TreeAdapter<DefaultTreeAdapterMap> {
  const depths = new WeakMap<Node, number>();
  let elementCount = 0;
  const place = (parent: ParentNode, node: Node): void => {
    if (!('tagName' in node)) return;
    const depth = (depths.get(parent) ?? 0) + 1;
    if (depth > limits.maxDepth) {
      throw new AppFailure({
        code: 'too-large',
        message: `This page nests more than ${limits.maxDepth.toLocaleString('en')} elements inside each other, which no real article does; it was not imported.`,
      });
    }
    depths.set(node, depth);
  };
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      elementCount++;
      if (elementCount > limits.maxNodes) {
        throw new AppFailure({ code: 'too-large', message: `This page has more than ${limits.maxNodes.toLocaleString('en')} elements, more than claimtag imports at once.` });
      }
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
    appendChild(parent, node) {
      place(parent, node);
      defaultTreeAdapter.appendChild(parent, node);
    },
    insertBefore(parent, node, reference) {
      place(parent, node);
      defaultTreeAdapter.insertBefore(parent, node, reference);
    },
  };
}

/** The page as an inert parse5 tree, refused past the limits (see limitedTreeAdapter). */
export function parseHtmlDocument(html: string, limits: StructureLimits = HTML_LIMITS): DefaultTreeAdapterTypes.Document {
  return parse(html, { treeAdapter: limitedTreeAdapter(limits) });
}

/** Title and source URL the page declares about itself. */
export function pageMetadata(document: Node): { title?: string; source?: string } {
  const meta = readMetadata(document);
  const title = [meta.ogTitle, meta.title, meta.firstH1].find((candidate) => candidate !== undefined && candidate.trim() !== '');
  const source = meta.canonical ?? meta.ogUrl;
  const found: { title?: string; source?: string } = {};
  if (title !== undefined) found.title = title.replace(HTML_WHITESPACE, ' ');
  if (source !== undefined) found.source = source;
  return found;
}

/** Today's reader: the longest <article>, else <main>, else the body, minus page chrome. */
export function plainReaderBlocks(document: Node): RawBlock[] {
  const { root, keepHeaders } = contentRoot(document);
  return new BlockCollector(keepHeaders).collect(root);
}

/** A page read without reader-view extraction (pasted HTML, and the fallback for files). */
export function parseHtml(html: string, limits: StructureLimits = HTML_LIMITS): ParsedContent {
  const document = parseHtmlDocument(html, limits);
  return { blocks: plainReaderBlocks(document), warnings: [], ...pageMetadata(document) };
}

/** Blocks of an HTML fragment (e.g. raw HTML inside Markdown), with the same rules. */
export function htmlFragmentToBlocks(html: string, limits: StructureLimits = HTML_LIMITS, keepHeaders = false): RawBlock[] {
  return new BlockCollector(keepHeaders).collect(parseFragment(html, { treeAdapter: limitedTreeAdapter(limits) }));
}
