// Plain-text rendering of the claim-structure figures (attribute α, link F1) for
// `claimtag agree --format table`, per document and over a corpus.

import type { StructureAgreement, StructureCoefficient, StructureInterval } from '../../shared/structure-agreement';

const value = (x: StructureCoefficient | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
const interval = (i: StructureInterval | undefined): string => (i === null || i === undefined ? 'n/a' : `${i[0].toFixed(3)}–${i[1].toFixed(3)}`);

function table(header: string[], rows: string[][], leftColumns: number): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** The lines of the structure section; `corpus` adds the F1 intervals from resampling documents. */
export function formatStructureLines(s: StructureAgreement, corpus: boolean): string[] {
  const out: string[] = ['', "Claim attributes (Krippendorff's α over matched spans; pairable values only)"];
  if (s.attributesEmpty !== null && s.attributes.every((r) => r.units === 0)) out.push(s.attributesEmpty);
  if (s.attributes.length > 0) {
    out.push(
      ...table(
        ['Label', 'Attribute', 'Units', 'Values', 'Missing', 'Agree', 'α nominal', '95 % interval', 'α ordinal', '95 % interval'],
        s.attributes.map((r) => [
          r.label,
          r.name,
          String(r.units),
          String(r.values),
          String(r.missing),
          value(r.observedAgreement),
          value(r.nominal),
          interval(r.nominalInterval),
          r.type === 'scale' ? value(r.ordinal) : '',
          r.type === 'scale' ? interval(r.ordinalInterval) : '',
        ]),
        2,
      ),
    );
    for (const r of s.attributes) if (r.reason) out.push(`- ${r.name} (${r.label}): ${r.reason}`);
  }
  out.push('', 'Links from claims to sources and cues (F1 between analysts)');
  if (s.linksEmpty !== null) out.push(s.linksEmpty);
  else {
    const header = ['A', 'B', 'Kind', 'Links A', 'Links B', 'Agreed', 'Precision', 'Recall', 'F1', 'F1 exact'];
    if (corpus) header.push('F1 95 % interval');
    out.push(
      ...table(
        header,
        s.links.map((l) => {
          const cells = [l.a, l.b, l.kind, String(l.linksA), String(l.linksB), String(l.overlap.agreed), value(l.overlap.precision), value(l.overlap.recall), value(l.overlap.f1), value(l.exact.f1)];
          if (corpus) cells.push(interval(l.overlap.f1Interval));
          return cells;
        }),
        3,
      ),
    );
  }
  if (s.notes.length > 0) out.push(...s.notes.map((note) => `- ${note}`));
  out.push(`Method: ${s.method}`);
  return out;
}
