// The report's stylesheet. Label-specific rules are generated from validated #rrggbb colours only.
import type { Label } from '../../shared/types';
import { cssString } from './escape-html';

/** Distinct without colour: each label gets its own underline; the badge letter does the rest. */
export const UNDERLINE_STYLES = ['2px solid', '2px dashed', '2px dotted', '4px double', '3px solid', '3px dashed', '3px dotted'] as const;
/** Overlapping claims stack their underlines on separate lanes, at most this many. */
export const MAX_LANES = 4;

const safeColor = (c: string): string => (/^#[0-9a-fA-F]{6}$/.test(c) ? c.toLowerCase() : '#777777');

export function reportStyle(labels: readonly Label[], runningTitle: string): string {
  const labelRules = labels
    .map((l, i) => {
      const color = safeColor(l.color);
      const line = UNDERLINE_STYLES[i % UNDERLINE_STYLES.length];
      return `.l${i}{border-bottom:${line} ${color};background:${color}1a}.b${i}{border-color:${color}}.s${i}{border-bottom:${line} ${color}}`;
    })
    .join('\n');
  const laneRules = Array.from({ length: MAX_LANES }, (_, k) => `.k${k}{padding-bottom:${1 + 4 * k}px}`).join('');
  return `
:root{color-scheme:light;--ink:#1d1d1f;--muted:#5f6368;--rule:#d9d9de;--paper:#fff;--tint:#f6f6f8;--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;--serif:Charter,"Iowan Old Style","Palatino Linotype",Georgia,"Noto Serif","Noto Naskh Arabic",serif}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.6 var(--sans)}
.page{max-width:60rem;margin:0 auto;padding:2.5rem 1.5rem 4rem}
h1,h2,h3,h4,h5,h6{line-height:1.25;font-weight:600;margin:1.6em 0 .5em}
.title-block{border-bottom:2px solid var(--ink);padding-bottom:1rem;margin-bottom:1.5rem}
.kicker{margin:0 0 .3rem;font:600 .78rem/1.2 var(--sans);letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
h1{font-size:1.9rem;margin:0 0 .75rem;font-family:var(--serif)}
main>section>h2,.document>section>h2,.document>h2{font-size:1.3rem;border-bottom:1px solid var(--rule);padding-bottom:.25rem}
.document>h2{font-family:var(--serif);font-size:1.5rem;margin-top:2.5rem}
h3{font-size:1.1rem;border-bottom:1px solid var(--rule);padding-bottom:.2rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0;color:var(--muted);font-size:.92rem}
.meta dt{font-weight:600}.meta dd{margin:0;overflow-wrap:anywhere}
.figures{display:flex;flex-wrap:wrap;gap:.4rem 2rem;margin:.5rem 0 1rem;color:var(--muted)}
.figures b{font-size:1.35rem;color:var(--ink);font-variant-numeric:tabular-nums;margin-inline-end:.25rem}
table.counts{width:auto;min-width:22rem;max-width:100%}
.agreement{margin:.75rem 0 0;padding:.5rem .75rem;background:var(--tint);border-inline-start:3px solid var(--rule)}
.legend{list-style:none;padding:0;margin:.25rem 0 1rem;display:flex;flex-wrap:wrap;gap:.35rem 1.5rem;font-size:.88rem;color:var(--muted)}
.sample{padding-bottom:2px}
.article{font-family:var(--serif);font-size:1.08rem;line-height:2.15;max-width:42rem;overflow-wrap:break-word}
.article p,.article blockquote,.article ul{margin:0 0 1em}
.article blockquote{border-inline-start:3px solid var(--rule);padding-inline-start:1rem;color:#333;font-style:italic}
.article ul{padding-inline-start:1.5rem}
.article h3,.article h4,.article h5,.article h6,.article h7,.article h8{border:0;font-family:var(--serif)}
${Array.from({ length: 6 }, (_, i) => `.article li.v${i + 1}{margin-inline-start:${i * 1.5}rem}`).join('')}
mark.c{color:inherit;border-radius:1px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
${laneRules}
.badge,.marker{display:inline-block;min-width:1.35em;padding:0 .25em;margin-inline-end:.2em;border:1.5px solid;border-radius:3px;background:#fff;color:var(--ink);font:700 .68rem/1.3 var(--sans);text-align:center;vertical-align:.25em;font-style:normal;font-variant-numeric:tabular-nums}
.marker .ml{margin-inline-start:.3em;font-weight:500;color:var(--muted)}
${labelRules}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:start;vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid var(--rule);overflow-wrap:anywhere}
th{font-weight:600;color:var(--muted);font-size:.78rem;text-transform:uppercase;letter-spacing:.03em}
th.num,td.num{font-variant-numeric:tabular-nums;text-align:end;white-space:nowrap}
.claims table{table-layout:fixed}
.claims col.c-num{width:2.6em}.claims col.c-attr{width:18%}.claims col.c-note{width:24%}.claims col.c-who{width:13%}
.claims .what{font-size:.85em;color:var(--muted);margin-bottom:.15rem}
.claims .quote{font-family:var(--serif);font-size:1.05em}
.claims .attrs{font-size:.85em;margin-top:.2rem;overflow-wrap:anywhere}.claims .attr{margin-inline-end:.6em}.claims .attr .k{color:var(--muted)}
.claims .cue{font-size:.85em;color:var(--muted)}
td.note{white-space:pre-wrap}
.claims td:first-child a{color:var(--muted)}
.muted{color:var(--muted)}
footer{margin-top:3rem;padding-top:.75rem;border-top:1px solid var(--rule);color:var(--muted);font-size:.85rem}
@media (max-width:640px){
.page{padding:1.25rem 1rem 3rem}
h1{font-size:1.5rem}
.article{font-size:1rem}
table.counts{min-width:0;width:100%}
.claims table,.claims tbody,.claims tr,.claims td{display:block;width:100%}
.claims thead,.claims colgroup{display:none}
.claims tr{border-bottom:1px solid var(--rule);padding:.5rem 0}
.claims td{border:0;padding:.15rem 0}
.claims td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted);font-family:var(--sans)}
}
@page{size:A4;margin:18mm 16mm 20mm;@top-left{content:${cssString(runningTitle)};font:8.5pt var(--sans);color:#555}@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8.5pt var(--sans);color:#555}}
@media print{
body{font-size:10pt}
.page{max-width:none;padding:0}
.article{max-width:none;font-size:10.5pt;line-height:2}
table{font-size:9pt}
th{font-size:7.5pt}
th,td{padding:.3rem .4rem}
a{color:inherit;text-decoration:none}
mark.c{background:none!important;border-bottom-color:#333!important}
.badge,.marker{border-color:#333!important}
.sample{border-bottom-color:#333!important}
.agreement{background:none;border-inline-start-color:#999}
h2,h3{break-after:avoid}
.title-block,.summary,.legend{break-inside:avoid}
.legend{break-after:avoid}
thead{display:table-header-group}
tr{break-inside:avoid}
}
`.trim();
}
