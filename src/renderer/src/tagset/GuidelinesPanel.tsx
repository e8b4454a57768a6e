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
            {(label.examples?.positive.length ?? 0) > 0 && (
              <ul className="guideline-examples is" aria-label={`${label.name}: examples`}>
                {label.examples!.positive.map((x, i) => (
                  <li key={i}>
                    <span className="guideline-mark" aria-hidden="true">
                      ✓
                    </span>
                    {x}
                  </li>
                ))}
              </ul>
            )}
            {(label.examples?.negative.length ?? 0) > 0 && (
              <ul className="guideline-examples is-not" aria-label={`Not ${label.name}: counter-examples`}>
                {label.examples!.negative.map((x, i) => (
                  <li key={i}>
                    <span className="guideline-mark" aria-hidden="true">
                      ✗
                    </span>
                    {x}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </aside>
  );
}
