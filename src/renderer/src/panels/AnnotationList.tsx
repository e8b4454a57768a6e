import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { lastIndexAtOrBefore } from '../../../shared/sorted-search';
import type { Annotation, Label } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';
import type { AnnotationFields } from '../workbench/annotation-history';
import { AnnotationDetails, type FocusRequest } from './AnnotationDetails';

/** Entries rendered at once; the rest of a long list is stood in for by spacers of estimated height. */
const WINDOW = 120;
/** Re-window when the viewport comes within this many rendered entries of either end. */
const EDGE = 15;
const ROW_HEIGHT_GUESS = 76;

interface Props {
  annotations: Annotation[];
  /** All annotations before filtering. */
  total: number;
  filters: ReactNode;
  /** Shown above the list: another layer's annotation selected in the text. */
  foreign?: ReactNode;
  labels: Label[];
  loaded: boolean;
  selectedId: string | null;
  onSelect(a: Annotation): void;
  onUpdate(a: Annotation, fields: AnnotationFields): void;
  onDelete(a: Annotation): void;
  selectedText(): string | null;
  focusField: FocusRequest | null;
  onFocused(): void;
  /** Shown in the selected annotation's card: its source, cue and attributes (#20). */
  details?: ReactNode;
  /** A line per annotation id under its quote when not selected (e.g. its linked source). */
  summaries?: ReadonlyMap<string, string>;
}

/** The document's annotations in reading order. */
export function AnnotationList({ annotations, total, filters, foreign, labels, loaded, selectedId, onSelect, onUpdate, onDelete, selectedText, focusField, onFocused, details, summaries }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const labelIndex = useMemo(() => new Map(labels.map((l, i) => [l.id, i])), [labels]);
  // Rows are memoised; they get one stable object that always calls the latest handlers.
  const latest = useRef({ onSelect, onUpdate, onDelete, selectedText, onFocused });
  useEffect(() => {
    latest.current = { onSelect, onUpdate, onDelete, selectedText, onFocused };
  });
  const actions = useMemo<RowActions>(
    () => ({
      select: (a) => latest.current.onSelect(a),
      update: (a, f) => latest.current.onUpdate(a, f),
      remove: (a) => latest.current.onDelete(a),
      selectedText: () => latest.current.selectedText(),
      focused: () => latest.current.onFocused(),
    }),
    [],
  );

  // Long lists render a window of entries around what is in view; the selected entry is always
  // in the window (a new selection outside it moves the window, until the reader scrolls away).
  const [view, setView] = useState<{ start: number; heldFor: string | null }>({ start: 0, heldFor: null });
  const [rowHeight, setRowHeight] = useState(ROW_HEIGHT_GUESS);
  const selectedIndex = selectedId ? annotations.findIndex((a) => a.id === selectedId) : -1;
  const maxStart = Math.max(0, annotations.length - WINDOW);
  let start = Math.min(view.start, maxStart);
  if (selectedIndex >= 0 && selectedId !== view.heldFor && (selectedIndex < start || selectedIndex >= start + WINDOW)) {
    start = Math.min(maxStart, Math.max(0, selectedIndex - WINDOW / 4));
  }
  const end = Math.min(annotations.length, start + WINDOW);
  const windowRef = useRef({ start, end, rowHeight, selectedId });
  const listShown = loaded && annotations.length > 0;
  useLayoutEffect(() => {
    windowRef.current = { start, end, rowHeight, selectedId };
    // Keep the spacers' row height close to the real average, so scrolling lands where expected.
    const rows = listRef.current?.querySelectorAll<HTMLElement>('.annotation-item');
    if (!rows || rows.length < 10) return;
    const measured = (rows[rows.length - 1].offsetTop + rows[rows.length - 1].offsetHeight - rows[0].offsetTop) / rows.length;
    if (Math.abs(measured - rowHeight) / rowHeight > 0.15) setRowHeight(Math.round(measured));
  }, [start, end, rowHeight, selectedId, annotations]);
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const w = windowRef.current;
        const first = firstVisibleIndex(list, w.start, w.rowHeight);
        const visible = Math.ceil(list.clientHeight / w.rowHeight);
        const total = Number(list.dataset.total);
        if ((first < w.start + EDGE && w.start > 0) || (first + visible > w.end - EDGE && w.end < total)) {
          setView({ start: Math.max(0, first - Math.floor(WINDOW / 3)), heldFor: w.selectedId });
        }
      });
    };
    list.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      list.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [listShown]);

  useEffect(() => {
    if (!selectedId) return;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(selectedId)}"]`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <aside className="side-panel" aria-label="Annotations">
      <div className="panel-header">
        <h2>Your annotations</h2>
        {loaded && <span className="count">{annotations.length === total ? total : `${annotations.length} of ${total}`}</span>}
      </div>
      {foreign}
      {loaded && total > 0 && filters}
      {!loaded ? (
        <p className="empty">Loading annotations…</p>
      ) : total > 0 && annotations.length === 0 ? (
        <p className="empty">No annotations match these filters.</p>
      ) : annotations.length === 0 ? (
        <div className="empty">
          <p className="empty-title">No claims tagged yet</p>
          <p>
            Select a passage in the article, then press <kbd>1</kbd> Fact, <kbd>2</kbd> Opinion or <kbd>3</kbd> Allegation — or use the
            buttons above.
          </p>
        </div>
      ) : (
        <ol className="annotation-list" ref={listRef} role="listbox" aria-label="Annotations in reading order" data-total={annotations.length}>
          {start > 0 && <li className="list-spacer" role="presentation" aria-hidden style={{ height: start * rowHeight }} />}
          {annotations.slice(start, end).map((a, k) => {
            const i = start + k;
            const label = labels.find((l) => l.id === a.labelId);
            const selected = a.id === selectedId;
            return (
              <AnnotationRow
                key={a.id}
                annotation={a}
                label={label}
                labelIndex={label ? (labelIndex.get(label.id) ?? 0) : 0}
                labels={labels}
                selected={selected}
                focusable={selected || (!selectedId && i === 0)}
                focusField={selected ? focusField : null}
                details={selected ? details : undefined}
                summary={summaries?.get(a.id)}
                actions={actions}
                position={i + 1}
                setSize={annotations.length}
              />
            );
          })}
          {end < annotations.length && <li className="list-spacer" role="presentation" aria-hidden style={{ height: (annotations.length - end) * rowHeight }} />}
        </ol>
      )}
    </aside>
  );
}

