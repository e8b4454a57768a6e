// The claim-structure part of the study report (HTML/PDF): attribute α over matched claims and
// link F1 between analysts, or why there is nothing to compare.

import type { StructureAgreement, StructureCoefficient, StructureInterval } from '../../shared/structure-agreement';
import { escapeHtml as e } from '../interchange/escape-html';

const value = (x: StructureCoefficient | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
const range = (r: StructureInterval | undefined): string => (r === null || r === undefined ? 'n/a' : `${r[0].toFixed(3)}–${r[1].toFixed(3)}`);

export function structureReportHtml(s: StructureAgreement, labelName: (id: string) => string): string {
  const attributes = s.attributes.some((r) => r.units > 0)
    ? `<table><thead><tr><th>Attribute</th><th>Claims</th><th>Values</th><th>Left out</th><th>α nominal</th><th>95 % interval</th><th>α ordinal</th><th>95 % interval</th></tr></thead><tbody>${s.attributes
        .map(
          (r) =>
            `<tr><td>${e(`${labelName(r.label)} · ${r.name}`)}</td><td class="num">${r.units}</td><td class="num">${r.values}</td><td class="num">${r.missing + r.unknown}</td>` +
            `<td class="num">${value(r.nominal)}</td><td class="num">${range(r.nominalInterval)}</td>` +
            `<td class="num">${r.type === 'scale' ? value(r.ordinal) : ''}</td><td class="num">${r.type === 'scale' ? range(r.ordinalInterval) : ''}</td></tr>`,
        )
        .join('')}</tbody></table>${s.attributes
        .filter((r) => r.reason)
        .map((r) => `<p class="small">${e(r.name)}: ${e(r.reason!)}</p>`)
        .join('')}`
    : `<p class="empty">${e(s.attributesEmpty ?? 'No attribute values to compare.')}</p>`;
  const links =
    s.linksEmpty === null && s.links.length > 0
      ? `<table><thead><tr><th>Pair</th><th>Link</th><th>Links</th><th>Agreed</th><th>Precision</th><th>Recall</th><th>F1</th><th>95 % interval</th><th>F1 exact</th></tr></thead><tbody>${s.links
          .map(
            (l) =>
              `<tr><td>${e(`${l.a}–${l.b}`)}</td><td>${l.kind}</td><td class="num">${l.linksA} / ${l.linksB}</td><td class="num">${l.overlap.agreed}</td>` +
              `<td class="num">${value(l.overlap.precision)}</td><td class="num">${value(l.overlap.recall)}</td><td class="num">${value(l.overlap.f1)}</td>` +
              `<td class="num">${range(l.overlap.f1Interval)}</td><td class="num">${value(l.exact.f1)}</td></tr>`,
          )
          .join('')}</tbody></table>`
      : `<p class="empty">${e(s.linksEmpty ?? 'No links to compare.')}</p>`;
  return `<h2>Agreement on claim structure</h2>
<h3>Attributes: Krippendorff’s α over matched claims</h3>
${attributes}
<h3>Links from claims to sources and cues</h3>
${links}
${s.notes.map((n) => `<p class="small">${e(n)}</p>`).join('')}
<p class="small">${e(s.method)}</p>`;
}
