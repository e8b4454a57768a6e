import { useState } from 'react';
import type { CompareResult } from '../../../shared/compare';
import type { Label } from '../../../shared/types';

export interface CellFilter {
  ids: string[];
  description: string;
}

interface Props {
  result: CompareResult;
  labels: readonly Label[];
  onFilter(filter: CellFilter): void;
}

/** Label × label counts for one pair of annotators; a cell lists its differences when clicked. */
export function ConfusionTable({ result, labels, onFilter }: Props) {
  const { confusion } = result;
  const [pairIndex, setPairIndex] = useState(0);
  const nameOf = (id: string) => result.annotators.find((a) => a.id === id)?.name ?? id;
  const labelName = (id: string) => (id === 'none' ? 'none' : (labels.find((l) => l.id === id)?.name ?? id));
  if (confusion.pairs.length === 0) {
    return <p className="cmp-muted">No confusion matrix: it needs two to fifty annotators with spans.</p>;
  }
  const pair = confusion.pairs[Math.min(pairIndex, confusion.pairs.length - 1)];
  const a = nameOf(pair.a);
  const b = nameOf(pair.b);
  return (
    <div className="cmp-confusion">
      <div className="cmp-confusion-head">
        <h3 id="cmp-confusion-title">Confusion matrix</h3>
        {confusion.pairs.length > 1 && (
          <label className="cmp-inline">
            Pair
            <select aria-label="Pair" value={pairIndex} onChange={(e) => setPairIndex(Number(e.target.value))}>
              {confusion.pairs.map((p, k) => (
                <option key={`${p.a}|${p.b}`} value={k}>
                  {nameOf(p.a)} · {nameOf(p.b)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <table className="cmp-table cmp-matrix" aria-labelledby="cmp-confusion-title">
        <thead>
          <tr>
            <th scope="col" className="cmp-corner">
              <span>{a} ↓</span>
              <span>{b} →</span>
            </th>
            {confusion.labels.map((l) => (
              <th key={l} scope="col">
                {labelName(l)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {confusion.labels.map((row, r) => (
            <tr key={row}>
              <th scope="row">{labelName(row)}</th>
              {confusion.labels.map((col, c) => {
                const count = pair.counts[r][c];
                const diagonal = r === c && row !== 'none';
                const description = `${a}: ${labelName(row)} · ${b}: ${labelName(col)}`;
                return (
                  <td key={col} className={diagonal ? 'cmp-diagonal' : count ? 'cmp-off' : ''}>
                    {count > 0 ? (
                      <button
                        type="button"
                        className="cmp-cell"
                        aria-label={`${count} — ${description}; show these differences`}
                        onClick={() => onFilter({ ids: pair.differenceIds[r][c], description })}
                      >
                        {count}
                      </button>
                    ) : (
                      <span className="cmp-zero" aria-label={`0 — ${description}`}>
                        ·
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="cmp-muted cmp-small">Rows: {a}. Columns: {b}. Matched spans count once; a span the other did not mark counts under “none”.</p>
    </div>
  );
}
