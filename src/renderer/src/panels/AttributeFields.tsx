import { useRef, useState } from 'react';
import { ATTRIBUTE_LIMITS, type AttributeDefinition, type AttributeValues } from '../../../shared/claim-structure';
import type { Annotation, Label } from '../../../shared/types';
import { evidenceLinkProblem } from '../../../shared/attribute-rules';

type Value = AttributeValues[string];

interface Props {
  annotation: Annotation;
  label: Label | undefined;
  /** A colleague's or the reference's annotation: values shown, not changed. */
  readOnly?: boolean;
  /** Sets or (null) clears one attribute: one call to the core. */
  onSet(key: string, value: Value | null): void;
}

/** The label's attributes for one annotation, each a keyboard-operable control (#20). */
export function AttributeFields({ annotation: a, label, readOnly, onSet }: Props) {
  const attributes = label?.attributes ?? [];
  if (attributes.length === 0) return null;
  const values = a.attributes ?? {};
  return (
    <div className="attribute-fields" role="group" aria-label={`Attributes of this ${label?.name ?? 'annotation'}`} data-attributes>
      {attributes.map((def) =>
        readOnly ? (
          <ReadOnlyValue key={def.key} def={def} value={values[def.key]} />
        ) : def.type === 'choice' || def.type === 'scale' ? (
          <OptionGroup key={def.key} def={def} value={typeof values[def.key] === 'string' ? (values[def.key] as string) : null} onSet={(v) => onSet(def.key, v)} />
        ) : def.type === 'links' ? (
          <LinkList key={def.key} def={def} value={Array.isArray(values[def.key]) ? (values[def.key] as string[]) : []} onSet={(v) => onSet(def.key, v.length ? v : null)} />
        ) : (
          <DateField key={`${def.key}-${String(values[def.key] ?? '')}`} def={def} value={typeof values[def.key] === 'string' ? (values[def.key] as string) : ''} onSet={(v) => onSet(def.key, v || null)} />
        ),
      )}
    </div>
  );
}

/** Keys the workbench must not also act on while they are used here (digits, Delete). */
const keep = (e: React.KeyboardEvent) => {
  e.preventDefault();
  e.stopPropagation();
};

/**
 * A choice or a rating: radio buttons. Arrow keys move between them, Space or Enter chooses,
 * a digit chooses that option at once, 0 or Delete clears. Each choice is one save.
 */
