import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ClaimtagApi } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/result';
import type { Label } from '../../../shared/types';
import { Dialog } from '../chrome/Dialog';
import { LabelSwatch } from '../chrome/LabelSwatch';
import { contrastVerdict } from '../../../shared/contrast';
import './tagset.css';

interface Props {
  api: ClaimtagApi;
  onClose(): void;
  /** The tag set changed (labels added, edited, archived, merged, deleted or imported). */
  onChanged(labels: Label[]): void;
}

type Field = 'name' | 'color' | 'shortcut' | 'definition' | 'examples';
type Errors = Partial<Record<Field | 'general', string>>;

interface Draft {
  /** Empty for a label not saved yet; its id is made from the name. */
  id: string;
  name: string;
  color: string;
  shortcut: string;
  definition: string;
  positive: string[];
  negative: string[];
}

const NEW_COLORS = ['#7a5c99', '#9a6b1f', '#3f7f7f', '#8a3b5c', '#4d6b2f', '#5a5a8a'];
const FIELDS: readonly Field[] = ['name', 'color', 'shortcut', 'definition', 'examples'];

const draftOf = (l: Label): Draft => ({
  id: l.id,
  name: l.name,
  color: l.color,
  shortcut: l.shortcut,
  definition: l.definition,
  positive: [...(l.examples?.positive ?? [])],
  negative: [...(l.examples?.negative ?? [])],
});

function newDraft(labels: readonly Label[]): Draft {
  const used = new Set(labels.filter((l) => !l.archived).map((l) => l.shortcut));
  const colors = new Set(labels.map((l) => l.color.toLowerCase()));
  return {
    id: '',
    name: '',
    color: NEW_COLORS.find((c) => !colors.has(c)) ?? NEW_COLORS[labels.length % NEW_COLORS.length],
    shortcut: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].find((k) => !used.has(k)) ?? '',
    definition: '',
    positive: [],
    negative: [],
  };
}

