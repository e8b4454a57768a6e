import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Difference, DifferenceKind } from '../../../shared/compare';
import type { ClaimtagApi } from '../../../shared/contract';
import type { DocumentRecord } from '../../../shared/types';
import { AgreementFigures, PairTable } from './AgreementFigures';
import { CompareEmpty } from './CompareEmpty';
import { CompareHeader } from './CompareHeader';
import { CompareText } from './CompareText';
import { ConfusionTable, type CellFilter } from './ConfusionTable';
import { StructureAgreement } from './StructureAgreement';
import { DecisionDialog } from './DecisionDialog';
import { DifferenceFilters } from './DifferenceFilters';
import { DifferenceList } from './DifferenceList';
import { KIND_ORDER } from './format';
import { useComparison } from './use-comparison';
import { useCommands } from '../commands/use-commands';
import './compare.css';

interface Props {
  api: ClaimtagApi;
  document: DocumentRecord;
  onClose(): void;
  /** Bumped when the document's rows changed outside this view (an import): the comparison is made again. */
  revision?: number;
}

type Tab = 'differences' | 'pairs';

/**
 * Several annotators' tagging of one document side by side: agreement figures, the article with
 * every difference marked, a keyboard-steppable list of differences with decisions for the
 * reference version, auto-merge, and confusion matrices per pair. This component only arranges
 * the parts and holds what is shown (filters, the active difference, the open tab); the data and
 * its changes live in useComparison.
 */
