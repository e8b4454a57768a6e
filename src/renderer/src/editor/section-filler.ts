import { $getRoot, HISTORY_MERGE_TAG, SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG, type LexicalEditor } from 'lexical';
import { lastIndexAtOrBefore } from '../../../shared/sorted-search';
import type { Block } from '../../../shared/types';
import { $createArticleBlock, $isArticleSection, BLOCKS_PER_SECTION } from './article-block-node';
import type { TextGuard } from './read-only-guard';

/** Work per slice of background building, so frames stay short while the rest of the article arrives. */
const SLICE_MS = 12;

/** Something that holds a place in the article on screen (a jump's target, see jump-anchor.ts). */
export interface HeldView {
  readonly holding: boolean;
  /** Puts the held place back on screen where it was. */
  restore(): void;
}

/**
 * Builds the blocks of a long article's sections after it opens. The article opens with only
 * its first section built (the others are empty placeholders holding their estimated height);
 * this fills the rest in short slices between frames — sections near the viewport first —
 * and fills any section at once when the app needs to reach into it (a jump to an offset).
 */
export class SectionFiller {
  private readonly filled: boolean[];
  private remaining: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly editor: LexicalEditor,
    private readonly doc: { text: string; blocks: readonly Block[] },
    private readonly guard: TextGuard,
    /** Offsets the reader can see or is about to: their sections are built before the others. */
    private readonly urgent: () => Iterable<number>,
    /** A place held on screen (a jump's target); while it holds, it is what is kept in view. */
    private readonly held: HeldView | null = null,
  ) {
    const count = sectionCount(doc.blocks.length);
    this.filled = Array.from({ length: count }, (_, i) => i < initiallyBuiltSections(doc.blocks.length));
    this.remaining = this.filled.filter((f) => !f).length;
  }

  get done(): boolean {
    return this.remaining === 0;
  }

  /** Whether every block of [start, end) is built. */
  isBuilt(start: number, end: number): boolean {
    if (this.remaining === 0) return true;
    const to = this.sectionAt(Math.max(start, end - 1));
    for (let i = Math.max(0, this.sectionAt(start)); i <= to; i++) if (!this.filled[i]) return false;
    return true;
  }

  /** Starts building in the background (idempotent). */
  start(): void {
    if (this.disposed || this.done || this.timer) return;
    this.timer = setTimeout(() => this.slice(), 0);
  }

  /** Builds the section holding `offset` now, so a jump there finds its text. */
  fillAt(offset: number): void {
    const i = this.sectionAt(offset);
    if (i >= 0 && !this.filled[i]) this.fill([i]);
  }

  /** Builds the sections intersecting [start, end) now. */
  fillRange(start: number, end: number): void {
    const from = this.sectionAt(start);
    const to = this.sectionAt(Math.max(start, end - 1));
    const todo: number[] = [];
    for (let i = Math.max(0, from); i <= to; i++) if (!this.filled[i]) todo.push(i);
    if (todo.length) this.fill(todo);
  }

  /** Builds every section now (e.g. before searching the whole DOM). */
  fillAll(): void {
    const todo = this.filled.flatMap((f, i) => (f ? [] : [i]));
    if (todo.length) this.fill(todo);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private slice(): void {
    this.timer = null;
    if (this.disposed || this.done) return;
    const t0 = performance.now();
    while (!this.done && performance.now() - t0 < SLICE_MS) {
      const next = this.nextToFill();
      if (next < 0) break;
      this.fill([next]);
    }
    if (!this.done) this.timer = setTimeout(() => this.slice(), 0);
  }

  private nextToFill(): number {
    for (const offset of this.urgent()) {
      const i = this.sectionAt(offset);
      if (i >= 0 && !this.filled[i]) return i;
    }
    return this.filled.indexOf(false);
  }

  private sectionAt(offset: number): number {
    const { blocks } = this.doc;
    const block = lastIndexAtOrBefore(blocks.length, (i) => blocks[i].start, offset);
    return block < 0 ? -1 : Math.floor(block / BLOCKS_PER_SECTION);
  }

  private fill(indices: number[]): void {
    const { doc } = this;
    // Marked first: the editor's update listeners run inside the update and read `done`.
    for (const i of indices) {
      if (!this.filled[i]) this.remaining--;
      this.filled[i] = true;
    }
    const held = this.held?.holding === true;
    const anchor = held ? null : this.viewportAnchor();
    this.guard.allow(() =>
      this.editor.update(
        () => {
          const sections = $getRoot().getChildren();
          for (const i of indices) {
            const section = sections[i];
            if (!$isArticleSection(section) || section.getChildrenSize() > 0) continue;
            const blocks = doc.blocks.slice(i * BLOCKS_PER_SECTION, (i + 1) * BLOCKS_PER_SECTION);
            section.append(...blocks.map((b) => $createArticleBlock(b, doc.text)));
          }
        },
        { discrete: true, tag: [SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG, HISTORY_MERGE_TAG] },
      ),
    );
    // A section built above what the reader sees changes its height from the estimate: keep the
    // text in view where it was (a jump's target, or else the first section the reader sees).
    if (held) this.held!.restore();
    else if (anchor && indices.some((i) => i < anchor.section)) {
      const drift = anchor.element.getBoundingClientRect().top - anchor.top;
      if (drift !== 0) anchor.scroller.scrollTop += drift;
    }
  }

  /** The first section the reader sees, and where it stands on screen. */
  private viewportAnchor(): { section: number; element: HTMLElement; top: number; scroller: HTMLElement } | null {
    const root = this.editor.getRootElement();
    const scroller = root?.closest<HTMLElement>('.article-scroll');
    if (!root || !scroller) return null;
    const view = scroller.getBoundingClientRect();
    const sections = root.children;
    for (let i = 0; i < sections.length; i++) {
      const element = sections[i] as HTMLElement;
      const box = element.getBoundingClientRect();
      if (box.bottom > view.top) return { section: i, element, top: box.top, scroller };
    }
    return null;
  }
}

export function sectionCount(blocks: number): number {
  return blocks <= BLOCKS_PER_SECTION ? 0 : Math.ceil(blocks / BLOCKS_PER_SECTION);
}

/** How many sections the article opens with already built: enough for the first screens. */
export function initiallyBuiltSections(blocks: number): number {
  return Math.min(1, sectionCount(blocks));
}