/** A lower-case slug from the name, not clashing with an existing id. */
function slugFor(name: string, labels: readonly Label[]): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34) || 'label';
  const ids = new Set(labels.map((l) => l.id));
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Puts each "field: message" detail next to its field; anything else is a general error. */
function errorsFrom(error: AppError): Errors {
  const errors: Errors = {};
  for (const d of error.details ?? []) {
    const m = /^([a-z]+)(?:\.[\w.]*)?: (.*)$/.exec(d);
    const field = m?.[1] as Field | undefined;
    if (m && field && FIELDS.includes(field) && !errors[field]) errors[field] = m[2];
  }
  if (Object.keys(errors).length === 0) errors.general = error.message;
  return errors;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The tag set: labels with their colour, key, definition and examples; archive, merge, delete; file export and import. */
export function TagSetDialog({ api, onClose, onChanged }: Props) {
  const [labels, setLabels] = useState<Label[] | null>(null);
  const [usage, setUsage] = useState<Record<string, number> | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; text: string; details?: string[] } | null>(null);
  const [mergeInto, setMergeInto] = useState('');
  const [confirmMerge, setConfirmMerge] = useState(false);
  const [busy, setBusy] = useState(false);
  const uid = useId();
  const root = useRef<HTMLDivElement>(null);
  /** Keeps keyboard focus in the dialog when the focused control went away (deleted, merged, disabled). */
  const keepFocus = () =>
    setTimeout(() => {
      const el = root.current;
      if (!el || el.contains(document.activeElement)) return;
      el.querySelector<HTMLElement>('.tagset-item[aria-current="true"], .tagset-item, .tagset-add')?.focus();
    }, 0);
  const idOf = (f: string) => `${uid}-${f}`;

  const refreshUsage = useCallback(async () => {
    const docs = await api.listDocuments({});
    if (!docs.ok) return;
    const counts: Record<string, number> = Object.create(null); // keys are label ids from data
    for (const d of docs.value) for (const [label, n] of Object.entries(d.counts)) counts[label] = (counts[label] ?? 0) + n;
    setUsage(counts);
  }, [api]);

  const showLabels = useCallback(
    (next: Label[], select: string | null) => {
      setLabels(next);
      const chosen = next.find((l) => l.id === select) ?? next[0] ?? null;
      setSelectedId(chosen?.id ?? null);
      setDraft(chosen ? draftOf(chosen) : null);
      setErrors({});
      setConfirmMerge(false);
      setMergeInto('');
      void refreshUsage();
    },
    [refreshUsage],
  );

  useEffect(() => {
    let live = true;
    void api.listLabels({}).then((r) => {
      if (!live) return;
      if (r.ok) showLabels(r.value, null);
      else setStatus({ tone: 'error', text: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, showLabels]);

  // Opened while the labels were loading, the dialog held focus itself: now the current label takes it.
  const loaded = labels !== null;
  useEffect(() => {
    if (loaded && document.activeElement?.getAttribute('role') === 'dialog') keepFocus();
  }, [loaded]);

  const selected = labels?.find((l) => l.id === selectedId) ?? null;
  const verdict = useMemo(() => (draft && /^#[0-9a-f]{6}$/i.test(draft.color) ? contrastVerdict(draft.color) : null), [draft]);

  /** Runs a change; on success shows the new labels and tells the workbench. */
  const run = async <T,>(call: () => Promise<Result<T>>, after: (value: T) => { labels: Label[]; select: string | null; message: string }) => {
    if (busy) return false;
    setBusy(true);
    try {
      const r = await call();
      if (!r.ok) {
        setErrors(errorsFrom(r.error));
        return false;
      }
      const next = after(r.value);
      showLabels(next.labels, next.select);
      setStatus({ tone: 'info', text: next.message });
      onChanged(next.labels);
      return true;
    } finally {
      setBusy(false);
      keepFocus();
    }
  };

  const select = (l: Label) => {
    setSelectedId(l.id);
    setDraft(draftOf(l));
    setErrors({});
    setConfirmMerge(false);
    setMergeInto('');
  };

  const addLabel = () => {
    if (!labels) return;
    // Committed at once, so the name field has focus before the next key press arrives.
    flushSync(() => {
      setSelectedId(null);
      setDraft(newDraft(labels));
      setErrors({});
      setConfirmMerge(false);
      setStatus(null);
    });
    document.getElementById(idOf('name'))?.focus();
  };

  const save = async () => {
    if (!draft || !labels || busy) return;
    if (!draft.name.trim()) return setErrors({ name: 'A label needs a name.' });
    const id = draft.id || slugFor(draft.name, labels);
    const input = {
      id,
      name: draft.name.trim(),
      color: draft.color.trim(),
      shortcut: draft.shortcut.trim(),
      definition: draft.definition,
      examples: { positive: draft.positive.filter((x) => x.trim()), negative: draft.negative.filter((x) => x.trim()) },
    };
    await run(
      () => api.saveLabel(input),
      (next) => ({ labels: next, select: id, message: draft.id ? `Saved “${input.name}”.` : `Added “${input.name}”.` }),
    );
  };

  const setArchived = (archived: boolean) =>
    selected &&
    void run(
      () => api.archiveLabel({ id: selected.id, archived }),
      (next) => ({
        labels: next,
        select: selected.id,
        message: archived
          ? `Archived “${selected.name}”: it is no longer offered for tagging; its annotations stay visible and exportable.`
          : `“${selected.name}” is back in the toolbar.`,
      }),
    );

  const merge = () => {
    const target = labels?.find((l) => l.id === mergeInto);
    if (!selected || !target) return;
    void run(
      () => api.mergeLabel({ from: selected.id, into: target.id }),
      (r) => ({ labels: r.labels, select: target.id, message: `Merged “${selected.name}” into “${target.name}”: ${plural(r.moved, 'annotation')} relabelled.` }),
    );
  };

  const remove = () =>
    selected &&
    void run(
      () => api.deleteLabel({ id: selected.id }),
      (next) => ({ labels: next, select: null, message: `Deleted “${selected.name}”.` }),
    );

  const exportFile = async () => {
    if (busy) return;
    setBusy(true);
    const r = await api.exportTagSet({});
    setBusy(false);
    keepFocus();
    if (!r.ok) setStatus({ tone: 'error', text: r.error.message, details: r.error.details });
    else if ('written' in r.value) setStatus({ tone: 'info', text: `Tag set saved to ${r.value.written}.` });
  };

  const importFile = async () => {
    if (busy) return;
    setBusy(true);
    const r = await api.importTagSet({});
    setBusy(false);
    keepFocus();
    if (!r.ok) return setStatus({ tone: 'error', text: r.error.message, details: r.error.details });
    if ('cancelled' in r.value) return;
    const { added, updated } = r.value;
    const parts = [added.length ? `added ${added.join(', ')}` : '', updated.length ? `updated ${updated.join(', ')}` : ''].filter(Boolean);
    showLabels(r.value.labels, selectedId);
    onChanged(r.value.labels);
    setStatus({ tone: 'info', text: parts.length ? `Imported the tag set: ${parts.join('; ')}.` : 'Imported the tag set: it matched this one, nothing changed.' });
  };

  const patch = (p: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...p } : d));
    const touched = Object.keys(p).map((k) => (k === 'positive' || k === 'negative' ? 'examples' : k)) as Field[];
    setErrors((e) => {
      const next = { ...e };
      for (const f of touched) delete next[f];
      delete next.general;
      return next;
    });
  };

  const onFormKeyDown = (e: React.KeyboardEvent) => {
    const single = e.target instanceof HTMLInputElement && e.target.type !== 'color';
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || single)) {
      e.preventDefault();
      void save();
    }
  };

  const fieldError = (f: Field) =>
    errors[f] ? (
      <p className="field-error" id={idOf(`${f}-error`)} role="alert">
        {errors[f]}
      </p>
    ) : null;
  const describedBy = (f: Field, extra?: string) => [errors[f] ? idOf(`${f}-error`) : '', extra ?? ''].filter(Boolean).join(' ') || undefined;

  const used = selected && usage ? (usage[selected.id] ?? 0) : null;
  const others = labels?.filter((l) => l.id !== selected?.id) ?? [];

  return (
    <Dialog
      title="Tag set"
      onClose={onClose}
      wide
      actions={
        <>
          <button type="button" className="button" onClick={() => void exportFile()}>
            Export…
          </button>
          <button type="button" className="button" onClick={() => void importFile()}>
            Import…
          </button>
          <span className="tagset-spacer" />
          <button type="button" className="button primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      <div className="tagset" ref={root}>
        <div className="tagset-side">
          <ul className="tagset-list" aria-label="Labels">
            {labels?.map((l, i) => (
              <li key={l.id}>
                <button
                  type="button"
                  className={`tagset-item${l.archived ? ' archived' : ''}`}
                  aria-current={l.id === selectedId ? 'true' : undefined}
                  onClick={() => select(l)}
                >
                  <LabelSwatch label={l} index={i} />
                  <span className="tagset-item-name">{l.name}</span>
                  {l.archived && <span className="tagset-badge">archived</span>}
                  {usage && (
                    <span className="tagset-usage" title={`${plural(usage[l.id] ?? 0, 'annotation')} in this library`}>
                      {usage[l.id] ?? 0}
                    </span>
                  )}
                  <kbd aria-label={l.shortcut ? `shortcut ${l.shortcut}` : 'no shortcut'}>{l.shortcut || '–'}</kbd>
                </button>
              </li>
            ))}
            {draft && !draft.id && (
              <li>
                <button type="button" className="tagset-item" aria-current="true">
                  <span className="swatch" aria-hidden="true" style={{ backgroundColor: verdict ? draft.color : '#888' }}>
                    +
                  </span>
                  <span className="tagset-item-name">{draft.name.trim() || 'New label'}</span>
                </button>
              </li>
            )}
          </ul>
          <button type="button" className="button tagset-add" onClick={addLabel} disabled={!labels}>
            Add label
          </button>
        </div>

        {draft ? (
          <form
            className="tagset-form"
            aria-label={draft.id ? `Edit ${selected?.name ?? draft.name}` : 'New label'}
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
            onKeyDown={onFormKeyDown}
          >
            <div className="tagset-row">
              <label className="field tagset-grow">
                <span>Name</span>
                <input
                  id={idOf('name')}
                  value={draft.name}
                  maxLength={60}
                  aria-invalid={errors.name ? true : undefined}
                  aria-describedby={describedBy('name')}
                  onChange={(e) => patch({ name: e.target.value })}
                />
              </label>
              <label className="field tagset-key">
                <span>Shortcut key</span>
                <input
                  value={draft.shortcut}
                  maxLength={1}
                  inputMode="numeric"
                  placeholder="none"
                  aria-invalid={errors.shortcut ? true : undefined}
                  aria-describedby={describedBy('shortcut', idOf('shortcut-hint'))}
                  onChange={(e) => patch({ shortcut: e.target.value.trim() })}
                />
              </label>
            </div>
            <p className="tagset-hint" id={idOf('shortcut-hint')}>
              Shortcut: one digit from 1 to 9, or empty for none.
            </p>
            {fieldError('name')}
            {fieldError('shortcut')}

            <div className="tagset-row">
              <div className="field tagset-color">
                <span aria-hidden="true">Colour</span>
                <span className="tagset-color-inputs">
                  <input
                    type="color"
                    aria-label="Colour picker"
                    value={verdict ? draft.color.toLowerCase() : '#000000'}
                    onChange={(e) => patch({ color: e.target.value })}
                  />
                  <input
                    aria-label="Colour"
                    value={draft.color}
                    maxLength={7}
                    spellCheck={false}
                    aria-invalid={errors.color || (verdict && !verdict.ok) ? true : undefined}
                    aria-describedby={describedBy('color', idOf('verdict'))}
                    onChange={(e) => patch({ color: e.target.value.trim() })}
                  />
                </span>
              </div>
              <div className="tagset-preview" aria-hidden="true">
                <span className="tagset-badge-sample" style={{ backgroundColor: verdict ? draft.color : 'transparent' }}>
                  {draft.name.trim() || 'Label'}
                </span>
                <span className="tagset-underline light" style={{ textDecorationColor: verdict ? draft.color : 'transparent' }}>
                  on light
                </span>
                <span className="tagset-underline dark" style={{ textDecorationColor: verdict ? draft.color : 'transparent' }}>
                  on dark
                </span>
              </div>
            </div>
            <div id={idOf('verdict')} className="tagset-verdict" aria-live="polite">
              {!verdict ? (
                <p className="field-error">Use a colour like #2f7d4f.</p>
              ) : verdict.ok ? (
                <p className="tagset-ok">
                  Readable: white text {verdict.withWhite.toFixed(1)}:1 (at least 3:1 needed).{verdict.note ? ` ${verdict.note}` : ''}
                </p>
              ) : (
                <p className="field-error" role={errors.color ? 'alert' : undefined}>
                  {verdict.problem}{' '}
                  <button type="button" className="link-button" onClick={() => patch({ color: verdict.suggestion! })}>
                    Use {verdict.suggestion}
                  </button>
                </p>
              )}
            </div>
            {errors.color && !(verdict && !verdict.ok) && fieldError('color')}

            <label className="field">
              <span>Definition</span>
              <textarea
                rows={3}
                value={draft.definition}
                maxLength={4000}
                aria-invalid={errors.definition ? true : undefined}
                aria-describedby={describedBy('definition')}
                onChange={(e) => patch({ definition: e.target.value })}
              />
            </label>
            {fieldError('definition')}

            <div className="tagset-examples">
              <ExampleList title="Examples that are" what={draft.name.trim() || 'this label'} items={draft.positive} onChange={(positive) => patch({ positive })} />
              <ExampleList title="Examples that are not" what={draft.name.trim() || 'this label'} items={draft.negative} onChange={(negative) => patch({ negative })} />
            </div>
            {fieldError('examples')}
            {errors.general && (
              <p className="field-error" role="alert">
                {errors.general}
              </p>
            )}

            <div className="tagset-form-actions">
              <button type="submit" className="button primary">
                {draft.id ? 'Save label' : 'Add this label'}
              </button>
              {!draft.id && (
                <button type="button" className="button" onClick={() => showLabels(labels ?? [], selectedId)}>
                  Cancel
                </button>
              )}
            </div>

            {selected && draft.id && (
              <section className="tagset-manage" aria-label="Archive, merge or delete">
                <div className="tagset-manage-row">
                  <button type="button" className="button" onClick={() => setArchived(!selected.archived)}>
                    {selected.archived ? 'Unarchive' : 'Archive'}
                  </button>
                  <span className="tagset-hint">
                    {selected.archived ? 'Archived: not offered for tagging; its annotations stay.' : 'Stop offering it for tagging, keeping its annotations.'}
                  </span>
                </div>
                <div className="tagset-manage-row">
                  <label className="tagset-inline">
                    <span>Merge into…</span>
                    <select
                      value={mergeInto}
                      onChange={(e) => {
                        setMergeInto(e.target.value);
                        setConfirmMerge(false);
                      }}
                    >
                      <option value="">Choose a label</option>
                      {others.map((l) => (
                        <option key={l.id} value={l.id}>
                          {l.name}
                          {l.archived ? ' (archived)' : ''}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="button" className="button" disabled={!mergeInto || busy} onClick={() => setConfirmMerge(true)}>
                    Merge…
                  </button>
                </div>
                {confirmMerge && mergeInto && (
                  <div className="tagset-confirm" role="alert">
                    <p>
                      Relabel {used === null ? 'all' : plural(used, 'annotation')} of “{selected.name}” as “{others.find((l) => l.id === mergeInto)?.name}” and
                      remove “{selected.name}” from the tag set?
                    </p>
                    <button type="button" className="button danger-solid" onClick={merge} disabled={busy}>
                      Merge and remove “{selected.name}”
                    </button>
                    <button type="button" className="button" onClick={() => setConfirmMerge(false)}>
                      Cancel
                    </button>
                  </div>
                )}
                <div className="tagset-manage-row">
                  {used === 0 ? (
                    <button type="button" className="button danger" onClick={remove} disabled={busy}>
                      Delete label
                    </button>
                  ) : (
                    <span className="tagset-hint">
                      {used === null ? '' : `Used by ${plural(used, 'annotation')}, so it cannot be deleted: merge it into another label or archive it.`}
                    </span>
                  )}
                </div>
              </section>
            )}
          </form>
        ) : (
          <p className="tagset-empty">{labels ? 'No labels yet. Add one to start tagging.' : 'Loading the tag set…'}</p>
        )}
      </div>
      {status && (
        <div className={`tagset-status ${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'}>
          <p>{status.text}</p>
          {status.details && status.details.length > 0 && (
            <ul>
              {status.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  );
}

function ExampleList({ title, what, items, onChange }: { title: string; what: string; items: string[]; onChange(items: string[]): void }) {
  const heading = `${title} ${what}`;
  return (
    <fieldset className="tagset-example-list">
      <legend>{heading}</legend>
      {items.length === 0 && <p className="tagset-hint">None yet.</p>}
      <ol>
        {items.map((text, i) => (
          <li key={i}>
            <textarea
              rows={2}
              value={text}
              maxLength={2000}
              aria-label={`${title} ${what}, ${i + 1}`}
              onChange={(e) => onChange(items.map((x, j) => (j === i ? e.target.value : x)))}
            />
            <button
              type="button"
              className="link-button tagset-remove"
              aria-label={`Remove ${title.toLowerCase()} ${what}, ${i + 1}`}
              title="Remove this example"
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button small"
        disabled={items.length >= 50}
        onClick={() => onChange([...items, ''])}
        aria-label={`Add an example that is${title.endsWith('not') ? ' not' : ''} ${what}`}
      >
        Add example
      </button>
    </fieldset>
  );
}