function OptionGroup({ def, value, onSet }: { def: AttributeDefinition; value: string | null; onSet(v: string | null): void }) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const current = def.options.findIndex((o) => o.key === value);
  const choose = (key: string | null) => key !== value && onSet(key);
  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const n = Number(e.key);
    if (/^[1-9]$/.test(e.key) && n <= def.options.length) {
      keep(e);
      choose(def.options[n - 1].key);
      refs.current[n - 1]?.focus();
    } else if (e.key === '0' || e.key === 'Delete' || e.key === 'Backspace') {
      keep(e);
      choose(null);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
      keep(e);
      const by = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : -1;
      refs.current[(i + by + def.options.length) % def.options.length]?.focus();
    } else if (e.key === 'Enter' || e.key === ' ') {
      keep(e);
      choose(def.options[i].key);
    } else if (/^[0-9]$/.test(e.key)) keep(e);
  };
  return (
    <div className="attribute-field">
      <span className="attribute-name" id={`attr-${def.key}`}>
        {def.name}
        {def.type === 'scale' && <span className="attribute-hint"> best → worst</span>}
      </span>
      <div className="attribute-options" role="radiogroup" aria-labelledby={`attr-${def.key}`} aria-keyshortcuts="1 2 3 4 5 6 7 8 9 0">
        {def.options.map((o, i) => (
          <button
            key={o.key}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={o.key === value}
            tabIndex={i === (current >= 0 ? current : 0) ? 0 : -1}
            className={o.key === value ? 'on' : undefined}
            onClick={() => choose(o.key === value ? null : o.key)}
            onKeyDown={(e) => onKeyDown(e, i)}
            title={`${o.name} (${i + 1})`}
          >
            <span className="attribute-option-key" aria-hidden="true">
              {i + 1}
            </span>
            {o.name}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Evidence links: https: only, each opened only after the analyst confirms. */
function LinkList({ def, value, onSet }: { def: AttributeDefinition; value: string[]; onSet(v: string[]): void }) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const full = value.length >= ATTRIBUTE_LIMITS.linksPerValue;
  const errorId = `attr-${def.key}-error`;
  const add = () => {
    const url = draft.trim();
    if (!url) return;
    const checked = evidenceLinkProblem(url);
    if (checked.problem !== null) return setProblem(checked.problem);
    if (value.includes(checked.url)) return setProblem('That link is already listed.');
    onSet([...value, checked.url]);
    setDraft('');
    setProblem(null);
  };
  return (
    <div className="attribute-field">
      <span className="attribute-name" id={`attr-${def.key}`}>
        {def.name}
      </span>
      {value.length === 0 && <p className="attribute-empty">No links yet.</p>}
      <ul className="attribute-links" aria-labelledby={`attr-${def.key}`}>
        {value.map((url) => (
          <li key={url}>
            <span className="attribute-link" dir="ltr" title={url}>
              {url}
            </span>
            <button type="button" className="link-button" onClick={() => setConfirming(url)} aria-label={`Open ${url}`}>
              Open…
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`Remove ${url}`}
              onClick={() => {
                onSet(value.filter((x) => x !== url));
                input.current?.focus();
              }}
            >
              Remove
            </button>
            {confirming === url && (
              <ConfirmOpen
                url={url}
                onDone={() => {
                  setConfirming(null);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      <span className="with-button">
        <input
          ref={input}
          type="url"
          inputMode="url"
          value={draft}
          maxLength={ATTRIBUTE_LIMITS.urlLength}
          placeholder="https://…"
          aria-label={`Add a link to ${def.name}`}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
          disabled={full}
          onChange={(e) => {
            setDraft(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              keep(e);
              add();
            }
          }}
        />
        <button type="button" className="button small" onClick={add} disabled={full || !draft.trim()}>
          Add link
        </button>
      </span>
      {problem && (
        <p className="field-error" id={errorId} role="alert">
          {problem}
        </p>
      )}
      {full && <p className="attribute-empty">At most {ATTRIBUTE_LIMITS.linksPerValue} links.</p>}
    </div>
  );
}

/** Asks before a link leaves the app; the system browser opens it (main allows https: only). */
function ConfirmOpen({ url, onDone }: { url: string; onDone(): void }) {
  return (
    <div
      className="attribute-confirm"
      role="alertdialog"
      aria-label="Open this link?"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          keep(e);
          onDone();
        }
      }}
    >
      <p>
        Open <span dir="ltr">{new URL(url).host}</span> in your web browser? The page is outside claimtag; it may know you opened it.
      </p>
      <button
        type="button"
        className="button small primary"
        autoFocus
        onClick={() => {
          window.open(url, '_blank', 'noopener,noreferrer');
          onDone();
        }}
      >
        Open in browser
      </button>
      <button type="button" className="button small" onClick={onDone}>
        Cancel
      </button>
    </div>
  );
}

/** A calendar date (YYYY-MM-DD), saved when the field is left or Enter is pressed. */
function DateField({ def, value, onSet }: { def: AttributeDefinition; value: string; onSet(v: string): void }) {
  const [draft, setDraft] = useState(value);
  const commit = () => draft !== value && onSet(draft);
  return (
    <label className="attribute-field">
      <span className="attribute-name">{def.name}</span>
      <span className="with-button">
        <input
          type="date"
          value={draft}
          aria-label={def.name}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              keep(e);
              commit();
            }
          }}
        />
        {value && (
          <button type="button" className="link-button" aria-label={`Clear ${def.name}`} onClick={() => onSet('')}>
            Clear
          </button>
        )}
      </span>
    </label>
  );
}

function ReadOnlyValue({ def, value }: { def: AttributeDefinition; value: Value | undefined }) {
  const shown = Array.isArray(value) ? value.join(', ') : def.options.find((o) => o.key === value)?.name ?? value;
  return (
    <p className="attribute-readonly">
      <span className="attribute-name">{def.name}:</span> {shown || '—'}
    </p>
  );
}
