// A single self-contained HTML report: no scripts, no external resources, a strict CSP,
// and every piece of user text escaped by escapeHtml. Laid out as a document a newsroom would
// circulate: title block, summary, the article with numbered claim markers, a claims table.
import type { Annotation, Bundle, Label } from '../../shared/types';
import { attributeEntries, displayValue, linksByClaim, type ClaimLinks } from './claim-links';
import { escapeHtml } from './escape-html';
import { selectForExport, type DocumentExport, type ExportSelection } from './export-selection';
import { eachDocument } from './stream-parts';
import { renderArticle, type ClaimView } from './html-highlight';
import { reportStyle } from './html-report-style';
import { agreementSummary, annotatorNames, documentStats, formatDay, formatMoment, labelBadges, percent, plural } from './report-model';
import type { ExportOptions } from './types';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function exportHtmlReport(bundle: Bundle, options: ExportOptions = {}): string {
  return [...htmlReportParts(bundle, options)].join('');
}

/**
 * The report a document at a time (#14): the head and the library summary, each document's
 * article, then the end. The summary's figures come from a first pass that keeps only counts.
 */
export function* htmlReportParts(bundle: Bundle, options: ExportOptions = {}): Generator<string> {
  const selection = selectForExport(bundle, options);
  const tally = tallyClaims(selection);
  const labels = selection.labels.filter((l) => !l.archived || tally.perLabel.has(l.id));
  const badges = labelBadges(labels);
  const single = selection.documents.length === 1 ? selection.documents[0] : null;
  const title = options.title ?? single?.document.title ?? 'Claims report';
  const generated = formatMoment(options.generatedAt ?? new Date().toISOString());
  const e = escapeHtml;
  const context: ReportContext = { selection, labels, badges, labelIndex: new Map(labels.map((l, i) => [l.id, i])), links: linksByClaim(selection) };
  const metaRows: Array<[string, string]> = single
    ? documentMetaRows(single, selection)
    : [['Documents', String(selection.documents.length)], ['Annotators', [...tally.annotatorNames].join(', ') || '—']];

  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="claimtag">
<title>${e(title)}</title>
<style>
${reportStyle(labels, title)}
</style>
</head>
<body>
<div class="page">
<header class="title-block">
<p class="kicker">Claims report</p>
<h1 dir="auto">${e(title)}</h1>
<dl class="meta">${metaRows.map(([k, v]) => `<dt>${e(k)}</dt><dd dir="auto">${e(v)}</dd>`).join('')}<dt>Generated</dt><dd>${e(generated)} by claimtag</dd></dl>
</header>
<main>
`;
  if (single) {
    for (const d of eachDocument(selection, options)) yield renderDocument(d, context, { prefix: '', headingLevel: 2 });
  } else {
    yield `${renderLibrarySummary(context, tally)}\n`;
    let first = true;
    for (const d of eachDocument(selection, options)) {
      yield `${first ? '' : '\n'}${renderDocument(d, context, { prefix: `${d.document.id}-`, headingLevel: 3 })}`;
      first = false;
    }
  }
  yield `
</main>
<footer>Offsets and shares are counted in Unicode characters. In the article, each claim is underlined in its label's style and marked with its number and label letter; the numbers match the claims table.</footer>
</div>
</body>
</html>
`;
}

/** What the top of a library report needs of every claim: counts per label, and who made them. */
interface ClaimTally {
  perLabel: Map<string, number>;
  total: number;
  /** Distinct annotator names in order of appearance. */
  annotatorNames: Set<string>;
}

function tallyClaims(selection: ExportSelection): ClaimTally {
  const tally: ClaimTally = { perLabel: new Map(), total: 0, annotatorNames: new Set() };
  for (const d of selection.documents)
    for (const a of d.annotations) {
      tally.perLabel.set(a.labelId, (tally.perLabel.get(a.labelId) ?? 0) + 1);
      tally.total++;
      tally.annotatorNames.add(selection.annotatorName(a));
    }
  return tally;
}

interface ReportContext {
  selection: ExportSelection;
  labels: readonly Label[];
  badges: Map<string, string>;
  labelIndex: Map<string, number>;
  links: (claimId: string) => ClaimLinks;
}

function documentMetaRows({ document, annotations }: DocumentExport, selection: ExportSelection): Array<[string, string]> {
  const names = annotatorNames(annotations, selection.annotatorName);
  return [
    ['Source', document.source || '—'],
    ['Date', formatDay(document.createdAt)],
    [names.length === 1 ? 'Annotator' : 'Annotators', names.join(', ') || '—'],
  ];
}

/** A badge: the label letter in its colour frame, kept left-to-right so it never decides a paragraph's direction. */
const badge = (context: ReportContext, labelId: string): string =>
  `<span class="badge b${context.labelIndex.get(labelId) ?? 0}" dir="ltr">${escapeHtml(context.badges.get(labelId) ?? '?')}</span>`;

function renderLibrarySummary(context: ReportContext, { perLabel: counts, total }: ClaimTally): string {
  const { selection } = context;
  const rows = context.labels
    .filter((l) => counts.has(l.id))
    .map((l) => `<tr><td>${badge(context, l.id)}${escapeHtml(l.name)}</td><td class="num">${counts.get(l.id)}</td></tr>`)
    .join('\n');
  return `<section class="summary" aria-labelledby="all-h"><h2 id="all-h">All documents</h2>
<p class="figures"><span><b>${total}</b> ${plural(total, 'claim')}</span><span><b>${selection.documents.length}</b> ${plural(selection.documents.length, 'document')}</span></p>
${total === 0 ? '' : `<table class="counts"><thead><tr><th scope="col">Label</th><th scope="col" class="num">Claims</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
</section>`;
}

function renderDocument(d: DocumentExport, context: ReportContext, place: { prefix: string; headingLevel: 2 | 3 }): string {
  const { document, annotations, offsets } = d;
  const { selection, labels, badges, labelIndex } = context;
  const { prefix } = place;
  const h = `h${place.headingLevel}`;
  const claims: ClaimView[] = annotations.map((a, i) => {
    const label = selection.labelById.get(a.labelId);
    return {
      annotation: a,
      number: i + 1,
      labelIndex: labelIndex.get(a.labelId) ?? 0,
      badge: badges.get(a.labelId) ?? '?',
      title: `${label?.name ?? a.labelId} #${i + 1} · ${selection.annotatorName(a)}`,
    };
  });
  const article = renderArticle(document, claims, prefix);
  const stats = documentStats(annotations, labels, offsets);
  const names = annotatorNames(annotations, selection.annotatorName);
  const severalAnnotators = names.length > 1;
  const agreement = severalAnnotators ? agreementSummary(d, selection.annotatorName) : null;
  const e = escapeHtml;
  const id = (s: string): string => e(`${prefix}${s}`);

  const summaryRows = stats.perLabel
    .map((s) => `<tr><td>${badge(context, s.label.id)}${e(s.label.name)}</td><td class="num">${s.count}</td><td class="num">${percent(s.covered, stats.length)}</td></tr>`)
    .join('\n');
  const claimRows = claims
    .map((c) => {
      const a = c.annotation;
      const label = selection.labelById.get(a.labelId);
      const confidence = a.confidence ? ` · ${e(a.confidence)} confidence` : '';
      const attributes = attributeEntries(a, label)
        .map((x) => `<span class="attr"><span class="k">${e(x.definition?.name ?? x.key)}:</span> <b dir="auto">${e(displayValue(x))}</b></span>`)
        .join(' ');
      return `<tr id="${id(`row-${c.number}`)}"><td class="num" data-label="#"><a href="#${id(`claim-${c.number}`)}">${c.number}</a></td><td class="claim" data-label="Claim"><div class="what">${badge(context, a.labelId)}${e(label?.name ?? a.labelId)}${confidence}</div><div class="quote" dir="auto">${e(a.quote)}</div>${
        attributes ? `<div class="attrs">${attributes}</div>` : ''
      }</td><td data-label="Source">${sourceCell(a, context)}</td><td class="note" data-label="Note" dir="auto">${e(a.note)}</td>${
        severalAnnotators ? `<td data-label="Annotator" dir="auto">${e(selection.annotatorName(a))}</td>` : ''
      }</tr>`;
    })
    .join('\n');
  const legend = labels.map((l, i) => `<li><span class="sample s${i}">${badge(context, l.id)}<span dir="auto">${e(l.name)}</span></span></li>`).join('');

  return `<article class="document">
${place.headingLevel === 3 ? `<h2 dir="auto">${e(document.title)}</h2>\n<dl class="meta">${documentMetaRows(d, selection).map(([k, v]) => `<dt>${e(k)}</dt><dd dir="auto">${e(v)}</dd>`).join('')}</dl>` : ''}
<section class="summary" aria-labelledby="${id('summary-h')}"><${h} id="${id('summary-h')}">Summary</${h}>
${
  claims.length === 0
    ? '<p class="muted">No claims tagged.</p>'
    : `<p class="figures"><span><b>${claims.length}</b> ${plural(claims.length, 'claim')}</span><span><b>${percent(stats.covered, stats.length)}</b> of the text</span><span><b>${names.length}</b> ${plural(names.length, 'annotator')}</span></p>
<table class="counts"><thead><tr><th scope="col">Label</th><th scope="col" class="num">Claims</th><th scope="col" class="num">Share of text</th></tr></thead><tbody>
${summaryRows}
</tbody></table>${agreement ? `\n<p class="agreement">${e(agreement)}</p>` : ''}`
}
</section>
<section class="text" aria-labelledby="${id('article-h')}"><${h} id="${id('article-h')}">Article</${h}>
<ul class="legend" aria-label="Labels">${legend}</ul>
<div class="article">
${article}
</div></section>
<section class="claims" aria-labelledby="${id('claims-h')}"><${h} id="${id('claims-h')}">Claims</${h}>
${
  claims.length === 0
    ? '<p class="muted">None.</p>'
    : `<table class="${severalAnnotators ? 'with-annotator' : ''}"><colgroup><col class="c-num"><col class="c-claim"><col class="c-attr"><col class="c-note">${severalAnnotators ? '<col class="c-who">' : ''}</colgroup>
<thead><tr><th scope="col">#</th><th scope="col">Claim</th><th scope="col">Source</th><th scope="col">Note</th>${severalAnnotators ? '<th scope="col">Annotator</th>' : ''}</tr></thead><tbody>
${claimRows}
</tbody></table>`
}
</section>
</article>`;
}

/** Who asserts the claim: its linked source spans (with the cue that reports them), else the free-text attribution. */
function sourceCell(a: Annotation, context: ReportContext): string {
  const e = escapeHtml;
  const { source, cue } = context.links(a.id);
  const cueText = cue.length > 0 ? `<div class="cue" dir="auto">${cue.map((c) => `“${e(c.quote)}”`).join(' · ')}</div>` : '';
  if (source.length === 0) return `<div dir="auto">${e(a.attribution)}</div>${cueText}`;
  const extra = a.attribution.trim() !== '' && !source.some((s) => s.quote === a.attribution.trim()) ? `<div class="muted" dir="auto">${e(a.attribution)}</div>` : '';
  return `${source.map((s) => `<div dir="auto">${e(s.quote)}</div>`).join('')}${cueText}${extra}`;
}
