/** Where a jump puts its target in the article's scroller. */
export type JumpPlacement = 'third' | 'center';

/** Keys that scroll the article by themselves: pressing one hands the scroll position back to the reader. */
const SCROLLING_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);
/** Input by which the reader scrolls (or starts to) on his own. */
const USER_SCROLL_EVENTS = ['wheel', 'touchstart', 'pointerdown'] as const;
/** Controls that may sit inside the scroller (the find bar): pressing or typing in them scrolls nothing. */
const CONTROLS = 'input, textarea, select, button';
/** Frames without any drift, once the article is complete, after which the hold ends by itself. */
const SETTLE_FRAMES = 10;
/** Margin (px) inside the scroller within which a target counts as comfortably in view. */
const COMFORT = 40;

/**
 * Brings a jump's target (a list click, J/K, a find hit, Go to source) into view and holds it
 * where the jump put it while the layout above it is still changing: sections built in the
 * background after the jump, and sections the browser lays out for real once they come near the
 * viewport (content-visibility), differ from their estimated height and would push the target
 * away. The hold re-places the target after every such change (a ResizeObserver on the
 * sections, the section filler right after each build, and every frame) and ends when the
 * reader scrolls by himself (wheel, touch, pointer, scrolling keys — or any scroll to a position
 * the hold did not set), at the next jump, or once the article is complete and the layout has
 * settled.
 *
 * While it holds, the scroller's own scroll anchoring is turned off: the browser picks its
 * anchor by its own rules (e.g. a placeholder section above the target), and two owners of the
 * scroll position would fight.
 */
export class JumpAnchor {
  private target: { start: number; end: number; top: number } | null = null;
  /** The scroll position the hold last left the scroller at. */
  private heldScrollTop = 0;
  private readonly resize: ResizeObserver;
  private readonly observed = new WeakSet<Element>();
  private frame = 0;
  private quietFrames = 0;

  constructor(
    private readonly scroller: HTMLElement,
    /** The target's box in viewport coordinates, or null while it is not built. */
    private readonly locate: (start: number, end: number) => DOMRect | null,
    /** The elements whose size changes can move the target (the article's sections or blocks). */
    private readonly watched: () => Iterable<Element>,
    /** Whether nothing more will be built (the layout only settles from then on). */
    private readonly complete: () => boolean,
  ) {
    this.resize = new ResizeObserver(() => this.restore());
    for (const type of USER_SCROLL_EVENTS) scroller.addEventListener(type, this.onUserScroll, { capture: true, passive: true });
    scroller.addEventListener('keydown', this.onKey, { capture: true });
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
  }

  get holding(): boolean {
    return this.target !== null;
  }

  /**
   * Scrolls [start, end) into view — unless it is already comfortably in view — at a third of
   * the height (or centred), and holds it there. False when the target is not built.
   */
  jump(start: number, end: number, placement: JumpPlacement): boolean {
    this.release();
    const rect = this.locate(start, end);
    if (!rect) return false;
    const box = this.scroller.getBoundingClientRect();
    const inView = rect.top >= box.top + COMFORT && rect.bottom <= box.bottom - COMFORT;
    const top = inView ? rect.top - box.top : placement === 'center' ? (box.height - rect.height) / 2 : box.height / 3;
    this.target = { start, end, top };
    this.heldScrollTop = this.scroller.scrollTop;
    this.scroller.style.overflowAnchor = 'none';
    this.restore();
    for (const el of this.watched()) {
      if (this.observed.has(el)) continue;
      this.resize.observe(el);
      this.observed.add(el);
    }
    this.frame = requestAnimationFrame(this.onFrame);
    return true;
  }

  /** Puts the held target back where the jump put it (after the layout above it changed). */
  restore(): boolean {
    const target = this.target;
    if (!target) return false;
    if (this.scrolledByOthers()) {
      this.release();
      return false;
    }
    const rect = this.locate(target.start, target.end);
    if (!rect) return true;
    const drift = rect.top - this.scroller.getBoundingClientRect().top - target.top;
    if (Math.abs(drift) >= 1) {
      this.scroller.scrollTop += drift;
      this.heldScrollTop = this.scroller.scrollTop;
      this.quietFrames = 0;
    }
    return true;
  }

  /**
   * Whether the scroll position moved without the hold (the reader dragged the scrollbar, or
   * other code scrolled) — not counting the browser pulling it back when the end of the article
   * came up (a shorter article than estimated).
   */
  private scrolledByOthers(): boolean {
    const { scrollTop, scrollHeight, clientHeight } = this.scroller;
    if (Math.abs(scrollTop - this.heldScrollTop) < 1) return false;
    const clamped = scrollTop < this.heldScrollTop && scrollTop >= scrollHeight - clientHeight - 1;
    if (clamped) this.heldScrollTop = scrollTop;
    return !clamped;
  }

  release(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.quietFrames = 0;
    if (!this.target) return;
    this.target = null;
    this.scroller.style.overflowAnchor = '';
  }

  dispose(): void {
    this.release();
    this.resize.disconnect();
    for (const type of USER_SCROLL_EVENTS) this.scroller.removeEventListener(type, this.onUserScroll, { capture: true });
    this.scroller.removeEventListener('keydown', this.onKey, { capture: true });
    this.scroller.removeEventListener('scroll', this.onScroll);
  }

  private readonly onFrame = () => {
    this.frame = 0;
    if (!this.target) return;
    this.restore();
    if (this.complete()) this.quietFrames++;
    if (this.quietFrames >= SETTLE_FRAMES) this.release();
    else this.frame = requestAnimationFrame(this.onFrame);
  };

  private readonly onUserScroll = (e: Event) => {
    // A press on a control inside the scroller (the find bar's field or buttons) does not scroll.
    if (e.type !== 'wheel' && e.target instanceof Element && e.target.closest(CONTROLS)) return;
    this.release();
  };

  private readonly onScroll = () => {
    if (this.target && this.scrolledByOthers()) this.release();
  };

  private readonly onKey = (e: KeyboardEvent) => {
    // Keys typed in a control inside the scroller (the find bar's field) move its caret, not the article.
    if (e.target instanceof Element && e.target.closest(CONTROLS)) return;
    if (SCROLLING_KEYS.has(e.key)) this.release();
  };
}
