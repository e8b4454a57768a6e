// The study report: everything the dashboard and the HTML/PDF report show, computed once
// from the library (a plain core service), and its self-contained HTML with the charts
// server-rendered from the same components the app uses.

import { renderToStaticMarkup } from 'react-dom/server';
import { CHART_CSS } from '../../charts/charts';
import { studyCharts } from '../../charts/study-charts';
import type { CorpusAgreement, CorpusOptions } from '../agreement';
import { compareDocument } from '../compare/compare-document';
import { escapeHtml } from '../interchange/escape-html';
import { structureReportHtml } from './structure-report-html';
import type { Library } from '../store/library';
import { AppFailure } from '../../shared/result';
import type { StudyQuality, StudyReport } from '../../shared/study';

export type { StudyReport } from '../../shared/study';
import { analystQuality, studyAgreement, type DriftBy } from './study-service';

export interface StudyReportOptions extends Omit<CorpusOptions, 'annotators'> {
  driftBy?: DriftBy;
}

export function buildStudyReport(library: Library, name: string, options: StudyReportOptions = {}): StudyReport {
  const study = library.studies.getByName(name);
  const analysts = library.studies.analysts(study.id);
  const documentIds = library.studies.documentIds(study.id);
  let agreement: CorpusAgreement | null = null;
  let agreementNote: string | null = null;
  try {
    const { driftBy: _drift, ...corpusOptions } = options;
    agreement = studyAgreement(library, name, corpusOptions);
  } catch (err) {
    if (!(err instanceof AppFailure) || err.error.code !== 'not-found') throw err;
    agreementNote = err.error.message;
  }
  const labelName = new Map(library.labels.list().map((l) => [l.id, l.name]));
  const ids = new Set(analysts.map((a) => a.id));
  const counts = new Map<string, Map<string, number>>();
  const order: string[] = [];
  for (const documentId of documentIds) {
    const here = library.annotations.listForDocument(documentId).map((a) => a.annotatorId).filter((id) => ids.has(id));
    const present = [...new Set(here)];
    if (present.length < 2) continue;
    const compared = compareDocument(library, { documentId, annotatorIds: present });
    for (const l of compared.confusion.labels) if (!order.includes(l)) order.push(l);
    for (const pair of compared.confusion.pairs) {
      pair.counts.forEach((row, i) =>
        row.forEach((n, j) => {
          const a = compared.confusion.labels[i];
          const b = compared.confusion.labels[j];
          const r = counts.get(a) ?? new Map<string, number>();
          r.set(b, (r.get(b) ?? 0) + n);
          counts.set(a, r);
        }),
      );
    }
  }
  const labels = [...order.filter((l) => l !== 'none'), ...(order.includes('none') ? ['none'] : [])];
  return {
    name: study.name,
    guidelineVersion: study.guidelineVersion,
    tagSet: study.tagSet,
    documents: documentIds.length,
    analysts: analysts.map((a) => a.name),
    progress: library.studies.progress(study.id),
    agreement,
    agreementNote,
    quality: analystQuality(library, name, { by: options.driftBy }),
    confusion: { labels: labels.map((l) => labelName.get(l) ?? l), counts: labels.map((a) => labels.map((b) => counts.get(a)?.get(b) ?? 0)) },
    generatedAt: new Date().toISOString(),
  };
}

const value = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
const range = (r: [number, number] | null): string => (r === null ? 'n/a' : `${r[0].toFixed(3)}–${r[1].toFixed(3)}`);

