import type { Ref } from 'react';
import type { CompareResult, Difference } from '../../../shared/compare';
import type { DocumentRecord, Label } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';
import { decisionAt, describeDecision } from './decision-summary';
import { KIND_INFO, shorten } from './format';

interface Props {
  result: CompareResult;
  document: DocumentRecord;
  labels: readonly Label[];
  shown: readonly Difference[];
  activeId: string | null;
  onActivate(id: string): void;
  onDecide(d: Difference): void;
  ref?: Ref<HTMLUListElement>;
}

/** The differences as a listbox (J/K or ↓/↑ to step, Enter to decide): kind, decision, quote, and who said what. */
export function DifferenceList({ result, document: doc, labels, shown, activeId, onActivate, onDecide, ref }: Props) {
  const active = shown.find((d) => d.id === activeId) ?? null;
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  if (shown.length === 0) {
    return <p className="cmp-muted cmp-pad">{result.differences.length === 0 ? 'No spans to compare yet.' : 'No differences match these filters.'}</p>;
  }
  return (
    <ul
      ref={ref}
      className="cmp-list"
      role="listbox"
      tabIndex={0}
      aria-label="Differences (J/K or ↓/↑ to step, Enter to decide)"
      aria-activedescendant={active ? `cmp-d-${active.id}` : undefined}
      onFocus={() => !active && shown[0] && onActivate(shown[0].id)}
    >
      {shown.map((d) => {
        const decision = d.settled ? decisionAt(result.decisions, d) : null;
        return (
          <li
            key={d.id}
            id={`cmp-d-${d.id}`}
            data-id={d.id}
            role="option"
            aria-selected={d.id === activeId}
            className={`cmp-item${d.id === activeId ? ' active' : ''}${d.settled ? ' settled' : ''}`}
            onClick={() => onActivate(d.id)}
            onDoubleClick={() => onDecide(d)}
          >
            <div className="cmp-item-head">
              <span className={`cmp-kind cmp-kind-${d.kind}`} aria-hidden="true">
                {KIND_INFO[d.kind].mark}
              </span>
              <span className="cmp-item-kind">{KIND_INFO[d.kind].name}</span>
              {d.settled && <span className="cmp-settled">✓ settled</span>}
            </div>
            {decision && (
              <p className="cmp-decision-line" dir="auto">
                {describeDecision(decision, labelName, (a, b) => shorten(doc.text.slice(a, b), 60))}
              </p>
            )}
            <p className="cmp-item-quote" dir="auto">
              {shorten(doc.text.slice(d.start, d.end))}
            </p>
            <ul className="cmp-who" aria-label="Who said what">
              {result.annotators.map((a) => {
                const theirs = d.spans.filter((s) => s.annotatorId === a.id);
                return (
                  <li key={a.id}>
                    <span className="cmp-who-name">{a.name}</span>{' '}
                    {theirs.length === 0 ? (
                      <span className="cmp-muted">nothing</span>
                    ) : (
                      theirs.map((s) => {
                        const index = labels.findIndex((l) => l.id === s.labelId);
                        return (
                          <span key={s.annotationId} className="cmp-who-label" title={`“${shorten(s.quote, 200)}”`}>
                            {index >= 0 && <LabelSwatch label={labels[index]} index={index} labels={labels} />}
                            {labelName(s.labelId)}
                            {(s.start !== d.start || s.end !== d.end) && <span className="cmp-muted"> (part)</span>}
                          </span>
                        );
                      })
                    )}
                  </li>
                );
              })}
            </ul>
            {d.id === activeId && (
              <button type="button" className="button cmp-decide" onClick={() => onDecide(d)}>
                Decide… <kbd>Enter</kbd>
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
