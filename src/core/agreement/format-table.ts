// Plain-text rendering of an AgreementReport for `claimtag agreement --format table`.

import { formatStructureLines } from './format-structure-table';
import type { AgreementReport, Coefficient } from './types';

const formatValue = (x: Coefficient): string => (x === null ? 'n/a' : x.toFixed(3));

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  // Names left-aligned, numbers right-aligned.
  const line = (cells: string[]): string =>
    cells.map((cell, c) => (c === 0 || (c === 1 && header[1] === 'B') ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function formatAgreementTable(report: AgreementReport): string {
  const s = report.sentences;
  const out: string[] = [
    `Agreement for document ${report.document}`,
    `Annotators: ${report.annotators.length === 0 ? '(none)' : report.annotators.join(', ')}`,
    '',
    `Sentence level (${s.count} sentence${s.count === 1 ? '' : 's'})`,
    ...table(
      ['Measure', 'Value'],
      [
        ['Percent agreement (mean pairwise)', formatValue(s.percentAgreement)],
        ["Fleiss' kappa", formatValue(s.fleissKappa)],
        ["Krippendorff's alpha (nominal)", formatValue(s.krippendorffAlpha)],
      ],
    ),
  ];
  if (s.cohenKappa.length > 0) {
    out.push('', "Cohen's kappa by pair", ...table(['A', 'B', 'Kappa'], s.cohenKappa.map((p) => [p.a, p.b, formatValue(p.value)])));
  }
  const labels = Object.keys(report.spans.alphaUByLabel);
  out.push(
    '',
    'Span level (Krippendorff α_u, code points)',
    ...table(
      ['Label', 'α_u'],
      [['(all labels)', formatValue(report.spans.alphaU)], ...labels.map((label) => [label, formatValue(report.spans.alphaUByLabel[label])])],
    ),
  );
  if (report.spans.f1.length > 0) {
    out.push('', 'Span F1 by pair', ...table(['A', 'B', 'Exact', 'Overlap'], report.spans.f1.map((p) => [p.a, p.b, formatValue(p.exact), formatValue(p.overlap)])));
  }
  out.push(...formatStructureLines(report.structure, false));
  if (report.notes.length > 0) out.push('', 'Notes', ...report.notes.map((note) => `- ${note}`));
  return out.join('\n') + '\n';
}
