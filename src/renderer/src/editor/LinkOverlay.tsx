import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import type { RelationKind } from '../../../shared/claim-structure';
import type { Annotation } from '../../../shared/types';
import type { ArticleEditorHandle } from './ArticleEditor';

export type OutlineKind = RelationKind | 'claim';

interface Props {
  editor: RefObject<ArticleEditorHandle | null>;
  /** The positioned element the overlay is drawn in (the article card). */
  container: RefObject<HTMLElement | null>;
  /** The claim (or source) selected or under the pointer. */
  focus: Annotation | null;
  /** What it is linked to or from. */
  spans: ReadonlyArray<{ annotation: Annotation; kind: OutlineKind }>;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}
interface Drawn {
  outlines: Array<Box & { kind: OutlineKind; key: string }>;
  /** `mark`: the letters shown at the target's line (one label per line: "S C" when source and cue share it). */
  connectors: Array<{ top: number; height: number; x: number; kind: OutlineKind; key: string; focusY: number; targetY: number; mark: string }>;
}

const EMPTY: Drawn = { outlines: [], connectors: [] };
const MARK: Record<OutlineKind, string> = { source: 'S', cue: 'C', claim: '' };

/**
 * Shows what a selected or hovered claim is linked to (#20): an outline around each linked span
 * (solid for a source, dashed for a cue), and a connector in the article's margin from the
 * claim's line to each linked span's line, never across the text. Decorative: the details
 * panel says the same in words.
 */
export function LinkOverlay({ editor, container, focus, spans }: Props) {
  const [drawn, setDrawn] = useState<Drawn>(EMPTY);
  const [tick, setTick] = useState(0);

  // After mount (the container's ref is set by then): redraw when the article's size changes.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const redraw = () => setTick((t) => t + 1);
    const observer = new ResizeObserver(redraw);
    observer.observe(el);
    window.addEventListener('resize', redraw);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', redraw);
    };
  }, [container]);

  useLayoutEffect(() => {
    const el = container.current;
    const handle = editor.current;
    if (!el || !handle || !focus || spans.length === 0) return setDrawn(EMPTY);
    const origin = el.getBoundingClientRect();
    // The connectors live in the card's start padding, left of the text.
    const band = parseFloat(getComputedStyle(el).paddingLeft) || 40;
    const local = (r: DOMRect): Box => ({ left: r.left - origin.left, top: r.top - origin.top, width: r.width, height: r.height });
    const focusRects = handle.clientRects(focus.start, focus.end).map(local);
    const outlines: Drawn['outlines'] = [];
    const connectors: Drawn['connectors'] = [];
    spans.forEach((s, i) => {
      const rects = handle.clientRects(s.annotation.start, s.annotation.end).map(local);
      rects.forEach((r, k) => outlines.push({ ...r, kind: s.kind, key: `${s.annotation.id}-${k}` }));
      if (rects.length === 0 || focusRects.length === 0) return;
      const focusY = focusRects[0].top + focusRects[0].height / 2;
      const targetY = rects[0].top + rects[0].height / 2;
      const top = Math.min(focusY, targetY);
      const sameLine = connectors.find((c) => Math.abs(c.top + c.targetY - targetY) < 4);
      if (sameLine) sameLine.mark = [sameLine.mark, MARK[s.kind]].filter(Boolean).join(' ');
      connectors.push({
        top,
        height: Math.max(Math.abs(targetY - focusY), 2),
        x: Math.max(3, band - 20 - (i % 4) * 5),
        kind: s.kind,
        key: s.annotation.id,
        focusY: focusY - top,
        targetY: targetY - top,
        mark: sameLine ? '' : MARK[s.kind],
      });
    });
    setDrawn({ outlines, connectors });
    // tick: the article's size changed (a resize, a font change): draw again.
  }, [editor, container, focus, spans, tick]);

  if (drawn.outlines.length === 0) return null;
  return (
    <div className="link-overlay" aria-hidden="true">
      {drawn.outlines.map((o) => (
        <div key={o.key} className={`link-outline is-${o.kind}`} style={{ left: o.left - 2, top: o.top - 1, width: o.width + 4, height: o.height + 2 }} />
      ))}
      {drawn.connectors.map((c) => (
        <div key={c.key} className={`link-connector is-${c.kind}`} style={{ left: c.x, top: c.top, height: c.height }}>
          <span className="link-tick is-focus" style={{ top: c.focusY }} />
          <span className="link-tick is-target" style={{ top: c.targetY }}>
            {c.mark && <span className="link-mark">{c.mark}</span>}
          </span>
        </div>
      ))}
    </div>
  );
}
