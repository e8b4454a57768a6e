// Maps between DOM positions in the rendered article and UTF-16 offsets into the
// document text. Each block element carries data-start; its text is the block's text.

import { lastIndexAtOrBefore } from '../../../shared/sorted-search';

export interface TextPoint {
  node: Text;
  offset: number;
}

const sectionBlocks = new WeakMap<HTMLElement, { elements: HTMLElement[]; starts: number[] }>();

/** Block elements in document order, with their starting offsets. */
export class BlockIndex {
  readonly elements: HTMLElement[];
  readonly starts: number[];

  constructor(root: HTMLElement) {
    if (!root.querySelector('[data-section]')) {
      this.elements = Array.from(root.querySelectorAll<HTMLElement>('[data-start]'));
      this.starts = this.elements.map((el) => Number(el.dataset.start));
      return;
    }
    // A long article: built sections never change, so their blocks are read once and reused
    // each time more of the article is built (rebuilding from scratch each time was quadratic).
    this.elements = [];
    this.starts = [];
    for (const section of root.querySelectorAll<HTMLElement>('[data-section]')) {
      if (section.dataset.pending !== undefined) continue;
      let blocks = sectionBlocks.get(section);
      if (!blocks || blocks.elements.some((el) => el.parentElement !== section)) {
        const elements = Array.from(section.querySelectorAll<HTMLElement>('[data-start]'));
        blocks = { elements, starts: elements.map((el) => Number(el.dataset.start)) };
        sectionBlocks.set(section, blocks);
      }
      for (let i = 0; i < blocks.elements.length; i++) {
        this.elements.push(blocks.elements[i]);
        this.starts.push(blocks.starts[i]);
      }
    }
  }

  /** Index of the block containing `offset` (the last block starting at or before it). */
  blockAt(offset: number): number {
    return Math.max(0, lastIndexAtOrBefore(this.starts.length, (i) => this.starts[i], offset));
  }

  /** The text node and offset for a document offset (clamped into its block). */
  pointAt(offset: number): TextPoint | null {
    if (this.elements.length === 0) return null;
    const i = this.blockAt(offset);
    const text = firstTextNode(this.elements[i]);
    if (!text) return null;
    const local = Math.max(0, Math.min(text.length, offset - this.starts[i]));
    return { node: text, offset: local };
  }

  /** A static range over [start, end), possibly crossing blocks. */
  rangeFor(start: number, end: number): StaticRange | null {
    const a = this.pointAt(start);
    const b = this.pointAt(end);
    if (!a || !b) return null;
    // An end exactly at a block's start belongs to the previous block's end.
    const endBlock = this.blockAt(end);
    if (end === this.starts[endBlock] && endBlock > 0 && end > start) {
      const prev = firstTextNode(this.elements[endBlock - 1]);
      if (prev) return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: prev, endOffset: prev.length });
    }
    return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
  }

  /** Document offset of a DOM point inside the article, or null if it is outside every block. */
  offsetOf(node: Node, offset: number, root: HTMLElement): number | null {
    if (node === root || (node instanceof HTMLElement && node.dataset.section !== undefined)) {
      // Between blocks (in the root or a section): the start of the first block at or after
      // that child, or the end of the last block before it.
      const container = node as HTMLElement;
      const child = container.childNodes[offset] as HTMLElement | undefined;
      const first = child && (child.dataset?.start !== undefined ? child : child.querySelector?.<HTMLElement>('[data-start]'));
      if (first) return Number(first.dataset.start);
      const blocks = container.querySelectorAll<HTMLElement>('[data-start]');
      const last = blocks[blocks.length - 1] ?? this.elements[this.elements.length - 1];
      return last ? Number(last.dataset.start) + (last.textContent?.length ?? 0) : null;
    }
    const element = (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement)?.closest<HTMLElement>('[data-start]');
    if (!element || !root.contains(element)) return null;
    const range = document.createRange();
    range.setStart(element, 0);
    range.setEnd(node, offset);
    return Number(element.dataset.start) + range.toString().length;
  }
}

function firstTextNode(el: HTMLElement): Text | null {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  return walker.nextNode() as Text | null;
}

/** Expands [start, end) outwards to whole words and trims surrounding whitespace. */
export function snapToWords(text: string, start: number, end: number): [number, number] {
  const word = /[\p{L}\p{N}\p{M}'’-]/u;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (start >= end) return [start, end];
  while (start > 0 && word.test(text[start - 1]) && word.test(text[start])) start--;
  while (end < text.length && word.test(text[end]) && word.test(text[end - 1])) end++;
  return [start, end];
}
