import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot } from 'lexical';
import type { Annotation, DocumentRecord, Label } from '../../../shared/types';
import { $createArticleBlock, $createArticleSection, ArticleBlockNode, ArticleSectionNode, BLOCKS_PER_SECTION } from './article-block-node';
import { BlockIndex, snapToWords } from './dom-offsets';
import { HighlightPainter, type OverlayOf } from './highlight-painter';
import { JumpAnchor } from './jump-anchor';
import { guardTextFromEdits } from './read-only-guard';
import { initiallyBuiltSections, SectionFiller } from './section-filler';
import { SectionVisibility } from './section-visibility';

export interface ArticleEditorHandle {
  /** The current text selection as document offsets snapped to words, or null. */
  selectionOffsets(): [number, number] | null;
  clearSelection(): void;
  scrollToAnnotation(annotation: Annotation): void;
  /** Paints search hits and scrolls to the current one. */
  showSearch(hits: ReadonlyArray<readonly [number, number]>, current: number): void;
  /** Paints the library search's words (a mark unlike a claim's) and scrolls to the current one, if any; false while the article is not shown yet. */
  showLibraryHits(hits: ReadonlyArray<readonly [number, number]>, current: number): boolean;
  /** Selects [start, end) in the article and gives it focus (keyboard tagging after a find). */
  selectRange(start: number, end: number): void;
  /** Scrolls a document offset into view and puts the caret there. */
  scrollToOffset(offset: number): void;
  focus(): void;
  /**
   * Shows a tag the moment it is made, while it is being saved. The returned function takes it
   * away once the saved annotation has been painted in its place (or the save failed).
   */
  showProvisional(labelId: string, start: number, end: number): () => void;
  /** The caret's document offset when the selection is collapsed in the article, else null. */
  caretOffset(): number | null;
  /** The line boxes of [start, end) in viewport coordinates (empty when that part is not built). */
  clientRects(start: number, end: number): DOMRect[];
}

interface Props {
  document: DocumentRecord;
  labels: Label[];
  annotations: readonly Annotation[];
  /** Which of `annotations` belong to other layers (painted as read-only overlays). */
  overlayOf?: OverlayOf;
  selected: Annotation | null;
  /** A click (no drag) at a document offset: the workbench decides which annotation it picks. */
  onClickOffset(offset: number): void;
  onSelectionChange(rect: DOMRect | null): void;
  /** The pointer rests over a document offset (null: off the text). */
  onHoverOffset?(offset: number | null): void;
  ref?: Ref<ArticleEditorHandle>;
}

export function ArticleEditor(props: Props) {
  const { document: doc } = props;
  const initialConfig = {
    namespace: 'claimtag-article',
    nodes: [ArticleBlockNode, ArticleSectionNode],
    editable: true,
    theme: {},
    onError(error: Error) {
      console.error('claimtag editor:', error);
    },
    editorState() {
      const root = $getRoot();
      if (doc.blocks.length <= BLOCKS_PER_SECTION) {
        for (const block of doc.blocks) root.append($createArticleBlock(block, doc.text));
        return;
      }
      // Long articles open with their first section(s) built; SectionFiller builds the rest.
      const built = initiallyBuiltSections(doc.blocks.length) * BLOCKS_PER_SECTION;
      for (let i = 0; i < doc.blocks.length; i += BLOCKS_PER_SECTION) {
        const next = doc.blocks[i + BLOCKS_PER_SECTION];
        const section = $createArticleSection(doc.blocks[i].start, next ? next.start : doc.text.length);
        if (i < built) for (const block of doc.blocks.slice(i, i + BLOCKS_PER_SECTION)) section.append($createArticleBlock(block, doc.text));
        root.append(section);
      }
    },
  };
  return (
    <LexicalComposer key={doc.id} initialConfig={initialConfig}>
      <ArticleSurface {...props} />
    </LexicalComposer>
  );
}

