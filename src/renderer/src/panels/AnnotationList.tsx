import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Annotation, Label } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';
import type { AnnotationFields } from '../workbench/annotation-history';
import { AnnotationDetails } from './AnnotationDetails';

/** Entries rendered per page of a long list. */
const PAGE = 150;

interface Props {
  annotations: Annotation[];
  /** All annotations before filtering. */
  total: number;
  filters: ReactNode;
  labels: Label[];
  loaded: boolean;
  selectedId: string | null;
  onSelect(a: Annotation): void;
  onUpdate(a: Annotation, fields: AnnotationFields): void;
  onDelete(a: Annotation): void;
  selectedText(): string | null;
  focusField: { field: 'note' | 'attribution'; annotationId: string; n: number } | null;
  onFocused(): void;
}

/** The document's annotations in reading order. */
export function AnnotationList({ annotations, total, filters, labels, loaded, selectedId, onSelect, onUpdate, onDelete, selectedText, focusField, onFocused }: Props) {
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

  // Long lists render in pages as they scroll into view; the selected entry is always rendered.
  const [pageLimit, setPageLimit] = useState(PAGE);
  const selectedIndex = selectedId ? annotations.findIndex((a) => a.id === selectedId) : -1;
  const shown = Math.min(annotations.length, Math.max(pageLimit, selectedIndex + PAGE / 4));
  const sentinelRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const el = sentinelRef.current;
    if (!el) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setPageLimit((n) => Math.max(n, shown) + PAGE);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [shown]);

  useEffect(() => {
    if (!selectedId) return;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(selectedId)}"]`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <aside className="side-panel" aria-label="Annotations">
      <div className="panel-header">
        <h2>Annotations</h2>
        <span className="count">{annotations.length === total ? total : `${annotations.length} of ${total}`}</span>
      </div>
      {total > 0 && filters}
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
        <ol className="annotation-list" ref={listRef} role="listbox" aria-label="Annotations in reading order">
          {annotations.slice(0, shown).map((a, i) => {
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
                actions={actions}
                position={i + 1}
                setSize={annotations.length}
              />
            );
          })}
          {shown < annotations.length && (
            <li ref={sentinelRef} className="list-more" role="presentation">
              Showing {shown} of {annotations.length}…
            </li>
          )}
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
  actions: RowActions;
  position: number;
  setSize: number;
}

/** One entry; re-renders only when its own annotation, label or selection changes. */
const AnnotationRow = memo(function AnnotationRow({ annotation: a, label, labelIndex, labels, selected, focusable, focusField, actions, position, setSize }: RowProps) {
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
        {label && <LabelSwatch label={label} index={labelIndex} />}
        <span className="annotation-label">{label?.name ?? a.labelId}</span>
        <span className="annotation-annotator">{a.annotatorName}</span>
      </div>
      <blockquote className="annotation-quote" dir="auto">
        {a.quote}
      </blockquote>
      {!selected && (a.attribution || a.note || a.confidence) && (
        <p className="annotation-extra" dir="auto">
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
        />
      )}
    </li>
  );
});
