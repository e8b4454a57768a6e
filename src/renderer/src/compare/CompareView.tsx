import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CompareResult, Difference, DifferenceKind } from '../../../shared/compare';
import type { ClaimtagApi } from '../../../shared/contract';
import type { DocumentRecord, Label } from '../../../shared/types';
import { LabelSwatch } from '../chrome/LabelSwatch';
import { AgreementFigures, PairTable } from './AgreementFigures';
import { CompareText } from './CompareText';
import { decisionAt, describeDecision } from './decision-summary';
import { ConfusionTable, type CellFilter } from './ConfusionTable';
import { StructureAgreement } from './StructureAgreement';
import { DecisionDialog, type DecisionChoice } from './DecisionDialog';
import { KIND_INFO, KIND_ORDER, shorten } from './format';
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
 * Several annotators' tagging of one document side by side: agreement figures, the
 * article with every difference marked, a keyboard-steppable list of differences with
 * decisions for the reference version, auto-merge, and confusion matrices per pair.
 */
export function CompareView({ api, document: doc, onClose, revision = 0 }: Props) {
  const [result, setResult] = useState<CompareResult | null>(null);
  const [labels, setLabels] = useState<Label[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<Difference | null>(null);
  const [kinds, setKinds] = useState<Set<DifferenceKind>>(() => new Set(KIND_ORDER));
  const [hideSettled, setHideSettled] = useState(false);
  const [cell, setCell] = useState<CellFilter | null>(null);
  const [tab, setTab] = useState<Tab>('differences');
  const [minAgreeing, setMinAgreeing] = useState<number | null>(null);
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  const load = useCallback(
    async (annotatorIds: string[] | null) => {
      setError(null);
      const r = await api.compareDocument({ documentId: doc.id, ...(annotatorIds ? { annotatorIds } : {}) });
      if (!r.ok) return setError(r.error.message);
      setResult(r.value);
    },
    [api, doc.id],
  );

  useEffect(() => {
    void load(null);
    void api.listLabels({}).then((r) => r.ok && setLabels(r.value));
  }, [api, load]);

  // Work that arrived while comparing (an import) joins the comparison without reopening it.
  const chosenRef = useRef(chosen);
  useEffect(() => {
    chosenRef.current = chosen;
  });
  const seenRevision = useRef(revision);
  useEffect(() => {
    if (seenRevision.current === revision) return;
    seenRevision.current = revision;
    void load(chosenRef.current);
  }, [revision, load]);

  const compared = result?.annotators ?? [];
  const m = compared.length;
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

  // The reference version can be compared like an analyst, to score the others against it.
  const choosable =
    result && result.referenceAnnotatorId && result.reference.length > 0
      ? [...result.available, { id: result.referenceAnnotatorId, name: 'reference', count: result.reference.length }]
      : (result?.available ?? []);
  const toggleAnnotator = (id: string) => {
    if (!result) return;
    const current = chosen ?? result.annotators.map((a) => a.id);
    const next = current.includes(id) ? current.filter((x) => x !== id) : choosable.map((a) => a.id).filter((x) => x === id || current.includes(x));
    if (next.length < 2) return setStatus('At least two annotators must stay selected.');
    setChosen(next);
    setCell(null);
    setStatus('');
    void load(next);
  };

  const decide = async (d: Difference, choice: DecisionChoice, reason: string): Promise<string | null> => {
    const r = await api.adjudicate({
      documentId: doc.id,
      differenceId: d.id,
      decision: choice,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(chosen ? { annotatorIds: chosen } : {}),
    });
    if (!r.ok) {
      if (r.error.code === 'not-found') void load(chosen);
      return r.error.message;
    }
    setResult(r.value);
    setDeciding(null);
    setStatus(choice.kind === 'reject' ? 'Rejected: the reference has no claim there.' : 'Saved to the reference version.');
    const at = shown.findIndex((x) => x.id === d.id);
    const next = shown.slice(at + 1).find((x) => !x.settled);
    if (next) setActiveId(next.id);
    listRef.current?.focus();
    return null;
  };

  const merge = async () => {
    setBusy(true);
    const r = await api.autoMerge({ documentId: doc.id, minAgreeing: need, ...(chosen ? { annotatorIds: chosen } : {}) });
    setBusy(false);
    if (!r.ok) return setStatus(r.error.message);
    setResult(r.value.result);
    const n = r.value.merged;
    setStatus(n === 0 ? `Nothing to merge: no open span has ${need} or more annotators in exact agreement.` : `Copied ${n} span${n === 1 ? '' : 's'} into the reference version.`);
  };

  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  const labelIndex = (id: string) => labels.findIndex((l) => l.id === id);

  const header = (
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
                onClick={() => toggleAnnotator(a.id)}
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

  if (error && !result) {
    return (
      <section className="compare" aria-label="Compare annotators">
        {header}
        <div className="cmp-empty" role="alert">
          <p className="cmp-empty-title">The comparison could not be made.</p>
          <p>{error}</p>
          <button type="button" className="button" onClick={() => void load(chosen)}>
            Try again
          </button>
        </div>
      </section>
    );
  }
  if (!result) {
    return (
      <section className="compare" aria-label="Compare annotators" aria-busy="true">
        {header}
        <p className="cmp-empty">Comparing…</p>
      </section>
    );
  }
  if (result.available.length < 2) {
    return (
      <section className="compare" aria-label="Compare annotators">
        {header}
        <div className="cmp-empty">
          <p className="cmp-empty-title">{result.available.length === 0 ? 'Nobody has tagged this article yet.' : `Only ${result.available[0].name} has tagged this article.`}</p>
          <p>Comparing needs the work of at least two annotators on the same article. To bring in a colleague’s work:</p>
          <ol>
            <li>
              They open the article in their claimtag and choose <strong>Export…</strong> → <strong>claimtag JSON</strong>.
            </li>
            <li>
              You choose <strong>Import…</strong> in the library panel (or drop the file on this window) and pick their JSON file.
            </li>
            <li>Their annotations join this library under their name; come back here to compare.</li>
          </ol>
        </div>
      </section>
    );
  }

  const counts = new Map<DifferenceKind, number>();
  for (const d of result.differences) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  const settledCount = result.differences.filter((d) => d.settled).length;

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
              <div className="cmp-merge">
                <label className="cmp-inline">
                  Auto-merge where ≥
                  <input
                    type="number"
                    min={1}
                    max={Math.max(1, m)}
                    value={need}
                    aria-label="Minimum annotators agreeing"
                    onChange={(e) => setMinAgreeing(Math.max(1, Math.min(Math.max(1, m), Number(e.target.value) || 1)))}
                  />
                  agree
                </label>
                <button type="button" className="button" disabled={busy} onClick={() => void merge()}>
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
                    onClick={() =>
                      setKinds((prev) => {
                        const next = new Set(prev);
                        if (next.has(k)) next.delete(k);
                        else next.add(k);
                        return next;
                      })
                    }
                  >
                    <span className={`cmp-kind cmp-kind-${k}`} aria-hidden="true">
                      {KIND_INFO[k].letter}
                    </span>
                    {KIND_INFO[k].name} <span className="cmp-count">{counts.get(k) ?? 0}</span>
                  </button>
                ))}
                <label className="cmp-inline cmp-settled-toggle">
                  <input type="checkbox" checked={hideSettled} onChange={(e) => setHideSettled(e.target.checked)} />
                  Hide settled ({settledCount})
                </label>
              </div>
              {cell && (
                <p className="cmp-cell-filter">
                  Showing {cell.ids.length} from the matrix: {cell.description}{' '}
                  <button type="button" className="link-button" onClick={() => setCell(null)}>
                    Show all
                  </button>
                </p>
              )}
              {shown.length === 0 ? (
                <p className="cmp-muted cmp-pad">{result.differences.length === 0 ? 'No spans to compare yet.' : 'No differences match these filters.'}</p>
              ) : (
                <ul
                  ref={listRef}
                  className="cmp-list"
                  role="listbox"
                  tabIndex={0}
                  aria-label="Differences (J/K or ↓/↑ to step, Enter to decide)"
                  aria-activedescendant={active ? `cmp-d-${active.id}` : undefined}
                  onFocus={() => !active && shown[0] && setActiveId(shown[0].id)}
                >
                  {shown.map((d) => (
                    <li
                      key={d.id}
                      id={`cmp-d-${d.id}`}
                      data-id={d.id}
                      role="option"
                      aria-selected={d.id === activeId}
                      className={`cmp-item${d.id === activeId ? ' active' : ''}${d.settled ? ' settled' : ''}`}
                      onClick={() => setActiveId(d.id)}
                      onDoubleClick={() => setDeciding(d)}
                    >
                      <div className="cmp-item-head">
                        <span className={`cmp-kind cmp-kind-${d.kind}`} aria-hidden="true">
                          {KIND_INFO[d.kind].letter}
                        </span>
                        <span className="cmp-item-kind">{KIND_INFO[d.kind].name}</span>
                        {d.settled && <span className="cmp-settled">✓ settled</span>}
                      </div>
                      {d.settled && decisionAt(result.decisions, d) && (
                        <p className="cmp-decision-line" dir="auto">
                          {describeDecision(decisionAt(result.decisions, d)!, labelName, (a, b) => shorten(doc.text.slice(a, b), 60))}
                        </p>
                      )}
                      <p className="cmp-item-quote" dir="auto">
                        {shorten(doc.text.slice(d.start, d.end))}
                      </p>
                      <ul className="cmp-who" aria-label="Who said what">
                        {compared.map((a) => {
                          const theirs = d.spans.filter((s) => s.annotatorId === a.id);
                          return (
                            <li key={a.id}>
                              <span className="cmp-who-name">{a.name}</span>{' '}
                              {theirs.length === 0 ? (
                                <span className="cmp-muted">nothing</span>
                              ) : (
                                theirs.map((s) => (
                                  <span key={s.annotationId} className="cmp-who-label" title={`“${shorten(s.quote, 200)}”`}>
                                    {labelIndex(s.labelId) >= 0 && <LabelSwatch label={labels[labelIndex(s.labelId)]} index={labelIndex(s.labelId)} />}
                                    {labelName(s.labelId)}
                                    {(s.start !== d.start || s.end !== d.end) && <span className="cmp-muted"> (part)</span>}
                                  </span>
                                ))
                              )}
                            </li>
                          );
                        })}
                      </ul>
                      {d.id === activeId && (
                        <button type="button" className="button cmp-decide" onClick={() => setDeciding(d)}>
                          Decide… <kbd>Enter</kbd>
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
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
