import type { Annotation, Label } from '../../../shared/types';
import type { BlockIndex } from './dom-offsets';
import { HIGHLIGHT_ALPHA } from '../../../shared/contrast';
import { appearanceOf, withAlpha } from './label-appearance';
import { inWindows, type OffsetWindow } from './section-visibility';

const SELECTED = 'ct-selected';
/** Two kinds of search marks, each with its current hit: the find bar's (Ctrl+F) and the library search's words. */
export type SearchChannel = 'find' | 'library';
const SEARCH_NAMES: Record<SearchChannel, { all: string; current: string }> = {
  find: { all: 'ct-search', current: 'ct-search-current' },
  library: { all: 'ct-library-hit', current: 'ct-library-hit-current' },
};
interface SearchMarks {
  hits: ReadonlyArray<readonly [number, number]>;
  current: number;
  shown: boolean;
}

interface Painted {
  name: string;
  range: StaticRange;
  start: number;
  end: number;
}

/**
 * Paints annotations with the CSS Custom Highlight API over the article's text nodes.
 * Nothing is inserted into the editor's DOM, so Lexical's tree stays exactly the
 * document text (no mark nodes to reconcile, nothing for undo to resurrect) and
 * thousands of highlights cost no layout. Only annotations inside the visible windows
 * (see section-visibility.ts) are registered; the rest are registered as they come near.
 */
/** Which overlay an annotation is painted as: another analyst's layer, the reference, or null for the analyst's own. */
export type OverlayKind = 'colleague' | 'reference';
export type OverlayOf = (a: Annotation) => OverlayKind | null;
const noOverlay: OverlayOf = () => null;
export const OVERLAY_NAMES: Record<OverlayKind, string> = { colleague: 'ct-layer-colleague', reference: 'ct-layer-reference' };

export class HighlightPainter {
  private readonly sheet = new CSSStyleSheet();
  private labelNames = new Map<string, string>();
  /** One live Highlight per label name, registered once. */
  private readonly highlights = new Map<string, Highlight>();
  /** What should be painted, by annotation id (highlight name and offsets). */
  private wanted = new Map<string, { name: string; start: number; end: number }>();
  /** What is registered now, by annotation id. */
  private readonly painted = new Map<string, Painted>();
  private windows: readonly OffsetWindow[] | null = null;
  private index: BlockIndex | null = null;
  private readonly searches: Record<SearchChannel, SearchMarks> = {
    find: { hits: [], current: -1, shown: false },
    library: { hits: [], current: -1, shown: false },
  };
  /** Tags shown the moment the key is pressed, until the saved annotation is painted in their place. */
  private readonly provisional = new Map<number, { name: string; range: StaticRange }>();
  private nextProvisional = 0;

