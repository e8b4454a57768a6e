// Agreement on claim structure (#20) for one document: Krippendorff's α on each label attribute
// over the claims both analysts marked, and F1 on the source / cue links between each pair.
// Empty states say why there is nothing to compare.

import type { StructureAgreement as Figures, StructureInterval } from '../../../shared/structure-agreement';
import { formatCoefficient } from './format';
import './structure-agreement.css';

const KIND_NAME = { source: 'Source', cue: 'Cue' } as const;

const interval = (i: StructureInterval | undefined): string => (i ? `${formatCoefficient(i[0])} to ${formatCoefficient(i[1])}` : '—');

function Value({ value, why }: { value: number | null | undefined; why?: string | null }) {
  if (value === null || value === undefined) {
    return (
      <span title={why ?? undefined}>
        —{why && <span className="cmp-sr"> ({why})</span>}
      </span>
    );
  }
  return <>{formatCoefficient(value)}</>;
}

interface Props {
  /** The report's `structure`. */
  figures: Figures;
  labelName: (id: string) => string;
  /** Pooled over a study's documents: intervals come from resampling documents, links get one too. */
  corpus?: boolean;
  /** The heading's level where the section sits (h3 in Compare's panel, h2 as a study card). */
  heading?: 'h2' | 'h3';
}

/** Attribute α and link F1 tables, or why there is nothing to compare. */
export function StructureAgreement({ figures, labelName, corpus = false, heading: Heading = 'h3' }: Props) {
  const basis = corpus ? 'resampling documents' : 'resampling the matched claims';
  const showAttributes = figures.attributes.some((r) => r.units > 0);
  return (
    <section className="cmp-structure" aria-labelledby="cmp-structure-title">
      <Heading id="cmp-structure-title">Claim structure</Heading>
      {showAttributes ? (
        <table className="cmp-table cmp-structure-table">
          <caption title={figures.method}>Attributes: Krippendorff’s α over matched claims</caption>
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              <th scope="col" title="Matched claims with a value from at least two analysts">
                Claims
              </th>
              <th scope="col" title="Krippendorff's alpha: 1 is perfect agreement, 0 is chance">
                α
              </th>
              <th scope="col" title={`95 % bootstrap interval, ${basis}`}>
                95 % interval
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.attributes.flatMap((r) => {
              const name = `${labelName(r.label)} · ${r.name}`;
              const missing = r.missing > 0 ? `; ${r.missing} matched claim${r.missing === 1 ? '' : 's'} without a value left out` : '';
              const rows = [
                <tr key={`${r.label}|${r.attribute}`}>
                  <th scope="row" title={`${r.values} values, ${r.observedAgreement === null ? 'no' : Math.round(r.observedAgreement * 100) + ' %'} of value pairs agree${missing}`}>
                    <span className="cmp-structure-name">{name}</span>
                    {r.type === 'scale' && <span className="cmp-muted cmp-small"> nominal</span>}
                  </th>
                  <td>{r.units}</td>
                  <td>
                    <Value value={r.nominal} why={r.reason} />
                  </td>
                  <td className="cmp-small">{interval(r.nominalInterval)}</td>
                </tr>,
              ];
              if (r.type === 'scale') {
                rows.push(
                  <tr key={`${r.label}|${r.attribute}|ordinal`} className="cmp-structure-sub">
                    <th scope="row" title="Ordinal α: near misses on the scale count less than far ones">
                      <span className="cmp-sr">{name} </span>
                      <span className="cmp-muted cmp-small">ordinal</span>
                    </th>
                    <td />
                    <td>
                      <Value value={r.ordinal} why={r.reason} />
                    </td>
                    <td className="cmp-small">{interval(r.ordinalInterval)}</td>
                  </tr>,
                );
              }
              return rows;
            })}
          </tbody>
        </table>
      ) : (
        <p className="cmp-muted cmp-structure-empty">{figures.attributesEmpty ?? 'No attribute values to compare.'}</p>
      )}
      {figures.linksEmpty === null && figures.links.length > 0 ? (
        <table className="cmp-table cmp-structure-table">
          <caption title={figures.method}>Links: F1 between analysts</caption>
          <thead>
            <tr>
              <th scope="col">Pair</th>
              <th scope="col">Link</th>
              <th scope="col" title="Claims and targets matched by overlap, as in the differences">
                F1
              </th>
              <th scope="col" title="Claims and targets matched only with identical start and end">
                Exact
              </th>
              {corpus && (
                <th scope="col" title={`95 % bootstrap interval of F1, ${basis}`}>
                  95 % interval
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {figures.links.map((l) => (
              <tr key={`${l.a}|${l.b}|${l.kind}`}>
                <th scope="row">
                  {l.a} · {l.b}
                </th>
                <td>{KIND_NAME[l.kind]}</td>
                <td
                  title={`${l.overlap.agreed} agree; ${l.a} linked ${l.linksA}, ${l.b} ${l.linksB}. Precision ${formatCoefficient(l.overlap.precision)}, recall ${formatCoefficient(l.overlap.recall)}.`}
                >
                  <Value value={l.overlap.f1} />
                </td>
                <td>
                  <Value value={l.exact.f1} />
                </td>
                {corpus && <td className="cmp-small">{interval(l.overlap.f1Interval)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="cmp-muted cmp-structure-empty">{figures.linksEmpty ?? 'No links to compare.'}</p>
      )}
      {figures.notes.length > 0 && (
        <ul className="cmp-structure-notes cmp-small cmp-muted">
          {figures.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
