import type { DocumentRecord } from '../../../shared/types';
import type { Comparison } from './use-comparison';

/** The view's title, the annotators being compared (each a toggle), and the way back. */
export function CompareHeader({ document: doc, comparison, onToggle, onClose }: { document: DocumentRecord; comparison: Comparison; onToggle(id: string): void; onClose(): void }) {
  const { result, choosable } = comparison;
  const compared = result?.annotators ?? [];
  return (
    <header className="cmp-head">
      <div className="cmp-title">
        <h1>Compare annotators</h1>
        <p className="cmp-doc" dir="auto">
          {doc.title}
        </p>
      </div>
      {result && result.available.length > 0 && (
        <div className="cmp-chips" role="group" aria-label="Annotators to compare">
          {choosable.map((a) => {
            const on = compared.some((c) => c.id === a.id);
            const isReference = a.id === result.referenceAnnotatorId;
            return (
              <button
                key={a.id}
                type="button"
                className={`cmp-chip${isReference ? ' cmp-chip-reference' : ''}`}
                aria-pressed={on}
                onClick={() => onToggle(a.id)}
                title={isReference ? `The reference version (${a.count} spans): compare the analysts against it` : `${a.count} annotations`}
              >
                <span className="cmp-chip-mark" aria-hidden="true">
                  {on ? '✓' : ''}
                </span>
                {a.name}
                <span className="cmp-chip-count">{a.count}</span>
              </button>
            );
          })}
        </div>
      )}
      <button type="button" className="button" onClick={onClose}>
        Back to tagging
      </button>
    </header>
  );
}
