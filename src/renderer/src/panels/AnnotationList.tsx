import { useEffect, useRef } from 'react';
import type { Annotation, Label } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';

interface Props {
  annotations: Annotation[];
  labels: Label[];
  loaded: boolean;
  selectedId: string | null;
  onSelect(a: Annotation): void;
  onRelabel(a: Annotation, labelId: string): void;
  onDelete(a: Annotation): void;
}

/** The document's annotations in reading order. */
export function AnnotationList({ annotations, labels, loaded, selectedId, onSelect, onRelabel, onDelete }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const labelIndex = new Map(labels.map((l, i) => [l.id, i]));

  useEffect(() => {
    if (!selectedId) return;
    const item = listRef.current?.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(selectedId)}"]`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <aside className="side-panel" aria-label="Annotations">
      <div className="panel-header">
        <h2>Annotations</h2>
        <span className="count">{annotations.length}</span>
      </div>
      {!loaded ? (
        <p className="empty">Loading annotations…</p>
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
          {annotations.map((a) => {
            const label = labels.find((l) => l.id === a.labelId);
            const selected = a.id === selectedId;
            return (
              <li
                key={a.id}
                data-annotation-id={a.id}
                role="option"
                aria-selected={selected}
                tabIndex={selected || (!selectedId && a === annotations[0]) ? 0 : -1}
                className={`annotation-item${selected ? ' selected' : ''}`}
                onClick={() => onSelect(a)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(a);
                  }
                }}
              >
                <div className="annotation-head">
                  {label && <LabelSwatch label={label} index={labelIndex.get(label.id) ?? 0} />}
                  <span className="annotation-label">{label?.name ?? a.labelId}</span>
                  <span className="annotation-annotator">{a.annotatorName}</span>
                </div>
                <blockquote className="annotation-quote" dir="auto">
                  {a.quote}
                </blockquote>
                {selected && (
                  <div className="annotation-actions" onClick={(e) => e.stopPropagation()}>
                    <label className="inline-field">
                      <span>Label</span>
                      <select value={a.labelId} onChange={(e) => onRelabel(a, e.target.value)} aria-label="Change label">
                        {labels
                          .filter((l) => !l.archived || l.id === a.labelId)
                          .map((l) => (
                            <option key={l.id} value={l.id}>
                              {l.name} ({l.shortcut})
                            </option>
                          ))}
                      </select>
                    </label>
                    <button type="button" className="button danger" onClick={() => onDelete(a)} aria-keyshortcuts="Delete">
                      Delete <kbd>Del</kbd>
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
