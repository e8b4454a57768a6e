import type { Label } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';
import './tagset.css';

interface Props {
  /** The whole tag set; archived labels are left out. */
  labels: Label[];
  onClose(): void;
}

/** The coding guidelines beside the article: each active label's definition and examples. */
export function GuidelinesPanel({ labels, onClose }: Props) {
  const active = labels.map((label, index) => ({ label, index })).filter(({ label }) => !label.archived);
  return (
    <aside className="guidelines-panel" role="region" aria-label="Guidelines">
      <div className="panel-header guidelines-header">
        <h2>Guidelines</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close guidelines" title="Close guidelines">
          ×
        </button>
      </div>
      <div className="guidelines-scroll" tabIndex={0} aria-label="Label guidelines">
        {active.length === 0 && <p className="tagset-hint">No labels to tag with. Add some in the tag set.</p>}
        {active.map(({ label, index }) => (
          <section key={label.id} className="guideline" aria-labelledby={`guideline-${label.id}`}>
            <h3 id={`guideline-${label.id}`}>
              <LabelSwatch label={label} index={index} labels={labels} />
              <span>{label.name}</span>
              {label.shortcut && <kbd title={`Shortcut ${label.shortcut}`}>{label.shortcut}</kbd>}
            </h3>
            <p className={label.definition ? 'guideline-definition' : 'guideline-definition tagset-hint'}>{label.definition || 'No definition yet.'}</p>
            <GuidelineExamples kind="is" mark="✓" label={`${label.name}: examples`} items={label.examples?.positive ?? []} />
            <GuidelineExamples kind="is-not" mark="✗" label={`Not ${label.name}: counter-examples`} items={label.examples?.negative ?? []} />
          </section>
        ))}
      </div>
    </aside>
  );
}

/** One list of examples (what the label is, or is not); nothing when there are none. */
function GuidelineExamples({ kind, mark, label, items }: { kind: 'is' | 'is-not'; mark: string; label: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <ul className={`guideline-examples ${kind}`} aria-label={label}>
      {items.map((x, i) => (
        <li key={i}>
          <span className="guideline-mark" aria-hidden="true">
            {mark}
          </span>
          {x}
        </li>
      ))}
    </ul>
  );
}
