import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { ClaimtagApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { Label } from '../../../shared/types';
import { Dialog } from '../chrome/Dialog';
import { normalizeAttributeDefinitions } from '../../../shared/attribute-rules';
import { attributeProblem } from './attribute-draft';
import { draftOf, errorsFrom, newDraft, plural, slugFor, type Draft, type Errors, type Field } from './label-draft';
import { LabelForm } from './LabelForm';
import { LabelList } from './LabelList';
import { LabelManage } from './LabelManage';
import './tagset.css';

interface Props {
  api: ClaimtagApi;
  onClose(): void;
  /** The tag set changed (labels added, edited, archived, merged, deleted or imported). */
  onChanged(labels: Label[]): void;
  /** Open with a new label of this role being written (e.g. "add a source label" from the workbench). */
  startWith?: 'source' | 'cue';
}

type Status = { tone: 'info' | 'error'; text: string; details?: string[] } | null;

/** The tag set: labels with their role, colour, key, definition, examples and attributes; archive, merge, delete; file export and import. */
export function TagSetDialog({ api, onClose, onChanged, startWith }: Props) {
  const [labels, setLabels] = useState<Label[] | null>(null);
  const [usage, setUsage] = useState<Record<string, number> | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  /** Bumped whenever the saved labels are shown afresh (resets the merge confirmation). */
  const [shown, setShown] = useState(0);
  const uid = useId();
  const root = useRef<HTMLDivElement>(null);
  const idOf = useCallback((f: string) => `${uid}-${f}`, [uid]);
  /** Keeps keyboard focus in the dialog when the focused control went away (deleted, merged, disabled). */
  const keepFocus = () =>
    setTimeout(() => {
      const el = root.current;
      if (!el || el.contains(document.activeElement)) return;
      el.querySelector<HTMLElement>('.tagset-item[aria-current="true"], .tagset-item, .tagset-add')?.focus();
    }, 0);

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
      setShown((n) => n + 1);
      void refreshUsage();
    },
    [refreshUsage],
  );

  const startNew = useCallback(
    (all: Label[], role: Draft['role'] = 'claim') => {
      // Committed at once, so the name field has focus before the next key press arrives.
      flushSync(() => {
        setSelectedId(null);
        setDraft(newDraft(all, role));
        setErrors({});
        setStatus(null);
      });
      document.getElementById(idOf('name'))?.focus();
    },
    [idOf],
  );

  useEffect(() => {
    let live = true;
    void api.listLabels({}).then((r) => {
      if (!live) return;
      if (!r.ok) return setStatus({ tone: 'error', text: r.error.message });
      showLabels(r.value, null);
      if (startWith) setTimeout(() => live && startNew(r.value, startWith), 0);
    });
    return () => {
      live = false;
    };
  }, [api, showLabels, startNew, startWith]);

  // Opened while the labels were loading, the dialog held focus itself: now the current label takes it.
  const loaded = labels !== null;
  useEffect(() => {
    if (loaded && document.activeElement?.getAttribute('role') === 'dialog') keepFocus();
  }, [loaded]);

  const selected = labels?.find((l) => l.id === selectedId) ?? null;
  const savedAttributeKeys = useMemo(() => new Set((selected?.attributes ?? []).map((a) => a.key)), [selected]);

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
  };

  const save = async () => {
    if (!draft || !labels || busy) return;
    if (!draft.name.trim()) return setErrors({ name: 'A label needs a name.' });
    const problem = attributeProblem(draft.attributes);
    if (problem) return setErrors({ attributes: problem });
    const id = draft.id || slugFor(draft.name, labels.map((l) => l.id));
    const input = {
      id,
      name: draft.name.trim(),
      color: draft.color.trim(),
      shortcut: draft.shortcut.trim(),
      definition: draft.definition,
      examples: { positive: draft.positive.filter((x) => x.trim()), negative: draft.negative.filter((x) => x.trim()) },
      role: draft.role,
      attributes: normalizeAttributeDefinitions(draft.attributes),
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

  const merge = (target: Label) =>
    selected &&
    void run(
      () => api.mergeLabel({ from: selected.id, into: target.id }),
      (r) => ({ labels: r.labels, select: target.id, message: `Merged “${selected.name}” into “${target.name}”: ${plural(r.moved, 'annotation')} relabelled.` }),
    );

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

  const used = selected && usage ? (usage[selected.id] ?? 0) : null;
  const swatchColor = draft && /^#[0-9a-f]{6}$/i.test(draft.color) ? draft.color : '#888';

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
        <LabelList
          labels={labels}
          selectedId={selectedId}
          usage={usage}
          adding={draft && !draft.id ? draft : null}
          addingColor={swatchColor}
          onSelect={select}
          onAdd={() => labels && startNew(labels)}
        />
        {draft ? (
          <LabelForm
            draft={draft}
            savedName={selected?.name ?? null}
            savedAttributeKeys={savedAttributeKeys}
            errors={errors}
            idOf={idOf}
            onPatch={patch}
            onSave={() => void save()}
            onCancelNew={() => showLabels(labels ?? [], selectedId)}
            manage={
              selected &&
              draft.id && (
                <LabelManage
                  key={`${selected.id}-${shown}`}
                  selected={selected}
                  others={labels?.filter((l) => l.id !== selected.id) ?? []}
                  used={used}
                  busy={busy}
                  onArchive={setArchived}
                  onMerge={merge}
                  onDelete={remove}
                />
              )
            }
          />
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
