import {
  ElementNode,
  $createTextNode,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedElementNode,
  type Spread,
} from 'lexical';
import type { Block, BlockKind } from '../../../shared/types';

type SerializedArticleBlock = Spread<{ kind: BlockKind; level: number; start: number }, SerializedElementNode>;

/**
 * One block of the article (paragraph, heading, list item, quote) holding one text node.
 * The DOM element carries the block's offset in the document text, which is how the
 * renderer maps a DOM selection to standoff offsets and back.
 */
export class ArticleBlockNode extends ElementNode {
  __kind: BlockKind;
  __level: number;
  __start: number;

  static override getType(): string {
    return 'article-block';
  }

  static override clone(node: ArticleBlockNode): ArticleBlockNode {
    return new ArticleBlockNode(node.__kind, node.__level, node.__start, node.__key);
  }

  static override importJSON(json: SerializedArticleBlock): ArticleBlockNode {
    return new ArticleBlockNode(json.kind, json.level, json.start);
  }

  constructor(kind: BlockKind = 'paragraph', level = 0, start = 0, key?: NodeKey) {
    super(key);
    this.__kind = kind;
    this.__level = level;
    this.__start = start;
  }

  override exportJSON(): SerializedArticleBlock {
    return { ...super.exportJSON(), kind: this.__kind, level: this.__level, start: this.__start };
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const tag =
      this.__kind === 'heading' ? `h${Math.min(6, Math.max(2, this.__level + 1))}` : this.__kind === 'quote' ? 'blockquote' : this.__kind === 'list-item' ? 'div' : 'p';
    const el = document.createElement(tag);
    el.className = `block block-${this.__kind}`;
    if (this.__kind === 'list-item') {
      el.setAttribute('role', 'listitem');
      el.dataset.level = String(Math.max(1, this.__level));
    }
    el.dir = 'auto';
    el.dataset.start = String(this.__start);
    return el;
  }

  override updateDOM(): boolean {
    return false;
  }

  override isShadowRoot(): boolean {
    return false;
  }

  override canBeEmpty(): boolean {
    return false;
  }
}

export function $createArticleBlock(block: Block, text: string): ArticleBlockNode {
  const node = new ArticleBlockNode(block.kind, block.level ?? 0, block.start);
  node.append($createTextNode(text.slice(block.start, block.end)));
  return node;
}

export function $isArticleBlock(node: LexicalNode | null | undefined): node is ArticleBlockNode {
  return node instanceof ArticleBlockNode;
}

/**
 * A run of consecutive blocks, [from, to) in document offsets. Long articles are grouped so
 * the browser can skip layout and paint of whole off-screen sections (content-visibility on
 * ~100 blocks at a time is far cheaper while scrolling than on every paragraph), and so the
 * article can open with only its first section built: the others start empty, holding their
 * estimated height, and are filled a few at a time (see section-filler.ts).
 */
export class ArticleSectionNode extends ElementNode {
  __from: number;
  __to: number;

  static override getType(): string {
    return 'article-section';
  }

  static override clone(node: ArticleSectionNode): ArticleSectionNode {
    return new ArticleSectionNode(node.__from, node.__to, node.__key);
  }

  static override importJSON(json: SerializedArticleSection): ArticleSectionNode {
    return new ArticleSectionNode(json.from, json.to);
  }

  constructor(from = 0, to = 0, key?: NodeKey) {
    super(key);
    this.__from = from;
    this.__to = to;
  }

  override exportJSON(): SerializedArticleSection {
    return { ...super.exportJSON(), from: this.__from, to: this.__to };
  }

  override createDOM(): HTMLElement {
    const el = document.createElement('div');
    el.className = 'article-section';
    el.dataset.section = '';
    el.dataset.from = String(this.__from);
    el.dataset.to = String(this.__to);
    // Height estimate while unbuilt or skipped: characters × the measured px per character.
    el.style.setProperty('--section-chars', String(this.__to - this.__from));
    this.markPending(el);
    return el;
  }

  override updateDOM(_prev: ArticleSectionNode, dom: HTMLElement): boolean {
    this.markPending(dom);
    return false;
  }

  private markPending(el: HTMLElement): void {
    if (this.__size === 0) el.dataset.pending = '';
    else delete el.dataset.pending;
  }

  override canBeEmpty(): boolean {
    return true;
  }
}

type SerializedArticleSection = Spread<{ from: number; to: number }, SerializedElementNode>;

/** Blocks per section; short articles (one section) are not grouped at all. */
export const BLOCKS_PER_SECTION = 100;

export function $createArticleSection(from: number, to: number): ArticleSectionNode {
  return new ArticleSectionNode(from, to);
}

export function $isArticleSection(node: LexicalNode | null | undefined): node is ArticleSectionNode {
  return node instanceof ArticleSectionNode;
}
