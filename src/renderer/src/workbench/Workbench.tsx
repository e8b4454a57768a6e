import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ClaimtagApi } from '../../../shared/contract';
import type { Annotator, DocumentRecord } from '../../../shared/types';
import { ArticleEditor, type ArticleEditorHandle } from '../editor/ArticleEditor';
import { AnnotationList } from '../panels/AnnotationList';
import { LabelToolbar } from '../chrome/LabelToolbar';
import { SelectionPopover } from '../chrome/SelectionPopover';
import { StatusBar } from '../chrome/StatusBar';
import { ShortcutsSheet } from '../chrome/ShortcutsSheet';
import { GuidelinesPanel } from '../tagset/GuidelinesPanel';
import { TagSetDialog } from '../tagset/TagSetDialog';
import { FindBar } from '../editor/FindBar';
import { useCommands } from '../commands/use-commands';
import { ariaKeys, keyLabel } from '../commands/key-hints';
import type { Confidence } from '../../../shared/types';
import { AnnotationFilters, applyFilters, NO_FILTERS, type Filters } from '../panels/AnnotationFilters';
import { pickAnnotationAt } from './pick-annotation';
import { useWorkbench } from './use-workbench';
import { LayerBar } from './LayerBar';
import { SkipLink } from '../chrome/SkipLink';
import { blocksSpanned, shortcutRange } from './span-blocks';
import { useStore, type ClaimtagStore } from '../store/claimtag-store';
import type { OverlayOf } from '../editor/highlight-painter';
import type { Annotation } from '../../../shared/types';
import type { RelationKind } from '../../../shared/claim-structure';
import { useClaimStructure } from './use-claim-structure';
import { candidatesFor, labelsFor, linksOf, outlinedSpans, roleOf } from './claim-links';
import { LinkingBar } from './LinkingBar';
import { LinkOverlay } from '../editor/LinkOverlay';
import { ClaimLinksSection, LINK_KEYS } from '../panels/ClaimLinksSection';
import { AttributeFields } from '../panels/AttributeFields';
import './claim-structure.css';
import type { FocusRequest } from '../panels/AnnotationDetails';

interface Props {
  api: ClaimtagApi;
  store: ClaimtagStore;
  document: DocumentRecord;
  annotator: Annotator;
  dataDir: string;
  /** Offset to scroll to once the article is shown (a search hit). */
  jumpTo: number | null;
  /** The library search's words in this document, and the current one (-1: none), marked in the text. */
  libraryHits: { hits: ReadonlyArray<readonly [number, number]>; current: number };
  /** F3 / Shift+F3: the next or previous library search hit, on into other documents. */
  onStepHit(delta: 1 | -1): void;
  library: ReactNode;
  onRenameAnnotator(): void;
  onExport(): void;
  onCompare(): void;
  /** Whether the current annotator marked this document done. */
  done: boolean;
  onToggleDone(done: boolean): void;
  onBlind(scope: 'document' | 'library', on: boolean): void;
  /** The tag set lost a label (merged or deleted): the library's figures need the core's word. */
  onLabelsRemoved(): void;
}

const NEXT_CONFIDENCE: Record<string, Confidence | null> = { none: 'low', low: 'medium', medium: 'high', high: null };