export function CompareView({ api, document: doc, onClose, revision = 0 }: Props) {
  const comparison = useComparison(api, doc.id, revision);
  const { result, labels, error, status } = comparison;
  const [activeId, setActiveId] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<Difference | null>(null);
  const [kinds, setKinds] = useState<ReadonlySet<DifferenceKind>>(() => new Set(KIND_ORDER));
  const [hideSettled, setHideSettled] = useState(false);
  const [cell, setCell] = useState<CellFilter | null>(null);
  const [tab, setTab] = useState<Tab>('differences');
  const [minAgreeing, setMinAgreeing] = useState<number | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const m = result?.annotators.length ?? 0;
  const need = minAgreeing ?? Math.max(2, m);

  const shown = useMemo(() => {
    if (!result) return [];
    const inCell = cell ? new Set(cell.ids) : null;
    return result.differences.filter((d) => (inCell ? inCell.has(d.id) : kinds.has(d.kind) && !(hideSettled && d.settled)));
  }, [result, kinds, hideSettled, cell]);

  const activeIndex = shown.findIndex((d) => d.id === activeId);
  const active = activeIndex >= 0 ? shown[activeIndex] : null;

  const step = useCallback(
    (delta: number) => {
      if (shown.length === 0) return;
      const next = activeIndex < 0 ? (delta > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, activeIndex + delta));
      setActiveId(shown[next].id);
    },
    [shown, activeIndex],
  );

  useEffect(() => {
    if (!activeId) return;
    listRef.current?.querySelector(`[data-id="${CSS.escape(activeId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  // J/K step anywhere in the view; arrows and Enter in the list (keys declared in src/shared/commands.ts).
  useCommands(
    {
      'compare-next': () => step(1),
      'compare-previous': () => step(-1),
      'compare-list-next': () => step(1),
      'compare-list-previous': () => step(-1),
      'compare-decide': () => setDeciding(active),
      'compare-clear-cell': () => setCell(null),
    },
    (focus) => {
      const inList = !!focus?.closest('[role="listbox"]');
      return { compareView: true, differenceListFocus: inList, differenceActive: active !== null && (inList || !focus || focus === document.body), compareCellOpen: cell !== null };
    },
  );

  const decide: typeof comparison.decide = async (d, choice, reason) => {
    const refused = await comparison.decide(d, choice, reason);
    if (refused) return refused;
    setDeciding(null);
    const at = shown.findIndex((x) => x.id === d.id);
    const next = shown.slice(at + 1).find((x) => !x.settled);
    if (next) setActiveId(next.id);
    listRef.current?.focus();
    return null;
  };

  const header = <CompareHeader document={doc} comparison={comparison} onToggle={(id) => comparison.toggleAnnotator(id) && setCell(null)} onClose={onClose} />;

  if (!result || result.available.length < 2) {
    return (
      <section className="compare" aria-label="Compare annotators" aria-busy={!result && !error ? true : undefined}>
        {header}
        <CompareEmpty error={error} result={result} onRetry={comparison.retry} />
      </section>
    );
  }

  return (
    <section className="compare" aria-label="Compare annotators">
      {header}
      <AgreementFigures result={result} labels={labels} />
      <div className="cmp-body">
        <main className="cmp-article-scroll" aria-label="Article">
          <article className="cmp-article">
            <h2 className="cmp-article-title" dir="auto">
              {doc.title}
            </h2>
            <CompareText document={doc} differences={result.differences} activeId={activeId} onPick={setActiveId} />
          </article>
        </main>
        <aside className="cmp-side" aria-label="Differences and pairs">
          <div className="cmp-tabs" role="tablist" aria-label="Panel">
            <button type="button" role="tab" id="cmp-tab-diff" aria-controls="cmp-panel-diff" aria-selected={tab === 'differences'} onClick={() => setTab('differences')}>
              Differences <span className="cmp-count">{result.differences.length}</span>
            </button>
            <button type="button" role="tab" id="cmp-tab-pairs" aria-controls="cmp-panel-pairs" aria-selected={tab === 'pairs'} onClick={() => setTab('pairs')}>
              Pairs &amp; matrix
            </button>
          </div>
          {tab === 'differences' ? (
            <div className="cmp-panel" role="tabpanel" id="cmp-panel-diff" aria-labelledby="cmp-tab-diff">
              <DifferenceFilters
                result={result}
                kinds={kinds}
                onKinds={setKinds}
                hideSettled={hideSettled}
                onHideSettled={setHideSettled}
                compared={m}
                need={need}
                onNeed={setMinAgreeing}
                busy={comparison.busy}
                onMerge={() => void comparison.merge(need)}
              />
              {cell && (
                <p className="cmp-cell-filter">
                  Showing {cell.ids.length} from the matrix: {cell.description}{' '}
                  <button type="button" className="link-button" onClick={() => setCell(null)}>
                    Show all
                  </button>
                </p>
              )}
              <DifferenceList ref={listRef} result={result} document={doc} labels={labels} shown={shown} activeId={activeId} onActivate={setActiveId} onDecide={setDeciding} />
            </div>
          ) : (
            <div className="cmp-panel cmp-pairs-panel" role="tabpanel" id="cmp-panel-pairs" aria-labelledby="cmp-tab-pairs">
              <PairTable result={result} />
              <ConfusionTable
                result={result}
                labels={labels}
                onFilter={(f) => {
                  setCell(f);
                  setTab('differences');
                  setActiveId(f.ids[0] ?? null);
                }}
              />
              <StructureAgreement figures={result.report.structure} labelName={(id) => labels.find((l) => l.id === id)?.name ?? id} />
            </div>
          )}
          {result.report.notes.length > 0 && (
            <details className="cmp-notes">
              <summary>Notes on these figures ({result.report.notes.length})</summary>
              <ul>
                {result.report.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          )}
          <p className="cmp-status" role="status" aria-live="polite">
            {error ?? status}
          </p>
        </aside>
      </div>
      {deciding && (
        <DecisionDialog
          difference={deciding}
          text={doc.text}
          labels={labels}
          onClose={() => {
            setDeciding(null);
            listRef.current?.focus();
          }}
          onDecide={(choice, reason) => decide(deciding, choice, reason)}
        />
      )}
    </section>
  );
}
