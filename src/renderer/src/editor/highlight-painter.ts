import type { Annotation, Label } from '../../../shared/types';
import type { BlockIndex } from './dom-offsets';
import { appearanceOf, withAlpha } from './label-appearance';

const SELECTED = 'ct-selected';
const SEARCH = 'ct-search';
const SEARCH_CURRENT = 'ct-search-current';

/**
 * Paints annotations with the CSS Custom Highlight API over the article's text nodes.
 * Nothing is inserted into the editor's DOM, so Lexical's tree stays exactly the
 * document text (no mark nodes to reconcile, nothing for undo to resurrect) and
 * thousands of highlights cost no layout.
 */
export class HighlightPainter {
  private readonly sheet = new CSSStyleSheet();
  private labelNames = new Map<string, string>();
  /** One live Highlight per label name, registered once. */
  private readonly highlights = new Map<string, Highlight>();
  /** What is painted now, by annotation id. */
  private readonly painted = new Map<string, { name: string; range: StaticRange; start: number; end: number }>();
  private paintedIndex: BlockIndex | null = null;

  constructor() {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
  }

  static isSupported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
  }

  setLabels(labels: Label[]): void {
    // Label names map to highlight names by position; a changed tag set repaints from scratch.
    this.painted.clear();
    for (const h of this.highlights.values()) h.clear();
    this.paintedIndex = null;
    this.labelNames = new Map();
    const rules: string[] = [];
    labels.forEach((label, i) => {
      const look = appearanceOf(label, i);
      this.labelNames.set(label.id, look.highlightName);
      rules.push(
        `::highlight(${look.highlightName}) { background-color: ${withAlpha(look.color, 0.16)}; text-decoration-line: underline; text-decoration-style: ${look.underline}; text-decoration-color: ${look.color}; text-decoration-thickness: 2px; }`,
      );
    });
    rules.push(`::highlight(${SELECTED}) { background-color: rgba(255, 196, 0, 0.45); color: inherit; }`);
    rules.push(`::highlight(${SEARCH}) { background-color: rgba(120, 120, 255, 0.28); }`);
    rules.push(`::highlight(${SEARCH_CURRENT}) { background-color: rgba(255, 140, 0, 0.55); }`);
    this.sheet.replaceSync(rules.join('\n'));
  }

  /**
   * Brings the painted highlights in line with `annotations`. Only what changed is added to
   * or removed from the persistent per-label highlights, so tagging one claim in a document
   * with thousands costs one range, not a rebuild. A new block index (the DOM was rebuilt)
   * starts over.
   */
  paint(index: BlockIndex, annotations: readonly Annotation[]): void {
    if (index !== this.paintedIndex) {
      this.painted.clear();
      for (const h of this.highlights.values()) h.clear();
      this.paintedIndex = index;
    }
    const wanted = new Map<string, Annotation>();
    for (const a of annotations) if (this.labelNames.has(a.labelId)) wanted.set(a.id, a);
    for (const [id, p] of this.painted) {
      const a = wanted.get(id);
      if (!a || a.start !== p.start || a.end !== p.end || this.labelNames.get(a.labelId) !== p.name) {
        this.highlights.get(p.name)?.delete(p.range);
        this.painted.delete(id);
      }
    }
    for (const a of wanted.values()) {
      if (this.painted.has(a.id)) continue;
      const name = this.labelNames.get(a.labelId)!;
      const range = index.rangeFor(a.start, a.end);
      if (!range) continue;
      this.highlightFor(name).add(range);
      this.painted.set(a.id, { name, range, start: a.start, end: a.end });
    }
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
    const range = annotation ? index.rangeFor(annotation.start, annotation.end) : null;
    if (range) {
      const h = new Highlight(range);
      h.priority = 10;
      CSS.highlights.set(SELECTED, h);
    } else CSS.highlights.delete(SELECTED);
  }

  /** Search hits in a soft colour, the current one stronger. */
  search(index: BlockIndex, hits: ReadonlyArray<readonly [number, number]>, current: number): void {
    const ranges = hits.map(([s, e]) => index.rangeFor(s, e)).filter((r): r is StaticRange => r !== null);
    if (ranges.length) CSS.highlights.set(SEARCH, new Highlight(...ranges));
    else CSS.highlights.delete(SEARCH);
    const cur = hits[current] ? index.rangeFor(hits[current][0], hits[current][1]) : null;
    if (cur) {
      const h = new Highlight(cur);
      h.priority = 20;
      CSS.highlights.set(SEARCH_CURRENT, h);
    } else CSS.highlights.delete(SEARCH_CURRENT);
  }

  dispose(): void {
    CSS.highlights.delete(SEARCH_CURRENT);
    for (const name of this.highlights.keys()) CSS.highlights.delete(name);
    CSS.highlights.delete(SELECTED);
    CSS.highlights.delete(SEARCH);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }
}