  /** `built` says whether the article's blocks for [start, end) exist yet (long articles are built in the background). */
  constructor(private readonly built: (start: number, end: number) => boolean = () => true) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
  }

  static isSupported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
  }

  setLabels(labels: Label[]): void {
    // Label names map to highlight names by position; a changed tag set repaints from scratch.
    this.painted.clear();
    this.provisional.clear();
    for (const h of this.highlights.values()) h.clear();
    this.labelNames = new Map();
    const rules: string[] = [];
    labels.forEach((label, i) => {
      const look = appearanceOf(label, i);
      this.labelNames.set(label.id, look.highlightName);
      rules.push(
        `::highlight(${look.highlightName}) { background-color: ${withAlpha(look.color, HIGHLIGHT_ALPHA)}; text-decoration-line: underline; text-decoration-style: ${look.underline}; text-decoration-color: ${look.color}; text-decoration-thickness: 2px; }`,
      );
    });
    // Other analysts' layers: read-only overlays, drawn with an overline (hers are underlined) and no label colour.
    rules.push(`::highlight(${OVERLAY_NAMES.colleague}) { background-color: rgba(110, 84, 200, 0.10); text-decoration-line: overline; text-decoration-style: dotted; text-decoration-color: #6e54c8; text-decoration-thickness: 2px; }`);
    rules.push(`::highlight(${OVERLAY_NAMES.reference}) { background-color: rgba(20, 130, 140, 0.10); text-decoration-line: overline; text-decoration-style: double; text-decoration-color: #14828c; text-decoration-thickness: 2px; }`);
    rules.push(`::highlight(${SELECTED}) { background-color: rgba(255, 196, 0, 0.45); color: inherit; }`);
    rules.push(`::highlight(${SEARCH_NAMES.find.all}) { background-color: rgba(120, 120, 255, 0.28); }`);
    rules.push(`::highlight(${SEARCH_NAMES.find.current}) { background-color: rgba(255, 140, 0, 0.55); }`);
    // The library search's words: a marker-pen band with a dotted overline, unlike a claim's tint and underline.
    rules.push(`::highlight(${SEARCH_NAMES.library.all}) { background-color: rgba(0, 160, 190, 0.24); text-decoration-line: overline; text-decoration-style: dotted; text-decoration-color: #00829b; }`);
    rules.push(`::highlight(${SEARCH_NAMES.library.current}) { background-color: rgba(0, 160, 190, 0.55); text-decoration-line: overline; text-decoration-style: solid; text-decoration-color: #00829b; }`);
    this.sheet.replaceSync(rules.join('\n'));
  }

  /**
   * Brings the painted highlights in line with `annotations`. Only what changed is added to
   * or removed from the persistent per-label highlights, so tagging one claim in a document
   * with thousands costs one range, not a rebuild.
   */
  paint(index: BlockIndex, annotations: readonly Annotation[], overlayOf: OverlayOf = noOverlay): void {
    this.index = index;
    const wanted = new Map<string, { name: string; start: number; end: number }>();
    for (const a of annotations) {
      const overlay = overlayOf(a);
      const name = overlay ? OVERLAY_NAMES[overlay] : this.labelNames.get(a.labelId);
      if (name) wanted.set(a.id, { name, start: a.start, end: a.end });
    }
    this.wanted = wanted;
    this.reconcile();
  }

  /** The parts of the article near the viewport (null: all of it). Repaints what entered or left. */
  setWindows(index: BlockIndex | null, windows: readonly OffsetWindow[] | null): void {
    this.windows = windows;
    if (index) this.index = index;
    this.reconcile();
    this.paintSearch('find');
    this.paintSearch('library');
  }

  /** The block index changed (more of the article was built): paint what is now reachable. */
  setIndex(index: BlockIndex): void {
    this.setWindows(index, this.windows);
  }

  private shows(start: number, end: number): boolean {
    return inWindows(this.windows, start, end) && this.built(start, end);
  }

  private reconcile(): void {
    const { index } = this;
    if (!index) return;
    for (const [id, p] of this.painted) {
      const w = this.wanted.get(id);
      if (
        !w ||
        w.start !== p.start ||
        w.end !== p.end ||
        w.name !== p.name ||
        !this.shows(w.start, w.end) ||
        !p.range.startContainer.isConnected ||
        !p.range.endContainer.isConnected
      ) {
        this.highlights.get(p.name)?.delete(p.range);
        this.painted.delete(id);
      }
    }
    for (const [id, w] of this.wanted) {
      if (this.painted.has(id) || !this.shows(w.start, w.end)) continue;
      const range = index.rangeFor(w.start, w.end);
      if (!range) continue;
      this.highlightFor(w.name).add(range);
      this.painted.set(id, { ...w, range });
    }
  }

  /** Paints a tag being saved; returns a handle for `dropProvisional`, or null if it cannot be shown. */
  showProvisional(index: BlockIndex, labelId: string, start: number, end: number): number | null {
    const name = this.labelNames.get(labelId);
    const range = name ? index.rangeFor(start, end) : null;
    if (!name || !range) return null;
    this.highlightFor(name).add(range);
    this.provisional.set(++this.nextProvisional, { name, range });
    return this.nextProvisional;
  }

  dropProvisional(handle: number): void {
    const p = this.provisional.get(handle);
    if (!p) return;
    this.highlights.get(p.name)?.delete(p.range);
    this.provisional.delete(handle);
  }

  private highlightFor(name: string): Highlight {
    let h = this.highlights.get(name);
    if (!h) {
      h = new Highlight();
      this.highlights.set(name, h);
      CSS.highlights.set(name, h);
    }
    return h;
  }

  select(index: BlockIndex, annotation: Annotation | null): void {
    const range = annotation && this.built(annotation.start, annotation.end) ? index.rangeFor(annotation.start, annotation.end) : null;
    if (range) {
      const h = new Highlight(range);
      h.priority = 10;
      CSS.highlights.set(SELECTED, h);
    } else CSS.highlights.delete(SELECTED);
  }

  /** Search hits in a soft colour, the current one stronger (registered near the viewport only, like annotations). */
  search(index: BlockIndex, hits: ReadonlyArray<readonly [number, number]>, current: number, channel: SearchChannel = 'find'): void {
    this.index = index;
    this.searches[channel] = { ...this.searches[channel], hits, current };
    this.paintSearch(channel);
  }

  private paintSearch(channel: SearchChannel): void {
    const { index } = this;
    const marks = this.searches[channel];
    const names = SEARCH_NAMES[channel];
    if (!index || (marks.hits.length === 0 && !marks.shown)) return;
    marks.shown = marks.hits.length > 0;
    const ranges: StaticRange[] = [];
    for (const [s, e] of marks.hits) {
      if (!this.shows(s, e)) continue;
      const r = index.rangeFor(s, e);
      if (r) ranges.push(r);
    }
    if (ranges.length) {
      const all = new Highlight(...ranges);
      all.priority = 5;
      CSS.highlights.set(names.all, all);
    } else CSS.highlights.delete(names.all);
    const hit = marks.hits[marks.current];
    const cur = hit && this.built(hit[0], hit[1]) ? index.rangeFor(hit[0], hit[1]) : null;
    if (cur) {
      const h = new Highlight(cur);
      h.priority = 20;
      CSS.highlights.set(names.current, h);
    } else CSS.highlights.delete(names.current);
  }

  dispose(): void {
    for (const names of Object.values(SEARCH_NAMES)) {
      CSS.highlights.delete(names.all);
      CSS.highlights.delete(names.current);
    }
    for (const name of this.highlights.keys()) CSS.highlights.delete(name);
    CSS.highlights.delete(SELECTED);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }
}
