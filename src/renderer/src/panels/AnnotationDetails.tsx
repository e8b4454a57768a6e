import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Annotation, Confidence, Label } from '../../../shared/types';
import type { AnnotationFields } from '../workbench/annotation-history';
import { ariaKeys } from '../commands/key-hints';
import { COMMANDS } from '../../../shared/commands';

interface Props {
  annotation: Annotation;
  labels: Label[];
  onSave(fields: AnnotationFields): void;
  onDelete(): void;
  /** The article's current text selection, for "attribute to the selected text". */
  selectedText(): string | null;
  focusField: FocusRequest | null;
  /** The focus request was carried out; it must not apply again on a later mount. */
  onFocused(): void;
  /** The claim's structure (source, cue, attributes), shown under the label (#20). */
  extra?: ReactNode;
}

/** A key asked for a field of the selected annotation's card (N: note, A: attribution, V: its attributes). */
export interface FocusRequest {
  field: 'note' | 'attribution' | 'attributes';
  annotationId: string;
  n: number;
}

const CONFIDENCE: Array<{ value: Confidence; label: string }> = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
];

/** Saves typed text after a short pause, and at once when the field loses focus or closes. */
function useDraft(value: string, save: (v: string) => void) {
  const [draft, setDraft] = useState(value);
  const pending = useRef<string | null>(null);
  const saveRef = useRef(save);
  const flush = useCallback(() => {
    if (pending.current === null) return;
    const v = pending.current;
    pending.current = null;
    saveRef.current(v);
  }, []);
  useEffect(() => {
    saveRef.current = save;
  });
  useEffect(() => {
    if (pending.current === null) setDraft(value);
  }, [value]);
  useEffect(() => {
    if (pending.current === null) return;
    const t = setTimeout(flush, 300);
    return () => clearTimeout(t);
  });
  useEffect(() => flush, [flush]);
  // Quitting or reloading in the middle of typing still sends the last keystrokes.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
    };
  }, [flush]);
  return {
    draft,
    change: (v: string) => {
      pending.current = v;
      setDraft(v);
    },
    flush,
  };
}

/** The selected annotation's card: label, confidence, attribution, note, delete. */
export function AnnotationDetails({ annotation: a, labels, onSave, onDelete, selectedText, focusField, onFocused, extra }: Props) {
  const note = useDraft(a.note, (v) => v !== a.note && onSave({ note: v }));
  const attribution = useDraft(a.attribution, (v) => v !== a.attribution && onSave({ attribution: v }));
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const attributionRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusField?.annotationId !== a.id) return;
    if (focusField.field === 'note') noteRef.current?.focus();
    if (focusField.field === 'attribution') attributionRef.current?.focus();
    if (focusField.field === 'attributes') rootRef.current?.querySelector<HTMLElement>('[data-attributes] [tabindex="0"], [data-attributes] input')?.focus();
    onFocused();
  }, [focusField, a.id, onFocused]);

  return (
    <div ref={rootRef} className="annotation-details" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && (e.target as HTMLElement).blur()}>
      <div className="details-row">
        <label className="inline-field">
          <span>Label</span>
          <select value={a.labelId} onChange={(e) => onSave({ labelId: e.target.value })} aria-label="Change label">
            {labels
              .filter((l) => !l.archived || l.id === a.labelId)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.shortcut})
                </option>
              ))}
          </select>
        </label>
        <div className="segmented" role="radiogroup" aria-label="Confidence">
          {CONFIDENCE.map((c) => (
            <button
              key={c.value}
              type="button"
              role="radio"
              aria-checked={a.confidence === c.value}
              className={a.confidence === c.value ? 'on' : undefined}
              onClick={() => onSave({ confidence: a.confidence === c.value ? null : c.value })}
            >
              {c.label}
            </button>
          ))}
        </div>
      </div>
      {extra}
      <label className="stacked-field">
        <span>
          Attributed to <kbd>A</kbd>
        </span>
        <span className="with-button">
          <input
            ref={attributionRef}
            value={attribution.draft}
            maxLength={2000}
            dir="auto"
            placeholder="Who makes this claim?"
            aria-label="Attribution"
            onChange={(e) => attribution.change(e.target.value)}
            onBlur={attribution.flush}
          />
          <button
            type="button"
            className="button small"
            title="Use the text selected in the article (Shift+A)"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              const text = selectedText();
              if (text) {
                attribution.change(text);
                attribution.flush();
              }
            }}
          >
            From selection
          </button>
        </span>
      </label>
      <label className="stacked-field">
        <span>
          Note <kbd>N</kbd>
        </span>
        <textarea
          ref={noteRef}
          value={note.draft}
          maxLength={200000}
          dir="auto"
          rows={3}
          placeholder="Why this label? Sources, caveats…"
          aria-label="Note"
          onChange={(e) => note.change(e.target.value)}
          onBlur={note.flush}
        />
      </label>
      <div className="details-row">
        <span className="details-meta">
          {a.annotatorName} · {new Date(a.updatedAt).toLocaleString()}
        </span>
        <button type="button" className="button danger" onClick={onDelete} aria-keyshortcuts={ariaKeys('delete')} title={`Delete (${COMMANDS.delete.keys.join(' or ')})`}>
          Delete <kbd>Del</kbd>
        </button>
      </div>
    </div>
  );
}
