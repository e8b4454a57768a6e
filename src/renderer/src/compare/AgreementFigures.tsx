import type { CompareResult } from '../../../shared/compare';
import type { Label } from '../../../shared/types';
import { formatCoefficient, formatPercent, noteFor } from './format';

interface FigureProps {
  label: string;
  value: string;
  note?: string;
  hint: string;
}

function Figure({ label, value, note, hint }: FigureProps) {
  const undefinedValue = value === '—';
  return (
    <div className="cmp-figure" title={undefinedValue && note ? note : hint}>
      <dt>{label}</dt>
      <dd>
        {value}
        {undefinedValue && note && <span className="cmp-sr"> ({note})</span>}
      </dd>
    </div>
  );
}

/** The headline agreement figures of the report; undefined ones show "—" with their note. */
export function AgreementFigures({ result, labels }: { result: CompareResult; labels: readonly Label[] }) {
  const { report } = result;
  const notes = report.notes;
  const labelName = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  const perLabel = Object.entries(report.spans.alphaUByLabel);
  return (
    <section className="cmp-figures" aria-label="Agreement figures">
      <dl className="cmp-figure-row">
        <Figure
          label="Spans α_u"
          value={formatCoefficient(report.spans.alphaU)}
          note={noteFor(notes, 'α_u', 'unitizing', 'at least 2 annotators')}
          hint="Krippendorff's unitizing alpha over the text: 1 is perfect agreement, 0 is chance."
        />
        <Figure
          label="Sentences agree"
          value={formatPercent(report.sentences.percentAgreement)}
          note={noteFor(notes, 'percent agreement', 'sentence', 'at least 2 annotators')}
          hint={`Mean pairwise percent agreement over ${report.sentences.count} sentences.`}
        />
        <Figure
          label="Fleiss κ"
          value={formatCoefficient(report.sentences.fleissKappa)}
          note={noteFor(notes, 'fleiss', 'sentence', 'at least 2 annotators')}
          hint="Fleiss' kappa over sentence labels."
        />
        <Figure
          label="Krippendorff α"
          value={formatCoefficient(report.sentences.krippendorffAlpha)}
          note={noteFor(notes, "krippendorff's alpha", 'sentence', 'at least 2 annotators')}
          hint="Krippendorff's alpha (nominal) over sentence labels."
        />
      </dl>
      {perLabel.length > 0 && (
        <dl className="cmp-per-label" aria-label="α_u per label" title="Unitizing alpha per label">
          {perLabel.map(([id, v]) => (
            <div key={id} className="cmp-per-label-item" title={v === null ? (noteFor(notes, id) ?? 'Undefined for this data.') : `α_u for ${labelName(id)}`}>
              <dt>{labelName(id)} α_u</dt>
              <dd>{formatCoefficient(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** Pairwise F1 (exact / overlap) and Cohen's κ, one row per pair. */
export function PairTable({ result }: { result: CompareResult }) {
  const { report } = result;
  const notes = report.notes;
  if (report.spans.f1.length === 0) {
    return <p className="cmp-muted">{noteFor(notes, 'pairwise') ?? 'Pairwise figures need at least two annotators.'}</p>;
  }
  const kappa = new Map(report.sentences.cohenKappa.map((k) => [`${k.a}\u0000${k.b}`, k.value]));
  const cohenNote = noteFor(notes, "cohen's kappa");
  const f1Note = noteFor(notes, 'span f1');
  return (
    <table className="cmp-table cmp-pairs">
      <caption>Agreement by pair</caption>
      <thead>
        <tr>
          <th scope="col">Pair</th>
          <th scope="col" title="Span F1, exact match of start, end and label">
            F1 exact
          </th>
          <th scope="col" title="Span F1, overlapping spans with the same label">
            F1 overlap
          </th>
          <th scope="col" title="Cohen's kappa on sentence labels">
            Cohen κ
          </th>
        </tr>
      </thead>
      <tbody>
        {report.spans.f1.map((p) => {
          const k = kappa.get(`${p.a}\u0000${p.b}`) ?? null;
          return (
            <tr key={`${p.a}|${p.b}`}>
              <th scope="row">
                {p.a} · {p.b}
              </th>
              <td title={p.exact === null ? f1Note : undefined}>{formatCoefficient(p.exact)}</td>
              <td title={p.overlap === null ? f1Note : undefined}>{formatCoefficient(p.overlap)}</td>
              <td title={k === null ? cohenNote : undefined}>{formatCoefficient(k)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
