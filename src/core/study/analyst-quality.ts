// Each analyst's quality in a study: precision, recall and F1 per label against the
// reference version and against the majority of the other analysts, and F1 per batch of
// documents or per week to show drift. Spans match one to one when they overlap and carry
// the same label (the maximum matching of span-f1.ts).
//
// Majority: on a document, the spans (same start, end and label) marked by more than half of
// the other analysts who annotated it; with one other analyst, that analyst's spans. The
// analyst scored is never part of their own majority.

import { maximumOverlapMatching, type LabeledSpan } from '../agreement/span-f1';
import type { AnalystScores, Score, StudyQuality } from '../../shared/study';

export type { AnalystScores, Drift, Score, StudyQuality } from '../../shared/study';

export interface QualityDocument {
  documentId: string;
  /** Group for drift: a batch ("1–10") or a week ("2026-W05"). */
  group: string;
  /** Spans per analyst name; analysts who annotated (or were assigned) the document. */
  spans: Map<string, LabeledSpan[]>;
  /** The reference version's spans, or null when the document has none yet. */
  reference: LabeledSpan[] | null;
}

const ALL = '(all labels)';

interface Tally {
  tp: number;
  predicted: number;
  gold: number;
}

function score(label: string, t: Tally): Score {
  return {
    label,
    truePositives: t.tp,
    predicted: t.predicted,
    gold: t.gold,
    precision: t.predicted > 0 ? t.tp / t.predicted : null,
    recall: t.gold > 0 ? t.tp / t.gold : null,
    f1: t.predicted + t.gold > 0 ? (2 * t.tp) / (t.predicted + t.gold) : null,
  };
}

/** Adds the matching of `mine` against `gold` into per-label tallies. */
function tallyAgainst(mine: readonly LabeledSpan[], gold: readonly LabeledSpan[], into: Map<string, Tally>): void {
  const labels = new Set([...mine.map((s) => s.label), ...gold.map((s) => s.label)]);
  for (const label of labels) {
    const a = mine.filter((s) => s.label === label);
    const b = gold.filter((s) => s.label === label);
    const tp = maximumOverlapMatching(a, b);
    for (const key of [label, ALL]) {
      const t = into.get(key) ?? { tp: 0, predicted: 0, gold: 0 };
      t.tp += tp;
      t.predicted += a.length;
      t.gold += b.length;
      into.set(key, t);
    }
  }
}

export function majorityOfOthers(spans: Map<string, LabeledSpan[]>, analyst: string): LabeledSpan[] | null {
  const others = [...spans.keys()].filter((name) => name !== analyst);
  if (others.length === 0) return null;
  const votes = new Map<string, { span: LabeledSpan; count: number }>();
  for (const name of others) {
    const seen = new Set<string>();
    for (const s of spans.get(name) ?? []) {
      const key = `${s.start}:${s.end}:${s.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const v = votes.get(key) ?? { span: s, count: 0 };
      v.count++;
      votes.set(key, v);
    }
  }
  return [...votes.values()].filter((v) => v.count * 2 > others.length).map((v) => v.span);
}

export function studyQuality(documents: readonly QualityDocument[], analysts: readonly string[]): StudyQuality {
  const rank = (scores: Map<string, Map<string, Tally>>, counts: Map<string, number>): AnalystScores[] =>
    analysts
      .filter((a) => counts.get(a))
      .map((analyst) => {
        const tallies = scores.get(analyst) ?? new Map<string, Tally>();
        const labels = [...tallies.keys()].filter((l) => l !== ALL).sort();
        return {
          analyst,
          documents: counts.get(analyst) ?? 0,
          overall: score(ALL, tallies.get(ALL) ?? { tp: 0, predicted: 0, gold: 0 }),
          byLabel: labels.map((l) => score(l, tallies.get(l)!)),
        };
      });
  const vsReference = new Map<string, Map<string, Tally>>();
  const vsMajority = new Map<string, Map<string, Tally>>();
  const referenceCounts = new Map<string, number>();
  const majorityCounts = new Map<string, number>();
  const hasReference = documents.some((d) => d.reference !== null);
  const groups = [...new Set(documents.map((d) => d.group))];
  const driftTallies = new Map<string, Map<string, Tally>>(); // analyst → group → tally
  for (const d of documents) {
    for (const analyst of analysts) {
      const mine = d.spans.get(analyst);
      if (!mine) continue;
      if (d.reference) {
        const into = vsReference.get(analyst) ?? new Map<string, Tally>();
        tallyAgainst(mine, d.reference, into);
        vsReference.set(analyst, into);
        referenceCounts.set(analyst, (referenceCounts.get(analyst) ?? 0) + 1);
      }
      const majority = majorityOfOthers(d.spans, analyst);
      if (majority) {
        const into = vsMajority.get(analyst) ?? new Map<string, Tally>();
        tallyAgainst(mine, majority, into);
        vsMajority.set(analyst, into);
        majorityCounts.set(analyst, (majorityCounts.get(analyst) ?? 0) + 1);
      }
      const gold = hasReference ? d.reference : majority;
      if (gold) {
        const perGroup = driftTallies.get(analyst) ?? new Map<string, Tally>();
        const scratch = new Map<string, Tally>();
        tallyAgainst(mine, gold, scratch);
        const all = scratch.get(ALL) ?? { tp: 0, predicted: 0, gold: 0 };
        const t = perGroup.get(d.group) ?? { tp: 0, predicted: 0, gold: 0 };
        t.tp += all.tp;
        t.predicted += all.predicted;
        t.gold += all.gold;
        perGroup.set(d.group, t);
        driftTallies.set(analyst, perGroup);
      }
    }
  }
  return {
    againstReference: rank(vsReference, referenceCounts),
    againstMajority: rank(vsMajority, majorityCounts),
    drift: {
      basis: hasReference ? 'reference' : 'majority',
      groups,
      series: analysts
        .filter((a) => driftTallies.has(a))
        .map((analyst) => ({
          analyst,
          f1: groups.map((g) => {
            const t = driftTallies.get(analyst)?.get(g);
            return t ? score(g, t).f1 : null;
          }),
        })),
    },
  };
}
