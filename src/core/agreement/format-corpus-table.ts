// Plain-text rendering of corpus agreement for `claimtag agree --corpus --format table`.

import type { Interval } from './bootstrap';
import type { CorpusAgreement } from './corpus-agreement';
import { formatStructureLines } from './format-structure-table';
import type { Coefficient } from './types';

const value = (x: Coefficient): string => (x === null ? 'n/a' : x.toFixed(3));
const interval = (i: Interval): string => (i === null ? 'n/a' : `${i[0].toFixed(3)}–${i[1].toFixed(3)}`);

function table(header: string[], rows: string[][], leftColumns: number): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function formatCorpusTable(report: CorpusAgreement): string {
  const s = report.sentences;
  const ci = `${Math.round(report.bootstrap.confidence * 100)} % interval`;
  const out: string[] = [
    `Agreement over ${report.documents} document${report.documents === 1 ? '' : 's'} (documents pooled)`,
    `Annotators: ${report.annotators.length === 0 ? '(none)' : report.annotators.join(', ')}`,
    `Intervals: ${report.bootstrap.method}; ${report.bootstrap.resamples} resamples, seed ${report.bootstrap.seed}.`,
    '',
    `Sentence level (${s.count} sentence${s.count === 1 ? '' : 's'})`,
    ...table(
      ['Measure', 'Value', ci],
      [
        ['Percent agreement (mean pairwise)', value(s.percentAgreement), interval(s.percentAgreementInterval)],
        ["Fleiss' kappa", value(s.fleissKappa), interval(s.fleissKappaInterval)],
        ["Krippendorff's alpha (nominal)", value(s.krippendorffAlpha), interval(s.krippendorffAlphaInterval)],
        ["  the same, resampling sentences", '', interval(s.krippendorffAlphaUnitsInterval)],
      ],
      1,
    ),
  ];
  if (s.cohenKappa.length > 0) {
    out.push('', "Cohen's kappa by pair", ...table(['A', 'B', 'Kappa', ci], s.cohenKappa.map((p) => [p.a, p.b, value(p.value), interval(p.interval)]), 2));
  }
  const labels = Object.keys(report.spans.alphaUByLabel);
  out.push(
    '',
    'Span level (Krippendorff α_u over the documents laid end to end, code points)',
    ...table(
      ['Label', 'α_u', ci],
      [
        ['(all labels)', value(report.spans.alphaU), interval(report.spans.alphaUInterval)],
        ...labels.map((label) => [label, value(report.spans.alphaUByLabel[label]), interval(report.spans.alphaUByLabelInterval[label])]),
      ],
      1,
    ),
  );
  if (report.spans.f1.length > 0) {
    out.push(
      '',
      'Span F1 by pair',
      ...table(
        ['A', 'B', 'Exact', `Exact ${ci}`, 'Overlap', `Overlap ${ci}`],
        report.spans.f1.map((p) => [p.a, p.b, value(p.exact), interval(p.exactInterval), value(p.overlap), interval(p.overlapInterval)]),
        2,
      ),
    );
  }
  out.push(...formatStructureLines(report.structure, true));
  if (report.notes.length > 0) out.push('', 'Notes', ...report.notes.map((note) => `- ${note}`));
  return out.join('\n') + '\n';
}
