import { useState } from 'react';
import type { Difference } from '../../../shared/compare';
import type { Label } from '../../../shared/types';
import { Dialog } from '../chrome/Dialog';
import { KIND_INFO, shorten } from './format';

export type DecisionChoice =
  | { kind: 'accept'; annotationId: string }
  | { kind: 'reject' }
  | { kind: 'new'; labelId: string; start: number; end: number };

interface Props {
  difference: Difference;
  text: string;
  labels: readonly Label[];
  onClose(): void;
  /** Resolves to an error message, or null when saved. */
  onDecide(choice: DecisionChoice, reason: string): Promise<string | null>;
}

/** Settle one difference in the reference version: take one side, reject, or a new span. */
export function DecisionDialog({ difference: d, text, labels, onClose, onDecide }: Props) {
  const [choice, setChoice] = useState<string>(d.spans[0] ? `accept:${d.spans[0].annotationId}` : 'reject');
  const active = labels.filter((l) => !l.archived);
  const [newLabel, setNewLabel] = useState(active[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;

  const save = async () => {
    const picked: DecisionChoice =
      choice === 'reject'
        ? { kind: 'reject' }
        : choice === 'new'
          ? { kind: 'new', labelId: newLabel, start: d.start, end: d.end }
          : { kind: 'accept', annotationId: choice.slice('accept:'.length) };
    setBusy(true);
    const message = await onDecide(picked, reason);
    setBusy(false);
    if (message) setError(message);
  };

  return (
    <Dialog
      title="Settle this difference"
      onClose={onClose}
      wide
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={() => void save()}>
            Save decision
          </button>
        </>
      }
    >
      <p className="cmp-decision-kind">
        <span className={`cmp-kind cmp-kind-${d.kind}`} aria-hidden="true">
          {KIND_INFO[d.kind].mark}
        </span>{' '}
        {KIND_INFO[d.kind].name} · characters {d.start}–{d.end}
      </p>
      <blockquote className="cmp-decision-quote" dir="auto">
        {shorten(text.slice(d.start, d.end), 600)}
      </blockquote>
      <fieldset className="cmp-decision-options">
        <legend>The reference version keeps</legend>
        {d.spans.map((s) => (
          <label key={s.annotationId} className="cmp-option">
            <input
              type="radio"
              name="decision"
              value={`accept:${s.annotationId}`}
              checked={choice === `accept:${s.annotationId}`}
              onChange={(e) => setChoice(e.target.value)}
            />
            <span>
              <strong>{s.annotatorName}</strong>: {labelName(s.labelId)}
              {(s.start !== d.start || s.end !== d.end) && (
                <span className="cmp-option-quote" dir="auto">
                  “{shorten(s.quote, 160)}”
                </span>
              )}
            </span>
          </label>
        ))}
        <label className="cmp-option">
          <input type="radio" name="decision" value="reject" checked={choice === 'reject'} onChange={(e) => setChoice(e.target.value)} />
          <span>
            <strong>No claim here</strong> (reject every side)
          </span>
        </label>
        {active.length > 0 && (
          <label className="cmp-option">
            <input type="radio" name="decision" value="new" checked={choice === 'new'} onChange={(e) => setChoice(e.target.value)} />
            <span>
              <strong>A new span</strong> over the whole passage, labelled{' '}
              <select aria-label="Label for the new span" value={newLabel} onChange={(e) => (setNewLabel(e.target.value), setChoice('new'))}>
                {active.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </span>
          </label>
        )}
      </fieldset>
      <label className="cmp-reason">
        Reason (optional, kept in the reference note)
        <textarea rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