export function studyReportHtml(report: StudyReport): string {
  const e = escapeHtml;
  const a = report.agreement;
  const charts = studyCharts(report)
    .map((c) => `<section class="chart"><h2>${e(c.heading)}</h2>${c.chart ? renderToStaticMarkup(c.chart) : `<p class="empty">${e(c.empty)}</p>`}</section>`)
    .join('\n');
  const agreementTable = a
    ? `<table><thead><tr><th>Coefficient</th><th>Value</th><th>95 % interval</th></tr></thead><tbody>
${[
  ['α_u, all labels', a.spans.alphaU, a.spans.alphaUInterval],
  ...Object.keys(a.spans.alphaUByLabel).map((l) => [`α_u, ${l}`, a.spans.alphaUByLabel[l], a.spans.alphaUByLabelInterval[l]] as const),
  ['Percent agreement (sentences)', a.sentences.percentAgreement, a.sentences.percentAgreementInterval],
  ["Fleiss' kappa (sentences)", a.sentences.fleissKappa, a.sentences.fleissKappaInterval],
  ["Krippendorff's alpha (sentences)", a.sentences.krippendorffAlpha, a.sentences.krippendorffAlphaInterval],
  ...a.sentences.cohenKappa.map((c) => [`Cohen's kappa ${c.a}–${c.b}`, c.value, c.interval] as const),
  ...a.spans.f1.map((f) => [`Span F1 (overlap) ${f.a}–${f.b}`, f.overlap, f.overlapInterval] as const),
]
  .map(([name, v, r]) => `<tr><td>${e(String(name))}</td><td class="num">${value(v as number | null)}</td><td class="num">${range(r as [number, number] | null)}</td></tr>`)
  .join('\n')}
</tbody></table>
<p class="small">${a.documents} documents, ${a.sentences.count} sentences; ${e(a.bootstrap.method)}; ${a.bootstrap.resamples} resamples, seed ${a.bootstrap.seed}.</p>
${a.notes.length ? `<details><summary>Notes (${a.notes.length})</summary><ul>${a.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul></details>` : ''}`
    : `<p class="empty">${e(report.agreementNote ?? 'No agreement yet.')}</p>`;
  const quality = (title: string, rows: StudyQuality['againstReference']) =>
    `<h3>${e(title)}</h3>${
      rows.length === 0
        ? '<p class="empty">No document to score yet.</p>'
        : `<table><thead><tr><th>Analyst</th><th>Label</th><th>Precision</th><th>Recall</th><th>F1</th><th>Spans</th></tr></thead><tbody>${rows
            .flatMap((r) => [r.overall, ...r.byLabel].map((s) => `<tr><td>${e(r.analyst)}</td><td>${e(s.label)}</td><td class="num">${value(s.precision)}</td><td class="num">${value(s.recall)}</td><td class="num">${value(s.f1)}</td><td class="num">${s.predicted}</td></tr>`))
            .join('')}</tbody></table>`
    }`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark">
<title>Study report — ${e(report.name)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d2433; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; } h3 { font-size: 1rem; }
table { border-collapse: collapse; margin: .5rem 0; } th, td { border-bottom: 1px solid #d9dde5; padding: .25rem .6rem; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.small, .meta { color: #5b6475; font-size: .9em; } .empty { color: #5b6475; font-style: italic; }
section.chart { break-inside: avoid; }
@media (prefers-color-scheme: dark) { body { color: #e3e7ee; background: #1b1f27; } th, td { border-color: #3a4150; } .small, .meta, .empty { color: #a4adbd; } }
@media print { body { margin: 0; max-width: none; color: #000; background: #fff; } @page { margin: 16mm; } }
${CHART_CSS}
</style></head><body>
<h1>Study report: ${e(report.name)}</h1>
<p class="meta">${report.documents} documents · analysts ${e(report.analysts.join(', '))} · guideline version ${e(report.guidelineVersion)} · tag set ${e(report.tagSet.map((l) => l.name).join(', '))} · generated ${e(report.generatedAt)}</p>
<h2>Progress</h2>
<table><thead><tr><th>Analyst</th><th>Done</th><th>Assigned</th></tr></thead><tbody>${report.progress.map((p) => `<tr><td>${e(p.name)}</td><td class="num">${p.done}</td><td class="num">${p.assigned}</td></tr>`).join('')}</tbody></table>
<h2>Agreement over the study</h2>
${agreementTable}
${a ? structureReportHtml(a.structure, (id) => report.tagSet.find((l) => l.id === id)?.name ?? id) : ''}
${charts}
<h2>Each analyst’s quality</h2>
${quality('Against the reference', report.quality.againstReference)}
${quality('Against the majority of the other analysts', report.quality.againstMajority)}
</body></html>
`;
}
