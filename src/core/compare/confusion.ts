// Label × label confusion matrices for pairs of annotators.
//
// Unit: a matched span pair. Within each place (see ./differences), the spans of a and b
// are matched one to one: first those with identical extents (preferring the same label),
// then the remaining overlapping ones by largest shared length (ties: earlier start). A
// matched pair counts in cell (label of a, label of b); an unmatched span of a counts in
// (its label, none), one of b in (none, its label). (none, none) is always 0.
// Spans that overlap are always in the same place, so matching per place loses nothing.

import type { ConfusionMatrix, CompareSpan, Difference } from '../../shared/compare';

export const NONE = 'none';

/** Label ids in display order: `labelOrder` first (those used), others alphabetically, then "none". */
export function confusionLabels(differences: readonly Difference[], labelOrder: readonly string[]): string[] {
  const used = new Set<string>();
  for (const d of differences) for (const s of d.spans) used.add(s.labelId);
  const known = labelOrder.filter((l) => used.has(l));
  const rest = [...used].filter((l) => !labelOrder.includes(l)).sort();
  return [...known, ...rest, NONE];
}

export function buildConfusion(
  differences: readonly Difference[],
  annotatorIds: readonly string[],
  labelOrder: readonly string[],
  maxAnnotators: number,
): ConfusionMatrix {
  const labels = confusionLabels(differences, labelOrder);
  const index = new Map(labels.map((l, k) => [l, k]));
  const noneAt = labels.length - 1;
  const pairs: ConfusionMatrix['pairs'] = [];
  if (annotatorIds.length > maxAnnotators) return { labels, pairs };
  const byAnnotator = differences.map((d) => {
    const m = new Map<string, CompareSpan[]>();
    for (const s of d.spans) {
      const list = m.get(s.annotatorId);
      if (list) list.push(s);
      else m.set(s.annotatorId, [s]);
    }
    return m;
  });
  for (let i = 0; i < annotatorIds.length; i++) {
    for (let j = i + 1; j < annotatorIds.length; j++) {
      const a = annotatorIds[i];
      const b = annotatorIds[j];
      const counts = labels.map(() => labels.map(() => 0));
      const ids = labels.map(() => labels.map(() => new Set<string>()));
      const add = (row: number, col: number, differenceId: string) => {
        counts[row][col]++;
        ids[row][col].add(differenceId);
      };
      differences.forEach((d, k) => {
        const spansA = byAnnotator[k].get(a) ?? [];
        const spansB = byAnnotator[k].get(b) ?? [];
        if (spansA.length === 0 && spansB.length === 0) return;
        const { matched, restA, restB } = matchSpans(spansA, spansB);
        for (const [x, y] of matched) add(index.get(x.labelId)!, index.get(y.labelId)!, d.id);
        for (const x of restA) add(index.get(x.labelId)!, noneAt, d.id);
        for (const y of restB) add(noneAt, index.get(y.labelId)!, d.id);
      });
      pairs.push({ a, b, counts, differenceIds: ids.map((row) => row.map((set) => [...set])) });
    }
  }
  return { labels, pairs };
}

const shared = (x: CompareSpan, y: CompareSpan): number => Math.min(x.end, y.end) - Math.max(x.start, y.start);

/** One-to-one matching of two annotators' spans in one place. */
export function matchSpans(
  spansA: readonly CompareSpan[],
  spansB: readonly CompareSpan[],
): { matched: Array<[CompareSpan, CompareSpan]>; restA: CompareSpan[]; restB: CompareSpan[] } {
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const matched: Array<[CompareSpan, CompareSpan]> = [];
  const candidates: Array<{ i: number; j: number; rank: number; overlap: number; start: number }> = [];
  spansA.forEach((x, i) =>
    spansB.forEach((y, j) => {
      const overlap = shared(x, y);
      if (overlap <= 0) return;
      const sameExtent = x.start === y.start && x.end === y.end;
      // exact extent + same label, then exact extent, then by overlap
      const rank = sameExtent ? (x.labelId === y.labelId ? 0 : 1) : 2;
      candidates.push({ i, j, rank, overlap, start: Math.max(x.start, y.start) });
    }),
  );
  candidates.sort((p, q) => p.rank - q.rank || q.overlap - p.overlap || p.start - q.start || p.i - q.i || p.j - q.j);
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    matched.push([spansA[c.i], spansB[c.j]]);
  }
  return {
    matched,
    restA: spansA.filter((_, i) => !usedA.has(i)),
    restB: spansB.filter((_, j) => !usedB.has(j)),
  };
}
