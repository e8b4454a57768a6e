import type { CompareResult, DifferenceKind } from '../../../shared/compare';
import { KIND_INFO, KIND_ORDER } from './format';

interface Props {
  result: CompareResult;
  kinds: ReadonlySet<DifferenceKind>;
  onKinds(kinds: Set<DifferenceKind>): void;
  hideSettled: boolean;
  onHideSettled(hide: boolean): void;
  /** Annotators compared, and how many must agree for auto-merge. */
  compared: number;
  need: number;
  onNeed(n: number): void;
  busy: boolean;
  onMerge(): void;
}

/** Above the list: auto-merge where enough annotators agree, and which kinds of difference to show. */
export function DifferenceFilters({ result, kinds, onKinds, hideSettled, onHideSettled, compared: m, need, onNeed, busy, onMerge }: Props) {
  const counts = new Map<DifferenceKind, number>();
  for (const d of result.differences) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  const settledCount = result.differences.filter((d) => d.settled).length;
  return (
    <>
      <div className="cmp-merge">
        <label className="cmp-inline">
          Auto-merge where ≥
          <input
            type="number"
            min={1}
            max={Math.max(1, m)}
            value={need}
            aria-label="Minimum annotators agreeing"
            onChange={(e) => onNeed(Math.max(1, Math.min(Math.max(1, m), Number(e.target.value) || 1)))}
          />
          agree
        </label>
        <button type="button" className="button" disabled={busy} onClick={onMerge}>
          Auto-merge
        </button>
      </div>
      <div className="cmp-filters" role="group" aria-label="Show kinds">
        {KIND_ORDER.map((k) => (
          <button
            key={k}
            type="button"
            className="cmp-filter"
            aria-pressed={kinds.has(k)}
            title={KIND_INFO[k].hint}
            onClick={() => {
              const next = new Set(kinds);
              if (next.has(k)) next.delete(k);
              else next.add(k);
              onKinds(next);
            }}
          >
            <span className={`cmp-kind cmp-kind-${k}`} aria-hidden="true">
              {KIND_INFO[k].mark}
            </span>
            {KIND_INFO[k].name} <span className="cmp-count">{counts.get(k) ?? 0}</span>
          </button>
        ))}
        <label className="cmp-inline cmp-settled-toggle">
          <input type="checkbox" checked={hideSettled} onChange={(e) => onHideSettled(e.target.checked)} />
          Hide settled ({settledCount})
        </label>
      </div>
    </>
  );
}
