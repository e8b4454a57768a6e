import type { Annotation, Confidence, Label } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';

export interface Filters {
  hiddenLabels: ReadonlySet<string>;
  annotator: string | null;
  confidence: Confidence | 'none' | null;
}

export const NO_FILTERS: Filters = { hiddenLabels: new Set(), annotator: null, confidence: null };

export function applyFilters(list: Annotation[], f: Filters): Annotation[] {
  if (f.hiddenLabels.size === 0 && !f.annotator && !f.confidence) return list;
  return list.filter(
    (a) =>
      !f.hiddenLabels.has(a.labelId) &&
      (!f.annotator || a.annotatorId === f.annotator) &&
      (!f.confidence || (f.confidence === 'none' ? a.confidence === null : a.confidence === f.confidence)),
  );
}

function covered(spans: Annotation[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let total = 0;
  let end = -1;
  for (const s of sorted) {
    if (s.end <= end) continue;
    total += s.end - Math.max(s.start, end);
    end = s.end;
  }
  return total;
}

interface Props {
  annotations: Annotation[];
  labels: Label[];
  filters: Filters;
  textLength: number;
  onChange(f: Filters): void;
}

/** Per-label counts and share of text (each a toggle that hides that label), plus annotator and confidence filters. */
export function AnnotationFilters({ annotations, labels, filters, textLength, onChange }: Props) {
  const annotators = [...new Map(annotations.map((a) => [a.annotatorId, a.annotatorName])).entries()];
  return (
    <div className="filters">
      <div className="label-summary" role="group" aria-label="Show or hide labels">
        {labels.map((l, i) => {
          const mine = annotations.filter((a) => a.labelId === l.id);
          if (mine.length === 0 && l.archived) return null;
          const hidden = filters.hiddenLabels.has(l.id);
          const share = textLength ? (covered(mine) / textLength) * 100 : 0;
          return (
            <button
              key={l.id}
              type="button"
              className={`summary-chip${hidden ? ' off' : ''}`}
              aria-pressed={!hidden}
              aria-label={`${l.name}: ${mine.length}, ${share.toFixed(1)}% of the text`}
              title={`${hidden ? 'Show' : 'Hide'} ${l.name}: ${mine.length} annotations, ${share.toFixed(1)}% of the text`}
              onClick={() => {
                const next = new Set(filters.hiddenLabels);
                if (hidden) next.delete(l.id);
                else next.add(l.id);
                onChange({ ...filters, hiddenLabels: next });
              }}
            >
              <LabelSwatch label={l} index={i} labels={labels} />
              <span className="summary-name">{l.name}</span>
              <span className="summary-count">{mine.length}</span>
              <span className="summary-share">{share.toFixed(1)}%</span>
            </button>
          );
        })}
      </div>
      <div className="filter-selects">
        {annotators.length > 1 && (
          <select aria-label="Filter by annotator" value={filters.annotator ?? ''} onChange={(e) => onChange({ ...filters, annotator: e.target.value || null })}>
            <option value="">All annotators</option>
            {annotators.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        )}
        <select
          aria-label="Filter by confidence"
          value={filters.confidence ?? ''}
          onChange={(e) => onChange({ ...filters, confidence: (e.target.value || null) as Filters['confidence'] })}
        >
          <option value="">Any confidence</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
          <option value="none">Not set</option>
        </select>
      </div>
    </div>
  );
}
