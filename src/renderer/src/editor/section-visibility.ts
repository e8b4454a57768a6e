/** [from, to) in document offsets. */
export type OffsetWindow = readonly [number, number];

/**
 * Which sections of a long article are on screen or within a screen of it, as windows of
 * document offsets. Highlights are registered only inside these windows: Chromium revisits
 * every registered range whenever any highlight changes, so 10,000 registered ranges would
 * make each new tag cost a full pass, while the few hundred near the viewport cost little.
 */
export class SectionVisibility {
  private readonly observer: IntersectionObserver;
  private readonly near = new Set<HTMLElement>();
  private readonly observed = new WeakSet<Element>();
  /** Windows made visible by the app itself (a jump), until the observer reports the new truth. */
  private forced: OffsetWindow[] = [];

  constructor(scroller: Element | null, onChange: () => void) {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const el = e.target as HTMLElement;
          if (e.isIntersecting) this.near.add(el);
          else this.near.delete(el);
        }
        this.forced = [];
        onChange();
      },
      { root: scroller, rootMargin: '100% 0px' },
    );
  }

  /** Starts watching the article's sections; until the first report, the first section counts as visible. */
  observe(root: HTMLElement): void {
    const sections = root.querySelectorAll<HTMLElement>('[data-section]');
    for (const el of sections) {
      if (this.observed.has(el)) continue;
      if (this.near.size === 0 && this.forced.length === 0) this.forced.push(windowOf(el));
      this.observer.observe(el);
      this.observed.add(el);
    }
  }

  /** Treats [start, end) as visible now (before a programmatic scroll there). */
  force(start: number, end: number): void {
    this.forced.push([start, end]);
  }

  windows(): OffsetWindow[] {
    return [...Array.from(this.near, windowOf), ...this.forced];
  }

  dispose(): void {
    this.observer.disconnect();
  }
}

function windowOf(el: HTMLElement): OffsetWindow {
  return [Number(el.dataset.from), Number(el.dataset.to)];
}

/** Whether [start, end) touches any window; no windows (a short article) means everything is visible. */
export function inWindows(windows: readonly OffsetWindow[] | null, start: number, end: number): boolean {
  if (!windows) return true;
  for (const [from, to] of windows) if (start < to && Math.max(end, start + 1) > from) return true;
  return false;
}
