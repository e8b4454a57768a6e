import { memo, useEffect, useRef } from 'react';
import type { Difference, DifferenceKind } from '../../../shared/compare';
import type { DocumentRecord } from '../../../shared/types';

const HIGHLIGHT: Record<DifferenceKind, string> = {
  agreement: 'ct-cmp-agreement',
  'label-conflict': 'ct-cmp-label',
  'boundary-conflict': 'ct-cmp-boundary',
  missed: 'ct-cmp-missed',
};
const ACTIVE = 'ct-cmp-active';
const SETTLED = 'ct-cmp-settled';
const ALL_NAMES = [...Object.values(HIGHLIGHT), ACTIVE, SETTLED];

const supported = (): boolean => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';

interface Props {
  document: DocumentRecord;
  differences: readonly Difference[];
  activeId: string | null;
  onPick(id: string): void;
}

/** The article as plain, read-only paragraphs with each difference painted by kind. */
export const CompareText = memo(function CompareText({ document: doc, differences, activeId, onPick }: Props) {
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = root.current;
    if (!el || !supported()) return;
    const byName = new Map<string, StaticRange[]>();
    const push = (name: string, range: StaticRange) => {
      const list = byName.get(name);
      if (list) list.push(range);
      else byName.set(name, [range]);
    };
    for (const d of differences) {
      const range = rangeFor(el, doc, d.start, d.end);
      if (!range) continue;
      push(d.settled ? SETTLED : HIGHLIGHT[d.kind], range);
      if (d.id === activeId) push(ACTIVE, range);
    }
    for (const name of ALL_NAMES) {
      const ranges = byName.get(name);
      if (ranges?.length) {
        const h = new Highlight(...ranges);
        if (name === ACTIVE) h.priority = 10;
        CSS.highlights.set(name, h);
      } else CSS.highlights.delete(name);
    }
  }, [doc, differences, activeId]);

  useEffect(() => () => ALL_NAMES.forEach((n) => supported() && CSS.highlights.delete(n)), []);

  useEffect(() => {
    const active = differences.find((d) => d.id === activeId);
    const el = root.current;
    if (!active || !el) return;
    const block = blockElementAt(el, active.start);
    block?.scrollIntoView({ block: 'nearest' });
  }, [activeId, differences]);

  const onClick = (e: React.MouseEvent) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return;
    const pos = caretOffset(e.clientX, e.clientY);
    const el = root.current;
    if (!pos || !el) return;
    const p = (pos.node.nodeType === Node.TEXT_NODE ? pos.node.parentElement : (pos.node as Element))?.closest<HTMLElement>('[data-start]');
    if (!p || !el.contains(p)) return;
    const offset = Number(p.dataset.start) + pos.offset;
    const hit = differences.find((d) => d.start <= offset && offset < d.end);
    if (hit) onPick(hit.id);
  };

  return (
    <div ref={root} className="compare-text" onClick={onClick} aria-label="Article text with differences marked" role="document">
      {doc.blocks.map((b) => (
        <p key={b.start} dir="auto" data-start={b.start} className={`compare-block compare-block-${b.kind}`} data-level={b.level}>
          {doc.text.slice(b.start, b.end)}
        </p>
      ))}
    </div>
  );
});

function blockElementAt(root: HTMLElement, offset: number): HTMLElement | null {
  const blocks = root.querySelectorAll<HTMLElement>('[data-start]');
  let found: HTMLElement | null = null;
  for (const b of blocks) {
    if (Number(b.dataset.start) <= offset) found = b;
    else break;
  }
  return found;
}

/** The text node and offset inside it for a document offset (clamped into the nearest block). */
function pointAt(root: HTMLElement, doc: DocumentRecord, offset: number, isEnd: boolean): { node: Node; offset: number } | null {
  const blocks = doc.blocks;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    if (offset < b.start) {
      // in the gap before block k
      if (isEnd && k > 0) return textPoint(root, blocks[k - 1].start, blocks[k - 1].end - blocks[k - 1].start);
      return textPoint(root, b.start, 0);
    }
    if (offset <= b.end && !(offset === b.end && !isEnd && k + 1 < blocks.length && blocks[k + 1].start === offset)) {
      return textPoint(root, b.start, offset - b.start);
    }
  }
  const last = blocks[blocks.length - 1];
  return last ? textPoint(root, last.start, last.end - last.start) : null;
}

function textPoint(root: HTMLElement, blockStart: number, within: number): { node: Node; offset: number } | null {
  const p = root.querySelector(`[data-start="${blockStart}"]`);
  if (!p) return null;
  const text = p.firstChild;
  if (!text) return { node: p, offset: 0 };
  return { node: text, offset: Math.min(within, (text as Text).length) };
}

function rangeFor(root: HTMLElement, doc: DocumentRecord, start: number, end: number): StaticRange | null {
  const a = pointAt(root, doc, start, false);
  const b = pointAt(root, doc, end, true);
  if (!a || !b) return null;
  return new StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
}

function caretOffset(x: number, y: number): { node: Node; offset: number } | null {
  const d = document as Document & { caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