export function Workbench({ api, store, document: doc, annotator, dataDir, jumpTo, libraryHits, onStepHit, library, onRenameAnnotator, onExport, onCompare, onLabelsRemoved, done, onToggleDone, onBlind }: Props) {
  const wb = useWorkbench(api, store, doc);
  const { notify } = wb;
  const shownLayers = useStore(store, (s) => s.shownLayers);
  const blind = useStore(store, (s) => s.blind);
  // Other layers the analyst chose to show, painted beside hers; never in her list, keys or figures.
  const others = useMemo(() => (wb.layers?.hidden ? [] : wb.annotations.filter((a) => a.annotatorId !== annotator.id && shownLayers.has(a.annotatorId))), [wb.annotations, wb.layers, annotator.id, shownLayers]);
  const referenceIds = useMemo(() => new Set((wb.layers?.layers ?? []).filter((l) => l.kind === 'reference').map((l) => l.annotatorId)), [wb.layers]);
  const overlayOf = useCallback<OverlayOf>((a) => (a.annotatorId === annotator.id ? null : referenceIds.has(a.annotatorId) ? 'reference' : 'colleague'), [annotator.id, referenceIds]);
  const foreign = wb.selected && wb.selected.annotatorId !== annotator.id ? wb.selected : null;

  useEffect(() => {
    if (jumpTo === null) return;
    const t = setTimeout(() => editor.current?.scrollToOffset(jumpTo), 50);
    return () => clearTimeout(t);
  }, [jumpTo]);
  const editor = useRef<ArticleEditorHandle>(null);
  // The library search's words, painted (and the current one scrolled to) once the article is shown.
  useEffect(() => {
    let tries = 0;
    let t: ReturnType<typeof setTimeout> | undefined;
    const show = () => {
      if (editor.current?.showLibraryHits(libraryHits.hits, libraryHits.current) === false && tries++ < 100) t = setTimeout(show, 50);
    };
    show();
    return () => clearTimeout(t);
  }, [libraryHits]);
  const [selectionRect, setSelectionRect] = useState<DOMRect | null>(null);
  const [finding, setFinding] = useState(false);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [showTagSet, setShowTagSet] = useState(false);
  const [showGuidelines, setShowGuidelines] = useState(false);
  const [focusField, setFocusField] = useState<FocusRequest | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const visible = useMemo(() => applyFilters(wb.mine, filters), [wb.mine, filters]);
  const painted = useMemo<Annotation[]>(() => (others.length ? [...visible, ...others] : visible), [visible, others]);
  const showSearch = useCallback((hits: ReadonlyArray<readonly [number, number]>, current: number) => editor.current?.showSearch(hits, current), []);

  const clearFocusRequest = useCallback(() => setFocusField(null), []);

  const selectedArticleText = useCallback(() => {
    const span = editor.current?.selectionOffsets();
    return span ? doc.text.slice(span[0], span[1]) : null;
  }, [doc.text]);
  const activeLabels = wb.labels.filter((l) => !l.archived);

  // Claim structure (#20): a claim's source and cue spans, marked by keyboard (S, U), shown with
  // outlines and margin connectors; attribute values in the details panel.
  const structure = useClaimStructure(api, store, wb, doc.id);
  const articleRef = useRef<HTMLElement>(null);
  const [linking, setLinking] = useState<{ kind: RelationKind; claimId: string } | null>(null);
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  const [tagSetStart, setTagSetStart] = useState<RelationKind | undefined>(undefined);
  const linkLabels = useMemo(() => ({ source: labelsFor(wb.labels, 'source'), cue: labelsFor(wb.labels, 'cue') }), [wb.labels]);
  const hasLinkLabel = useMemo(() => ({ source: linkLabels.source.length > 0, cue: linkLabels.cue.length > 0 }), [linkLabels]);
  const linkingClaim = linking ? (wb.mine.find((a) => a.id === linking.claimId) ?? null) : null;
  const candidates = useMemo(() => (linking ? candidatesFor(linking.kind, annotator.id, wb.annotations, wb.labels) : []), [linking, annotator.id, wb.annotations, wb.labels]);
  useEffect(() => {
    // Marking ends when its claim is no longer the selected one (deleted, another picked).
    if (linking && (!linkingClaim || wb.selected?.id !== linking.claimId)) setLinking(null);
  }, [linking, linkingClaim, wb.selected]);
  const focusAnnotation = (hoveredId ? painted.find((a) => a.id === hoveredId) : null) ?? wb.selected;
  const focusLinks = useMemo(() => linksOf(focusAnnotation, structure.relations, painted), [focusAnnotation, structure.relations, painted]);
  const outlined = useMemo(() => outlinedSpans(focusLinks), [focusLinks]);
  const selectedLinks = useMemo(() => linksOf(wb.selected, structure.relations, wb.annotations), [wb.selected, structure.relations, wb.annotations]);
  /** Under each of her linked claims in the list: its source. */
  const summaries = useMemo(() => {
    const byId = new Map(wb.annotations.map((a) => [a.id, a]));
    const out = new Map<string, string>();
    for (const r of structure.relations) {
      const target = r.kind === 'source' ? byId.get(r.targetId) : undefined;
      if (target && !out.has(r.claimId)) out.set(r.claimId, `Source: “${target.quote.length > 50 ? `${target.quote.slice(0, 49)}…` : target.quote}”`);
    }
    return out;
  }, [structure.relations, wb.annotations]);

  const linkTo = useCallback(
    async (claim: Annotation, kind: RelationKind, target: Annotation) => {
      if (await structure.link(claim, kind, target)) setLinking(null);
    },
    [structure],
  );
  /** Marks the selected words as the claim's source or cue (or links her span already there). */
  const linkWords = useCallback(
    async (claim: Annotation, kind: RelationKind, span: [number, number], labelId?: string) => {
      const existing = candidatesFor(kind, annotator.id, wb.annotations, wb.labels).find((a) => a.start === span[0] && a.end === span[1]);
      const made = await structure.link(claim, kind, existing ?? { labelId: labelId ?? linkLabels[kind][0].id, start: span[0], end: span[1] });
      if (!made) return;
      setLinking(null);
      editor.current?.clearSelection();
      setSelectionRect(null);
    },
    [annotator.id, wb.annotations, wb.labels, structure, linkLabels],
  );
  const startLinking = useCallback(
    (kind: RelationKind) => {
      const claim = wb.selected;
      if (!claim) return notify(`Select a claim first: ${LINK_KEYS[kind]} marks its ${kind}.`);
      if (claim.annotatorId !== annotator.id) return notify(`This is ${claim.annotatorName}’s claim: copy it to your work (M) to link its ${kind}.`);
      const role = roleOf(wb.labels, claim.labelId);
      if (role !== 'claim') return notify(`This is a ${role}, not a claim: select a claim to mark its ${kind}.`);
      if (!hasLinkLabel[kind]) {
        return notify(`Your tag set has no ${kind} label. Open the tag set (✎), add a label and choose “${kind === 'source' ? 'Source' : 'Cue'}” under What it marks.`, 'error');
      }
      const span = editor.current?.selectionOffsets();
      if (span) return void linkWords(claim, kind, span);
      setLinking({ kind, claimId: claim.id });
      editor.current?.focus();
    },
    [wb.selected, wb.labels, annotator.id, hasLinkLabel, notify, linkWords],
  );
  /** Enter while marking: the selected words, or her span under the caret. */
  const confirmLinking = useCallback(
    (labelId?: string) => {
      if (!linking || !linkingClaim) return;
      const span = editor.current?.selectionOffsets();
      if (span) return void linkWords(linkingClaim, linking.kind, span, labelId);
      const caret = editor.current?.caretOffset() ?? null;
      const at = caret === null ? undefined : candidates.find((a) => a.start <= caret && caret <= a.end);
      if (at) return void linkTo(linkingClaim, linking.kind, at);
      notify(`Select the ${linking.kind}’s words in the article first (Shift+arrows, or Ctrl+F, type, Esc), then press Enter.`);
    },
    [linking, linkingClaim, candidates, linkWords, linkTo, notify],
  );

  const tag = useCallback(
    async (labelId: string) => {
      const span = editor.current?.selectionOffsets();
      if (span) {
        const release = editor.current?.showProvisional(labelId, span[0], span[1]);
        const created = await wb.create(labelId, span[0], span[1]);
        release?.();
        if (created) {
          editor.current?.clearSelection();
          setSelectionRect(null);
          // Tagged as asked (every export carries such a span), but said so: it is often a slip of the mouse.
          const spanned = blocksSpanned(doc.blocks, created.start, created.end);
          if (spanned > 1) notify(`This claim spans ${spanned} paragraphs: tagged ‘${wb.labels.find((l) => l.id === labelId)?.name ?? labelId}’ across them. Undo if you meant one.`, 'info', true);
        }
      } else if (wb.selected) {
        if (wb.selected.labelId !== labelId) await wb.update(wb.selected.id, { labelId });
      } else {
        const keys = shortcutRange(wb.labels.filter((l) => !l.archived).map((l) => l.shortcut));
        notify(keys ? `Select text first, then press ${keys}.` : 'Select text first, then choose a label.');
      }
    },
    [wb, doc.blocks, notify],
  );

  /** Shift+A: the selected article text becomes the attribution; the selection is spent (a digit next would tag the name). */
  const attributeToSelection = () => {
    const text = selectedArticleText();
    if (!text || !wb.selected) return false;
    void wb.update(wb.selected.id, { attribution: text });
    editor.current?.clearSelection();
    setSelectionRect(null);
  };

  const step = useCallback(
    (delta: 1 | -1) => {
      const list = applyFilters(wb.mine, filters);
      if (list.length === 0) return;
      const i = wb.selected ? list.findIndex((a) => a.id === wb.selected!.id) : -1;
      const next = list[(i + delta + list.length) % list.length] ?? list[0];
      wb.select(next.id);
      editor.current?.scrollToAnnotation(next);
    },
    [wb, filters],
  );

  // The workbench's commands (keys, menu and the shortcuts sheet come from src/shared/commands.ts).
  // `when` guarantees an annotation is selected for the commands that use `selected!`.
  const selected = wb.selected;
  useCommands(
    {
      tag: ({ chord }) => {
        if (linking) {
          // While marking a source or cue, the kind's own label key marks the words; others wait.
          const kindLabel = activeLabels.find((l) => l.shortcut === chord && l.role === linking.kind);
          if (kindLabel) confirmLinking(kindLabel.id);
          else notify(`Press Enter to mark the selected words as the ${linking.kind}, or Esc to stop.`);
          return;
        }
        const label = activeLabels.find((l) => l.shortcut === chord);
        if (label) void tag(label.id);
        else notify(`No label is on key ${chord}; the tag set uses ${shortcutRange(activeLabels.map((l) => l.shortcut)) || 'no keys yet'}.`);
      },
      delete: () => {
        if (linking) return notify(`Press Esc to stop marking the ${linking.kind} first.`);
        void wb.remove(selected!.id);
      },
      'mark-source': () => startLinking('source'),
      'mark-cue': () => startLinking('cue'),
      'link-confirm': () => {
        // Enter on a button (a listed source, Cancel) presses the button.
        if (document.activeElement instanceof HTMLButtonElement) return false;
        confirmLinking();
      },
      'link-cancel': () => {
        setLinking(null);
        if (linking) notify(`Stopped marking the ${linking.kind}.`);
      },
      attributes: () => {
        const def = wb.labels.find((l) => l.id === selected!.labelId)?.attributes ?? [];
        if (def.length === 0) notify('This label has no attributes. Add some in the tag set (✎).');
        else if (selected!.annotatorId === annotator.id) setFocusField({ field: 'attributes', annotationId: selected!.id, n: Date.now() });
        else notify(`This is ${selected!.annotatorName}’s annotation: its attributes are shown, read-only. Copy it to your work (M) to change them.`);
      },
      'copy-to-mine': () => void wb.copyToMine(selected!.id),
      undo: () => void wb.undo(),
      redo: () => void wb.redo(),
      'next-annotation': () => step(1),
      'previous-annotation': () => step(-1),
      'list-next': () => step(1),
      'list-previous': () => step(-1),
      'clear-selection': () => {
        wb.select(null);
        editor.current?.clearSelection();
      },
      find: () => setFinding(true),
      'next-search-hit': () => onStepHit(1),
      'previous-search-hit': () => onStepHit(-1),
      guidelines: () => setShowGuidelines((v) => !v),
      shortcuts: () => setShowShortcuts(true),
      note: () => setFocusField({ field: 'note', annotationId: selected!.id, n: Date.now() }),
      attribution: () => setFocusField({ field: 'attribution', annotationId: selected!.id, n: Date.now() }),
      'attribute-to-selection': () => attributeToSelection(),
      confidence: () => void wb.update(selected!.id, { confidence: NEXT_CONFIDENCE[selected!.confidence ?? 'none'] }),
    },
    (focus) => ({
      workbench: true,
      annotationSelected: wb.selected !== null,
      textSelected: editor.current?.selectionOffsets() != null,
      annotationListFocus: focus?.closest('.annotation-list') != null,
      linking: linking !== null,
    }),
  );

  const coveredShare = useMemo(
    () => (doc.text.length ? coverage(wb.mine.map((a) => [a.start, a.end] as [number, number])) / doc.text.length : 0),
    [wb.mine, doc.text.length],
  );

  return (
    <div className="workbench">
      <SkipLink onSkip={() => editor.current?.focus()} />
      <header className="topbar">
        <div className="brand" aria-hidden="true">
          claimtag
        </div>
        <div className="doc-heading">
          <h1 className="doc-title">{doc.title}</h1>
          <p className="doc-meta">
            {doc.source} · imported {new Date(doc.createdAt).toLocaleDateString()}
          </p>
        </div>
        <LabelToolbar labels={activeLabels} onTag={(id) => void tag(id)} />
        <button type="button" className="button compact" onClick={() => setShowTagSet(true)} title="Edit the tag set: labels, colours, keys, definitions" aria-label="Tag set…">
          ✎
        </button>
        <span className="topbar-divider" aria-hidden="true" />
        <button type="button" className="button compact" aria-pressed={showGuidelines} onClick={() => setShowGuidelines((v) => !v)} title="Show the label definitions and examples">
          Guidelines
        </button>
        <button
          type="button"
          className={`button compact done-toggle${done ? ' is-done' : ''}`}
          aria-pressed={done}
          onClick={() => onToggleDone(!done)}
          title={done ? 'You marked this document done; click to reopen it' : 'Mark this document done for you'}
        >
          {done ? '✓ Done' : 'Mark done'}
        </button>
        <button type="button" className="button compact" onClick={onCompare} title="Compare annotators and settle a reference version">
          Compare
        </button>
        <button type="button" className="button compact" onClick={onExport} title={`Export reports and data (${keyLabel('export')})`} aria-keyshortcuts={ariaKeys('export')}>
          Export…
        </button>
        <button type="button" className="button icon" onClick={() => setShowShortcuts(true)} title={`Keyboard shortcuts (${keyLabel('shortcuts')})`} aria-label="Keyboard shortcuts" aria-keyshortcuts={ariaKeys('shortcuts')}>
          ?
        </button>
      </header>
      <div className="workspace">
        {library}
        <main className="article-scroll" aria-label="Article">
          {finding && (
            <FindBar
              text={doc.text}
              onShow={showSearch}
              onClose={(hit) => {
                setFinding(false);
                if (hit) editor.current?.selectRange(hit[0], hit[1]);
                else editor.current?.focus();
              }}
            />
          )}
          <LayerBar layers={wb.layers} shown={shownLayers} blind={blind} onToggle={(id, on) => store.toggleLayer(id, on)} onBlind={onBlind} />
          {linking && linkingClaim && (
            <LinkingBar
              kind={linking.kind}
              claim={linkingClaim}
              candidates={candidates}
              labelName={linkLabels[linking.kind][0]?.name ?? linking.kind}
              onPick={(target) => void linkTo(linkingClaim, linking.kind, target)}
              onCancel={() => {
                setLinking(null);
                editor.current?.focus();
              }}
            />
          )}
          <article className="article" ref={articleRef}>
            <LinkOverlay editor={editor} container={articleRef} focus={focusAnnotation} spans={outlined} />
            <ArticleEditor
              ref={editor}
              document={doc}
              labels={wb.labels}
              annotations={painted}
              overlayOf={overlayOf}
              selected={wb.selected}
              onSelectionChange={setSelectionRect}
              onClickOffset={(offset) => {
                if (linking && linkingClaim) {
                  const target = candidates.find((a) => a.start <= offset && offset < a.end);
                  if (target) void linkTo(linkingClaim, linking.kind, target);
                  return;
                }
                const picked = pickAnnotationAt(painted, offset, wb.selected?.id ?? null);
                wb.select(picked?.id ?? null);
              }}
              onHoverOffset={(offset) => {
                const over = offset === null ? null : pickAnnotationAt(painted, offset, null);
                setHoveredId(over && over.id !== wb.selected?.id && structure.relations.some((r) => r.claimId === over.id || r.targetId === over.id) ? over.id : null);
              }}
            />
          </article>
        </main>
        {showGuidelines && <GuidelinesPanel labels={wb.labels} onClose={() => setShowGuidelines(false)} />}
        <AnnotationList
          annotations={visible}
          total={wb.mine.length}
          filters={<AnnotationFilters annotations={wb.mine} labels={wb.labels} filters={filters} onChange={setFilters} textLength={doc.text.length} />}
          foreign={
            foreign && (
              <ForeignAnnotation
                annotation={foreign}
                labelName={wb.labels.find((l) => l.id === foreign.labelId)?.name ?? foreign.labelId}
                reference={referenceIds.has(foreign.annotatorId)}
                onCopy={() => void wb.copyToMine(foreign.id)}
                extra={
                  <>
                    <ClaimLinksSection
                      role={roleOf(wb.labels, foreign.labelId)}
                      links={selectedLinks}
                      readOnly
                      hasLabel={hasLinkLabel}
                      onStart={() => undefined}
                      onJump={(a) => editor.current?.scrollToAnnotation(a)}
                      onUnlink={() => undefined}
                      onAddLabel={() => undefined}
                    />
                    <AttributeFields annotation={foreign} label={wb.labels.find((l) => l.id === foreign.labelId)} readOnly onSet={() => undefined} />
                  </>
                }
              />
            )
          }
          labels={wb.labels}
          loaded={wb.loaded}
          selectedId={wb.selected?.id ?? null}
          onSelect={(a) => {
            wb.select(a.id);
            editor.current?.scrollToAnnotation(a);
          }}
          onUpdate={(a, fields) => void wb.update(a.id, fields)}
          onDelete={(a) => void wb.remove(a.id)}
          selectedText={selectedArticleText}
          focusField={focusField}
          onFocused={clearFocusRequest}
          summaries={summaries}
          details={
            wb.selected &&
            wb.selected.annotatorId === annotator.id && (
              <>
                <ClaimLinksSection
                  role={roleOf(wb.labels, wb.selected.labelId)}
                  links={selectedLinks}
                  hasLabel={hasLinkLabel}
                  onStart={startLinking}
                  onJump={(a) => {
                    wb.select(a.id);
                    editor.current?.scrollToAnnotation(a);
                  }}
                  onUnlink={(r) => void structure.unlink(r)}
                  onAddLabel={(kind) => {
                    setTagSetStart(kind);
                    setShowTagSet(true);
                  }}
                />
                <AttributeFields
                  annotation={wb.selected}
                  label={wb.labels.find((l) => l.id === wb.selected!.labelId)}
                  onSet={(key, value) => void structure.setAttribute(wb.selected!, key, value)}
                />
              </>
            )
          }
        />
      </div>
      <StatusBar
        annotator={annotator}
        save={wb.save}
        onRetry={wb.retryable ? wb.retry : undefined}
        count={wb.loaded ? wb.mine.length : null}
        coveredShare={coveredShare}
        dataDir={dataDir}
        canUndo={wb.canUndo}
        canRedo={wb.canRedo}
        onUndo={() => void wb.undo()}
        onRedo={() => void wb.redo()}
        onRenameAnnotator={onRenameAnnotator}
      />
      {selectionRect && !linking && <SelectionPopover rect={selectionRect} labels={activeLabels} onTag={(id) => void tag(id)} />}
      {showShortcuts && <ShortcutsSheet onClose={() => setShowShortcuts(false)} />}
      {showTagSet && (
        <TagSetDialog
          api={api}
          startWith={tagSetStart}
          onClose={() => {
            setShowTagSet(false);
            setTagSetStart(undefined);
          }}
          onChanged={(labels) => {
            const removed = wb.labels.some((l) => !labels.some((n) => n.id === l.id));
            store.setLabels(labels);
            // A merge or delete moved or purged rows: the core says which. A label's name or colour changes nothing else.
            if (removed) {
              wb.reload();
              onLabelsRemoved();
            }
          }}
        />
      )}
    </div>
  );
}

/** Another analyst's (or the reference's) annotation, selected in the text: read-only, with Copy to mine. */
function ForeignAnnotation({ annotation: a, labelName, reference, onCopy, extra }: { annotation: Annotation; labelName: string; reference: boolean; onCopy(): void; extra?: ReactNode }) {
  return (
    <section className={`foreign-annotation${reference ? ' is-reference' : ''}`} aria-label={`${reference ? 'Reference' : `${a.annotatorName}'s`} annotation, read-only`}>
      <p className="foreign-owner">
        {reference ? 'Reference version' : `${a.annotatorName}'s annotation`} · {labelName} <span className="foreign-readonly">read-only</span>
      </p>
      <blockquote className="foreign-quote">{a.quote}</blockquote>
      {a.note && <p className="foreign-note">{a.note}</p>}
      {extra}
      <button type="button" className="button compact" onClick={onCopy} aria-keyshortcuts={ariaKeys('copy-to-mine')}>
        Copy to mine <kbd>{keyLabel('copy-to-mine')}</kbd>
      </button>
    </section>
  );
}

/** Characters covered by at least one span. */
function coverage(spans: Array<[number, number]>): number {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -1;
  for (const [s, e] of sorted) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}
