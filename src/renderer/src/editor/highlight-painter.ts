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

  constructor() {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.sheet];
  }

  static isSupported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
  }

  setLabels(labels: Label[]): void {
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

  paint(index: BlockIndex, annotations: readonly Annotation[], hiddenLabels: ReadonlySet<string> = new Set()): void {
    const byName = new Map<string, StaticRange[]>();
    for (const a of annotations) {
      if (hiddenLabels.has(a.labelId)) continue;
      const name = this.labelNames.get(a.labelId);
      const range = name ? index.rangeFor(a.start, a.end) : null;
      if (!name || !range) continue;
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push(range);
    }
    for (const name of this.labelNames.values()) {
      const ranges = byName.get(name);
      if (ranges?.length) CSS.highlights.set(name, new Highlight(...ranges));
      else CSS.highlights.delete(name);
    }
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
    for (const name of this.labelNames.values()) CSS.highlights.delete(name);
    CSS.highlights.delete(SELECTED);
    CSS.highlights.delete(SEARCH);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== this.sheet);
  }
}
