// The study's charts, from a StudyReport: the same React elements in the app's dashboard
// and (server-rendered) in the HTML/PDF study report. Each comes with the sentence shown
// instead when there is nothing to draw yet.

import { createElement, type ReactElement } from 'react';
import type { StudyReport } from '../shared/study';
import { BarChart, HeatMap, IntervalChart, LineChart, type IntervalRow, type Value } from './charts';

/** The report's charts as React elements (the dashboard renders the same ones). */
export function studyCharts(report: StudyReport): Array<{ id: string; heading: string; chart: ReactElement | null; empty: string }> {
  const a = report.agreement;
  const intervalRows: IntervalRow[] = a
    ? [
        { label: 'α_u (all labels)', value: a.spans.alphaU, interval: a.spans.alphaUInterval },
        ...Object.keys(a.spans.alphaUByLabel).map((l) => ({ label: `α_u ${l}`, value: a.spans.alphaUByLabel[l], interval: a.spans.alphaUByLabelInterval[l] })),
        { label: 'α sentences', value: a.sentences.krippendorffAlpha, interval: a.sentences.krippendorffAlphaInterval },
      ]
    : [];
  const pairMatrix = (): ReactElement | null => {
    if (!a || a.annotators.length < 2) return null;
    const index = new Map(a.annotators.map((n, k) => [n, k]));
    const values: Value[][] = a.annotators.map(() => a.annotators.map(() => null));
    for (const f of a.spans.f1) {
      const i = index.get(f.a)!;
      const j = index.get(f.b)!;
      values[i][j] = f.overlap;
      values[j][i] = f.overlap;
    }
    return createElement(HeatMap, { title: 'Span F1 (overlap) by pair of analysts', rows: a.annotators, columns: a.annotators, values, domain: [0, 1], rowTitle: 'analyst', columnTitle: 'analyst' });
  };
  const q = report.quality;
  const f1Groups = report.analysts
    .map((name) => ({
      label: name,
      values: [q.againstReference.find((s) => s.analyst === name)?.overall.f1 ?? null, q.againstMajority.find((s) => s.analyst === name)?.overall.f1 ?? null],
    }))
    .filter((g) => g.values.some((v) => v !== null));
  const total = report.confusion.counts.flat().reduce((s, n) => s + n, 0);
  const maxCount = Math.max(1, ...report.confusion.counts.flat());
  return [
    {
      id: 'alpha',
      heading: 'Agreement per label, with 95 % intervals',
      chart: intervalRows.length ? createElement(IntervalChart, { title: 'Krippendorff α_u per label and α on sentences, 95 % bootstrap intervals', rows: intervalRows }) : null,
      empty: report.agreementNote ?? 'No agreement yet: assign documents to two analysts or more.',
    },
    { id: 'pairs', heading: 'Pair matrix', chart: pairMatrix(), empty: 'The pair matrix needs two analysts on the same documents.' },
    {
      id: 'f1',
      heading: 'Each analyst’s F1',
      chart: f1Groups.length ? createElement(BarChart, { title: 'F1 per analyst against the reference and the majority', series: ['against the reference', 'against the majority'], groups: f1Groups }) : null,
      empty: 'No analyst can be scored yet: there is neither a reference nor a second analyst on any document.',
    },
    {
      id: 'drift',
      heading: `Drift (F1 against the ${q.drift.basis}, over ${q.drift.groups.length} groups)`,
      chart:
        q.drift.series.length && q.drift.groups.length > 1
          ? createElement(LineChart, { title: `F1 against the ${q.drift.basis} over time`, groups: q.drift.groups, series: q.drift.series.map((s) => ({ label: s.analyst, values: s.f1 })) })
          : null,
      empty: 'Drift needs scored work in at least two batches of documents.',
    },
    {
      id: 'confusion',
      heading: 'Label confusion between analysts',
      chart: total > 0 ? createElement(HeatMap, { title: 'Label confusion, matched spans of every pair of analysts', rows: report.confusion.labels, columns: report.confusion.labels, values: report.confusion.counts, domain: [0, maxCount], format: (x) => String(x), rowTitle: 'first analyst', columnTitle: 'second analyst' }) : null,
      empty: 'No two analysts marked spans on the same document yet.',
    },
  ];
}

