import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompareResult, Difference } from '../../../shared/compare';
import type { ClaimtagApi } from '../../../shared/contract';
import type { Label } from '../../../shared/types';
import type { DecisionChoice } from './DecisionDialog';

/**
 * The comparison of one document and what changes it: which annotators are compared, decisions
 * for the reference version, auto-merge. Holds the core's answers and the one-line status the
 * view reports; knows nothing of layout.
 */
export function useComparison(api: ClaimtagApi, documentId: string, revision: number) {
  const [result, setResult] = useState<CompareResult | null>(null);
  const [labels, setLabels] = useState<Label[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (annotatorIds: string[] | null) => {
      setError(null);
      const r = await api.compareDocument({ documentId, ...(annotatorIds ? { annotatorIds } : {}) });
      if (!r.ok) return setError(r.error.message);
      setResult(r.value);
    },
    [api, documentId],
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

  // The reference version can be compared like an analyst, to score the others against it.
  const choosable =
    result && result.referenceAnnotatorId && result.reference.length > 0
      ? [...result.available, { id: result.referenceAnnotatorId, name: 'reference', count: result.reference.length }]
      : (result?.available ?? []);

  /** Adds or removes an annotator; at least two stay. Returns whether the set changed. */
  const toggleAnnotator = (id: string): boolean => {
    if (!result) return false;
    const current = chosen ?? result.annotators.map((a) => a.id);
    const next = current.includes(id) ? current.filter((x) => x !== id) : choosable.map((a) => a.id).filter((x) => x === id || current.includes(x));
    if (next.length < 2) {
      setStatus('At least two annotators must stay selected.');
      return false;
    }
    setChosen(next);
    setStatus('');
    void load(next);
    return true;
  };

  /** Saves a decision; returns the refusal's message, or null when it was saved. */
  const decide = async (d: Difference, choice: DecisionChoice, reason: string): Promise<string | null> => {
    const r = await api.adjudicate({
      documentId,
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
    setStatus(choice.kind === 'reject' ? 'Rejected: the reference has no claim there.' : 'Saved to the reference version.');
    return null;
  };

  const merge = async (need: number) => {
    setBusy(true);
    const r = await api.autoMerge({ documentId, minAgreeing: need, ...(chosen ? { annotatorIds: chosen } : {}) });
    setBusy(false);
    if (!r.ok) return setStatus(r.error.message);
    setResult(r.value.result);
    const n = r.value.merged;
    setStatus(n === 0 ? `Nothing to merge: no open span has ${need} or more annotators in exact agreement.` : `Copied ${n} span${n === 1 ? '' : 's'} into the reference version.`);
  };

  return { result, labels, error, status, busy, choosable, retry: () => void load(chosen), toggleAnnotator, decide, merge };
}

export type Comparison = ReturnType<typeof useComparison>;
