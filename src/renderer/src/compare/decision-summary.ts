// What was decided at a settled place, in words: the latest decision whose extent overlaps it.
import type { AdjudicationDecision } from '../../../shared/compare';

export function decisionAt(decisions: readonly AdjudicationDecision[], place: { start: number; end: number }): AdjudicationDecision | null {
  for (let i = decisions.length - 1; i >= 0; i--) {
    const d = decisions[i];
    if (d.start < place.end && place.start < d.end) return d;
  }
  return null;
}

export function describeDecision(d: AdjudicationDecision, labelName: (id: string) => string, quote: (start: number, end: number) => string): string {
  const label = d.labelId ? labelName(d.labelId) : '';
  const span = d.span ? ` “${quote(d.span.start, d.span.end)}”` : '';
  const what =
    d.kind === 'accept'
      ? `accepted ${d.source ? `${d.source}’s ` : ''}${label}${span}`
      : d.kind === 'reject'
        ? 'rejected: not a claim here'
        : d.kind === 'new'
          ? `new span ${label}${span}`
          : `auto-merged ${label}${d.reason ? ` (${d.reason})` : ''}`;
  const when = d.at.slice(0, 16).replace('T', ' ');
  return `${what} — ${d.by}, ${when}${d.reason && d.kind !== 'auto-merge' ? ` · “${d.reason}”` : ''}`;
}