interface RowActions {
  select(a: Annotation): void;
  update(a: Annotation, fields: AnnotationFields): void;
  remove(a: Annotation): void;
  selectedText(): string | null;
  focused(): void;
}

interface RowProps {
  annotation: Annotation;
  label: Label | undefined;
  labelIndex: number;
  labels: Label[];
  selected: boolean;
  focusable: boolean;
  focusField: Props['focusField'];
  details?: ReactNode;
  summary?: string;
  actions: RowActions;
  position: number;
  setSize: number;
}

/** One entry; re-renders only when its own annotation, label or selection changes. */
const AnnotationRow = memo(function AnnotationRow({ annotation: a, label, labelIndex, labels, selected, focusable, focusField, details, summary, actions, position, setSize }: RowProps) {
  return (
    <li
      data-annotation-id={a.id}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      tabIndex={focusable ? 0 : -1}
      className={`annotation-item${selected ? ' selected' : ''}`}
      onClick={() => actions.select(a)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return; // keys typed in the details card are not for the list
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          actions.select(a);
        }
      }}
    >
      <div className="annotation-head">
        {label && <LabelSwatch label={label} index={labelIndex} labels={labels} />}
        <span className="annotation-label">{label?.name ?? a.labelId}</span>
        <span className="annotation-annotator">{a.annotatorName}</span>
      </div>
      <blockquote className="annotation-quote" dir="auto">
        {a.quote}
      </blockquote>
      {!selected && (summary || a.attribution || a.note || a.confidence) && (
        <p className="annotation-extra" dir="auto">
          {summary && <span className="annotation-summary">{summary}</span>}
          {a.attribution && <span>— {a.attribution}</span>}
          {a.confidence && <span className="confidence-badge">{a.confidence} confidence</span>}
          {a.note && <span className="note-preview">✎ {a.note.length > 80 ? `${a.note.slice(0, 79)}…` : a.note}</span>}
        </p>
      )}
      {selected && (
        <AnnotationDetails
          annotation={a}
          labels={labels}
          focusField={focusField}
          onFocused={actions.focused}
          selectedText={actions.selectedText}
          onSave={(fields) => actions.update(a, fields)}
          onDelete={() => actions.remove(a)}
          extra={details}
        />
      )}
    </li>
  );
});

/** Index of the first entry at the top of the list's viewport (estimated inside the spacers). */
function firstVisibleIndex(list: HTMLElement, start: number, rowHeight: number): number {
  const top = list.scrollTop;
  const rows = list.querySelectorAll<HTMLElement>('.annotation-item');
  if (rows.length === 0) return Math.floor(top / rowHeight);
  const firstTop = rows[0].offsetTop;
  const last = rows[rows.length - 1];
  const lastBottom = last.offsetTop + last.offsetHeight;
  if (top < firstTop) return Math.max(0, start - Math.ceil((firstTop - top) / rowHeight));
  if (top >= lastBottom) return start + rows.length + Math.floor((top - lastBottom) / rowHeight);
  return start + lastIndexAtOrBefore(rows.length, (i) => rows[i].offsetTop, top);
}
