// Pairwise span F1 between two annotators, with the labels required to match.
//
// Exact: a span of A matches a span of B when start, end and label are identical.
// Overlap: spans with the same label match when they share at least one character
// (start_a < end_b and start_b < end_a). Matching is one-to-one and of maximum size:
// per label, spans of both annotators are taken in order of end (then start, A before B);
// each one still unmatched is paired with the unmatched span of the other annotator that
// overlaps it and ends first. Because the span taken first ends earliest, an exchange
// argument shows this greedy choice never loses a match.
// F1 = 2·matches / (|A| + |B|); undefined (null) when neither annotator has a span.

import type { Measured } from '../../shared/agreement';

export interface LabeledSpan {
  label: string;
  start: number;
  end: number;
}

const compareSpans = (x: LabeledSpan, y: LabeledSpan): number =>
  x.start - y.start || x.end - y.end || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0);

/** Spans are expected without exact duplicates (the same start, end and label twice). */
export function exactF1(a: readonly LabeledSpan[], b: readonly LabeledSpan[]): Measured {
  if (a.length + b.length === 0) return { value: null, reason: 'neither annotator marked a span' };
  return { value: (2 * exactMatchCount(a, b)) / (a.length + b.length) };
}

/** Number of spans of A with an identical span (start, end, label) in B. */
export function exactMatchCount(a: readonly LabeledSpan[], b: readonly LabeledSpan[]): number {
  const sortedA = [...a].sort(compareSpans);
  const sortedB = [...b].sort(compareSpans);
  let matches = 0;
  for (let i = 0, j = 0; i < sortedA.length && j < sortedB.length; ) {
    const order = compareSpans(sortedA[i], sortedB[j]);
    if (order === 0) matches++;
    if (order <= 0) i++;
    if (order >= 0) j++;
  }
  return matches;
}

export function overlapF1(a: readonly LabeledSpan[], b: readonly LabeledSpan[]): Measured {
  if (a.length + b.length === 0) return { value: null, reason: 'neither annotator marked a span' };
  return { value: (2 * overlapMatchCount(a, b)) / (a.length + b.length) };
}

/** Size of a maximum one-to-one matching of same-label overlapping spans of A and B. */
export function overlapMatchCount(a: readonly LabeledSpan[], b: readonly LabeledSpan[]): number {
  const byLabelA = groupByLabel(a);
  const byLabelB = groupByLabel(b);
  let matches = 0;
  for (const [label, spansA] of byLabelA) {
    const spansB = byLabelB.get(label);
    if (spansB) matches += maximumOverlapMatching(spansA, spansB);
  }
  return matches;
}

function groupByLabel(spans: readonly LabeledSpan[]): Map<string, LabeledSpan[]> {
  const groups = new Map<string, LabeledSpan[]>();
  for (const s of spans) {
    const group = groups.get(s.label);
    if (group) group.push(s);
    else groups.set(s.label, [s]);
  }
  return groups;
}

interface Candidate {
  side: 0 | 1;
  start: number;
  end: number;
  matched: boolean;
  done: boolean;
}

/** Size of a maximum one-to-one matching between overlapping spans of two annotators. */
export function maximumOverlapMatching(a: readonly LabeledSpan[], b: readonly LabeledSpan[]): number {
  const all: Candidate[] = [
    ...a.map((s): Candidate => ({ side: 0, start: s.start, end: s.end, matched: false, done: false })),
    ...b.map((s): Candidate => ({ side: 1, start: s.start, end: s.end, matched: false, done: false })),
  ];
  const byEnd = [...all].sort((x, y) => x.end - y.end || x.start - y.start || x.side - y.side);
  const byStart = [...all].sort((x, y) => x.start - y.start || x.end - y.end || x.side - y.side);
  // Per side, the spans that have started: a min-heap on end, cleaned lazily.
  const started = [new MinHeap<Candidate>((x, y) => x.end - y.end || x.start - y.start), new MinHeap<Candidate>((x, y) => x.end - y.end || x.start - y.start)];
  let next = 0;
  let matches = 0;
  for (const span of byEnd) {
    span.done = true;
    if (span.matched) continue;
    while (next < byStart.length && byStart[next].start < span.end) {
      started[byStart[next].side].push(byStart[next]);
      next++;
    }
    const others = started[1 - span.side];
    // Every span still pending there started before span.end and ends no earlier: it overlaps.
    while (others.size > 0 && (others.peek().matched || others.peek().done)) others.pop();
    if (others.size > 0) {
      const partner = others.pop();
      partner.matched = true;
      span.matched = true;
      matches++;
    }
  }
  return matches;
}

class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly compare: (x: T, y: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i], items[parent]) >= 0) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): T {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as T;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && this.compare(items[l], items[smallest]) < 0) smallest = l;
        if (r < items.length && this.compare(items[r], items[smallest]) < 0) smallest = r;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top;
  }
}