function ArticleSurface({ document: doc, labels, annotations, overlayOf, selected, onClickOffset, onSelectionChange, onHoverOffset, ref }: Props) {
  const [editor] = useLexicalComposerContext();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const indexRef = useRef<BlockIndex | null>(null);
  const painterRef = useRef<HighlightPainter | null>(null);
  const fillerRef = useRef<SectionFiller | null>(null);
  const visibilityRef = useRef<SectionVisibility | null>(null);
  const anchorRef = useRef<JumpAnchor | null>(null);
  const latest = useRef({ annotations, overlayOf, selected, onClickOffset, onSelectionChange, onHoverOffset });
  useLayoutEffect(() => {
    latest.current = { annotations, overlayOf, selected, onClickOffset, onSelectionChange, onHoverOffset };
  });
  const hoverFrame = useRef(0);

  const root = () => editor.getRootElement();
  /** Builds [start, end) if it is not yet, and paints it as visible ahead of a jump there. */
  const reach = (start: number, end: number) => {
    fillerRef.current?.fillRange(start, end);
    const visibility = visibilityRef.current;
    if (visibility && root()?.querySelector('[data-section]')) {
      visibility.force(start, end);
      painterRef.current?.setWindows(indexRef.current, visibility.windows());
    }
  };

  // The text guard, the background building of long articles, which sections are near the
  // viewport, the painter, the hold on a jump's target, and the block index (rebuilt whenever
  // Lexical renders blocks).
  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (!wrapper) return;
    const scroller = wrapper.closest<HTMLElement>('.article-scroll');
    const guard = guardTextFromEdits(editor, wrapper);
    const visibility = new SectionVisibility(scroller, () => {
      painter?.setWindows(indexRef.current, visibility.windows());
    });
    const filler = new SectionFiller(editor, doc, guard, () => visibility.windows().map(([from]) => from), {
      get holding(): boolean {
        return anchor?.holding ?? false;
      },
      restore: (): void => void anchor?.restore(),
    });
    const painter = HighlightPainter.isSupported() ? new HighlightPainter((start, end) => filler.isBuilt(start, end)) : null;
    const anchor: JumpAnchor | null = scroller
      ? new JumpAnchor(
          scroller,
          (start, end) => boxOf(indexRef.current, start, end),
          () => {
            const el = editor.getRootElement();
            return el?.querySelector('[data-section]') ? Array.from(el.children) : [];
          },
          () => filler.done,
        )
      : null;
    painterRef.current = painter;
    fillerRef.current = filler;
    visibilityRef.current = visibility;
    anchorRef.current = anchor;
    let measured = false;
    const rebuild = () => {
      const el = editor.getRootElement();
      if (!el || !el.querySelector('[data-start]')) return;
      const fresh = !indexRef.current;
      indexRef.current = new BlockIndex(el);
      if (el.querySelector('[data-section]')) {
        visibility.observe(el);
        if (!measured) measured = measureSectionHeight(el);
      }
      if (painter) {
        const { annotations: a, selected: s, overlayOf: o } = latest.current;
        if (fresh) {
          painter.setWindows(indexRef.current, el.querySelector('[data-section]') ? visibility.windows() : null);
          painter.paint(indexRef.current, a, o);
        } else painter.setIndex(indexRef.current);
        painter.select(indexRef.current, s);
      }
      el.dataset.ready = 'true';
      el.dataset.complete = String(filler.done);
      filler.start();
    };
    const unregister = editor.registerUpdateListener(({ dirtyElements }) => {
      if (dirtyElements.size > 0 || !indexRef.current) rebuild();
    });
    rebuild();
    return () => {
      unregister();
      anchor?.dispose();
      filler.dispose();
      visibility.dispose();
      guard.dispose();
      painter?.dispose();
      painterRef.current = null;
      fillerRef.current = null;
      visibilityRef.current = null;
      anchorRef.current = null;
      indexRef.current = null;
    };
    // The document is fixed for this composer (it is keyed by document id).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);

  // A changed tag set restyles and repaints everything; changed annotations repaint only themselves.
  useEffect(() => {
    painterRef.current?.setLabels(labels);
    const { annotations: a, overlayOf: o } = latest.current;
    if (indexRef.current) painterRef.current?.paint(indexRef.current, a, o);
  }, [labels]);

  useEffect(() => {
    if (indexRef.current) painterRef.current?.paint(indexRef.current, annotations, overlayOf);
  }, [annotations, overlayOf]);

  useEffect(() => {
    if (indexRef.current) painterRef.current?.select(indexRef.current, selected);
  }, [selected]);

  // Selection popover position, and clicks on highlights.
  useEffect(() => {
    const onSelection = () => {
      const el = root();
      const sel = window.getSelection();
      if (!el || !sel || sel.rangeCount === 0 || sel.isCollapsed || !el.contains(sel.anchorNode) || !el.contains(sel.focusNode)) {
        latest.current.onSelectionChange(null);
        return;
      }
      latest.current.onSelectionChange(sel.getRangeAt(0).getBoundingClientRect());
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);

  const onClick = (e: React.MouseEvent) => {
    const el = root();
    const index = indexRef.current;
    const sel = window.getSelection();
    if (!el || !index || (sel && !sel.isCollapsed)) return;
    const pos = document.caretPositionFromPoint?.(e.clientX, e.clientY);
    if (!pos) return;
    const offset = index.offsetOf(pos.offsetNode, pos.offset, el);
    if (offset !== null) latest.current.onClickOffset(offset);
  };

  /** Reports the offset under the pointer, at most once a frame. */
  const onMouseMove = (e: React.MouseEvent) => {
    if (!latest.current.onHoverOffset || hoverFrame.current) return;
    const { clientX, clientY } = e;
    hoverFrame.current = requestAnimationFrame(() => {
      hoverFrame.current = 0;
      const el = root();
      const index = indexRef.current;
      const pos = document.caretPositionFromPoint?.(clientX, clientY);
      const offset = el && index && pos && el.contains(pos.offsetNode) ? index.offsetOf(pos.offsetNode, pos.offset, el) : null;
      latest.current.onHoverOffset?.(offset);
    });
  };

  useImperativeHandle(
    ref,
    () => ({
      selectionOffsets() {
        const el = root();
        const index = indexRef.current;
        const sel = window.getSelection();
        if (!el || !index || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
        const range = sel.getRangeAt(0);
        if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return null;
        const start = index.offsetOf(range.startContainer, range.startOffset, el);
        const end = index.offsetOf(range.endContainer, range.endOffset, el);
        if (start === null || end === null) return null;
        const [s, t] = snapToWords(doc.text, Math.min(start, end), Math.max(start, end));
        return s < t ? [s, t] : null;
      },
      clearSelection() {
        window.getSelection()?.removeAllRanges();
      },
      scrollToAnnotation(annotation) {
        // Built at once (its real layout exists before the scroll), then held in view while
        // the sections above it are still being built.
        reach(annotation.start, annotation.end);
        anchorRef.current?.jump(annotation.start, annotation.end, 'third');
      },
      showSearch(hits, current) {
        const index = indexRef.current;
        if (!index) return;
        painterRef.current?.search(index, hits, current);
        const hit = hits[current];
        if (hit) this.scrollToAnnotation({ start: hit[0], end: hit[1] } as Annotation);
      },
      showLibraryHits(hits, current) {
        if (!indexRef.current) return false;
        const hit = hits[current];
        if (hit) reach(hit[0], hit[1]);
        const index = indexRef.current;
        if (!index) return false;
        painterRef.current?.search(index, hits, current, 'library');
        if (hit) this.scrollToAnnotation({ start: hit[0], end: hit[1] } as Annotation);
        return true;
      },
      selectRange(start, end) {
        reach(start, end);
        const index = indexRef.current;
        const range = index?.rangeFor(start, end);
        if (!range) return;
        root()?.focus({ preventScroll: true });
        window.getSelection()?.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
      },
      scrollToOffset(offset) {
        reach(offset, offset + 1);
        const point = indexRef.current?.pointAt(offset);
        if (!point) return;
        const [start, end] = offset < doc.text.length ? [offset, offset + 1] : [Math.max(0, offset - 1), offset];
        if (!anchorRef.current?.jump(start, end, 'center')) point.node.parentElement?.closest('[data-start]')?.scrollIntoView({ block: 'center' });
        const sel = window.getSelection();
        sel?.setBaseAndExtent(point.node, point.offset, point.node, point.offset);
      },
      focus() {
        root()?.focus({ preventScroll: true });
      },
      showProvisional(labelId, start, end) {
        const painter = painterRef.current;
        const index = indexRef.current;
        const handle = painter && index ? painter.showProvisional(index, labelId, start, end) : null;
        if (handle === null || !painter) return () => {};
        // Two frames: by then React has committed the saved annotation and painted it.
        return () => requestAnimationFrame(() => requestAnimationFrame(() => painter.dropProvisional(handle)));
      },
      caretOffset() {
        const el = root();
        const index = indexRef.current;
        const sel = window.getSelection();
        if (!el || !index || !sel || sel.rangeCount === 0 || !sel.isCollapsed || !sel.anchorNode || !el.contains(sel.anchorNode)) return null;
        return index.offsetOf(sel.anchorNode, sel.anchorOffset, el);
      },
      clientRects(start, end) {
        const range = indexRef.current?.rangeFor(start, end);
        if (!range) return [];
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        return Array.from(live.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [editor, doc.text],
  );

  return (
    <div ref={wrapperRef} className="article-surface" onClick={onClick} onMouseMove={onMouseMove} onMouseLeave={() => latest.current.onHoverOffset?.(null)}>
      <ContentEditable
        className="article-text"
        aria-label={`Article text: ${doc.title}. Select text, then press a label's number to tag it.`}
        aria-multiline
        aria-readonly
        spellCheck={false}
      />
    </div>
  );
}

/** The box of [start, end) in viewport coordinates (its block's box when the range has none), or null while it is not built. */
function boxOf(index: BlockIndex | null, start: number, end: number): DOMRect | null {
  const range = index?.rangeFor(start, end);
  if (!range) return null;
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  const rect = live.getBoundingClientRect();
  if (rect.width > 0 || rect.height > 0) return rect;
  return range.startContainer.parentElement?.closest('[data-start]')?.getBoundingClientRect() ?? null;
}

/**
 * Sets the article's measured height per character from its first built section, so the
 * sections not yet built (or skipped off screen) hold a height close to their real one and
 * the scrollbar does not jump as they arrive. Returns whether a measurement was made.
 *
 * Measured from the section's blocks, not its box: right after opening, before the browser has
 * decided the first section is on screen, content-visibility may still skip it, and its box then
 * has the placeholder height the measurement is meant to replace (the default estimate, ~40%
 * short here: every placeholder came out too short, the end of the article was estimated above
 * the real one, and a jump near it was cut short by the end of the scroll range).
 */
function measureSectionHeight(root: HTMLElement): boolean {
  const first = root.querySelector<HTMLElement>('[data-section]:not([data-pending])');
  const top = first?.firstElementChild;
  const bottom = first?.lastElementChild;
  if (!first || !top || !bottom) return false;
  const chars = Number(first.dataset.to) - Number(first.dataset.from);
  // Block boxes are laid out for real even inside a skipped section (the browser lays it out to answer).
  const height = bottom.getBoundingClientRect().bottom + parseFloat(getComputedStyle(bottom).marginBottom) - top.getBoundingClientRect().top;
  if (!(chars > 0 && height > 0)) return false;
  root.style.setProperty('--px-per-char', `${(height / chars).toFixed(4)}px`);
  return true;
}
