import { describe, expect, it } from 'vitest';
import type { AttributeDefinition } from '../../shared/claim-structure';
import type { CompareSpan } from '../../shared/compare';
import { bruteForceAlpha } from '../../../test/agreement/brute-force-alpha';
import { buildConfusion } from '../compare/confusion';
import { buildDifferences } from '../compare/differences';
import { computeAgreement } from './compute-agreement';
import { computeCorpusAgreement } from './corpus-agreement';
import { seededRandom } from './seeded-random';
import { computeStructureAgreement } from './structure-agreement';
import type { AgreementAnnotation, AgreementInput, AgreementLabel, AgreementLink } from './types';

const worth: AttributeDefinition = {
  key: 'check-worthiness',
  name: 'Check-worthiness',
  type: 'choice',
  options: [
    { key: 'check-worthy', name: 'Check-worthy' },
    { key: 'not-worth-checking', name: 'Not worth checking' },
    { key: 'not-factual', name: 'Not factual' },
  ],
};
const verdict: AttributeDefinition = {
  key: 'verdict',
  name: 'Verdict',
  type: 'scale',
  options: ['true', 'mostly-true', 'mixed', 'mostly-false', 'false'].map((key) => ({ key, name: key })),
};
const when: AttributeDefinition = { key: 'claim-date', name: 'Claim date', type: 'date', options: [] };
const evidence: AttributeDefinition = { key: 'evidence', name: 'Evidence', type: 'links', options: [] };

const LABELS: AgreementLabel[] = [
  { id: 'fact', role: 'claim', attributes: [worth, verdict, when, evidence] },
  { id: 'opinion', role: 'claim', attributes: [worth] },
  { id: 'source', role: 'source' },
  { id: 'cue', role: 'cue' },
];
const TEXT = 'x'.repeat(400);

let counter = 0;
const span = (annotator: string, label: string, start: number, end: number, attributes?: AgreementAnnotation['attributes']): AgreementAnnotation => ({
  id: `a${++counter}`,
  annotator,
  label,
  start,
  end,
  ...(attributes ? { attributes } : {}),
});
const link = (from: AgreementAnnotation, to: AgreementAnnotation, kind: AgreementLink['kind'] = 'source'): AgreementLink => ({ annotator: from.annotator, kind, claimId: from.id!, targetId: to.id! });
const doc = (annotations: AgreementAnnotation[], relations: AgreementLink[] = [], labels = LABELS): AgreementInput => ({ documentId: 'd', text: TEXT, annotations, relations, labels });
const row = (input: AgreementInput, annotators: string[], attribute: string, label = 'fact') =>
  computeStructureAgreement(input, annotators).attributes.find((r) => r.attribute === attribute && r.label === label);

describe('attribute α over matched spans', () => {
  it('compares values of same-label matched spans only, and equals α of the unit × analyst table', () => {
    const input = doc([
      span('Ana', 'fact', 0, 10, { 'check-worthiness': 'check-worthy' }),
      span('Bo', 'fact', 0, 10, { 'check-worthiness': 'check-worthy' }),
      span('Ana', 'fact', 20, 30, { 'check-worthiness': 'not-factual' }),
      span('Bo', 'fact', 22, 33, { 'check-worthiness': 'not-worth-checking' }), // matched by overlap
      span('Ana', 'fact', 40, 50, { 'check-worthiness': 'not-factual' }),
      span('Bo', 'fact', 40, 50, { 'check-worthiness': 'not-factual' }),
      span('Ana', 'fact', 60, 70, { 'check-worthiness': 'check-worthy' }),
      span('Bo', 'opinion', 60, 70, { 'check-worthiness': 'not-factual' }), // label conflict: not compared
      span('Ana', 'fact', 80, 90, { 'check-worthiness': 'check-worthy' }),
      span('Bo', 'fact', 80, 90), // no value: left out
      span('Ana', 'fact', 100, 110, { 'check-worthiness': 'check-worthy' }), // Bo did not mark it
    ]);
    const r = row(input, ['Ana', 'Bo'], 'check-worthiness')!;
    expect(r).toMatchObject({ units: 3, values: 6, missing: 1, unknown: 0, type: 'choice' });
    const expected = bruteForceAlpha(
      [
        [0, 2, 2],
        [0, 1, 2],
      ],
      'nominal',
    );
    expect(r.nominal).toBeCloseTo(expected!, 12);
    expect(r.observedAgreement).toBeCloseTo(2 / 3, 12);
    expect(r.ordinal).toBeUndefined();
  });

  it('gives a scale ordinal α as well, and an interval from resampling units that holds the estimate', () => {
    const random = seededRandom(5);
    const annotations: AgreementAnnotation[] = [];
    const table: number[][] = [[], []];
    for (let u = 0; u < 40; u++) {
      const truth = Math.floor(random() * 5);
      const other = Math.max(0, Math.min(4, truth + (random() < 0.4 ? (random() < 0.5 ? -1 : 1) : 0)));
      table[0].push(truth);
      table[1].push(other);
      annotations.push(span('Ana', 'fact', u * 10, u * 10 + 5, { verdict: verdict.options[truth].key }), span('Bo', 'fact', u * 10, u * 10 + 5, { verdict: verdict.options[other].key }));
    }
    const r = row(doc(annotations), ['Ana', 'Bo'], 'verdict')!;
    expect(r.units).toBe(40);
    expect(r.nominal).toBeCloseTo(bruteForceAlpha(table, 'nominal')!, 12);
    expect(r.ordinal).toBeCloseTo(bruteForceAlpha(table, 'ordinal')!, 12);
    expect(r.ordinal!).toBeGreaterThan(r.nominal!);
    for (const [value, interval] of [
      [r.nominal, r.nominalInterval],
      [r.ordinal, r.ordinalInterval],
    ] as const) {
      expect(interval).not.toBeNull();
      expect(interval![0]).toBeLessThanOrEqual(value!);
      expect(value!).toBeLessThanOrEqual(interval![1]);
      expect(interval![1] - interval![0]).toBeGreaterThan(0.01);
    }
    // the same seed, the same interval
    expect(row(doc(annotations), ['Ana', 'Bo'], 'verdict')!.ordinalInterval).toEqual(r.ordinalInterval);
  });

  it('with three analysts forms units of matched spans and leaves out values missing for one', () => {
    const input = doc([
      span('Ana', 'fact', 0, 10, { 'claim-date': '2025-03-01' }),
      span('Bo', 'fact', 0, 10, { 'claim-date': '2025-03-01' }),
      span('Cy', 'fact', 1, 10, { 'claim-date': '2025-03-02' }),
      span('Ana', 'fact', 20, 30, { 'claim-date': '2025-04-01' }),
      span('Cy', 'fact', 20, 31, { 'claim-date': '2025-04-01' }),
      span('Ana', 'fact', 40, 50, { 'claim-date': '2025-05-01' }),
      span('Bo', 'fact', 40, 50, { 'claim-date': 'soon' }), // not a date: left out
      span('Cy', 'fact', 40, 50),
      span('Bo', 'fact', 60, 70, { 'claim-date': '2025-03-01' }),
      span('Cy', 'fact', 65, 75, { 'claim-date': '2025-04-01' }),
    ]);
    const r = row(input, ['Ana', 'Bo', 'Cy'], 'claim-date')!;
    // dates sorted: 03-01 = 0, 03-02 = 1, 04-01 = 2, 05-01 = 3
    const table = [
      [0, 2, 3, null],
      [0, null, null, 0],
      [1, 2, null, 2],
    ];
    expect(r).toMatchObject({ type: 'date', units: 3, values: 7, missing: 1, unknown: 1 });
    expect(r.nominal).toBeCloseTo(bruteForceAlpha(table, 'nominal')!, 12);
  });

  it('counts the diagonal of Compare’s confusion matrix as its units (two analysts, every span valued)', () => {
    const random = seededRandom(11);
    const labels = ['fact', 'opinion'];
    const annotations: AgreementAnnotation[] = [];
    for (const who of ['Ana', 'Bo']) {
      for (let k = 0; k < 30; k++) {
        if (random() < 0.15) continue;
        const start = k * 12 + Math.floor(random() * 3);
        annotations.push(span(who, labels[random() < 0.8 ? k % 2 : 1 - (k % 2)], start, start + 4 + Math.floor(random() * 6), { 'check-worthiness': 'check-worthy' }));
      }
    }
    const compareSpans: CompareSpan[] = annotations.map((a) => ({ annotationId: a.id!, annotatorId: a.annotator, annotatorName: a.annotator, labelId: a.label, start: a.start, end: a.end, quote: '' }));
    const confusion = buildConfusion(buildDifferences(compareSpans, ['Ana', 'Bo']), ['Ana', 'Bo'], labels, 50);
    const structure = computeStructureAgreement(doc(annotations), ['Ana', 'Bo']);
    for (const label of labels) {
      const k = confusion.labels.indexOf(label);
      const units = structure.attributes.find((r) => r.label === label && r.attribute === 'check-worthiness')?.units ?? 0;
      expect(units).toBe(confusion.pairs[0].counts[k][k]);
      expect(units).toBeGreaterThan(3);
    }
  });

  it('explains an undefined α and the empty states', () => {
    const same = doc([span('Ana', 'fact', 0, 10, { verdict: 'true' }), span('Bo', 'fact', 0, 10, { verdict: 'true' })]);
    const r = row(same, ['Ana', 'Bo'], 'verdict')!;
    expect(r.nominal).toBeNull();
    expect(r.reason).toMatch(/Every value is “true”/);
    expect(computeStructureAgreement(same, ['Ana', 'Bo']).attributesEmpty).toBeNull();

    const plain = doc([span('Ana', 'fact', 0, 10), span('Bo', 'fact', 0, 10)], [], [{ id: 'fact' }]);
    expect(computeStructureAgreement(plain, ['Ana', 'Bo']).attributesEmpty).toMatch(/^No attribute values to compare: no label .* choice, scale or date attribute/);
    const nobody = doc([span('Ana', 'fact', 0, 10), span('Bo', 'fact', 0, 10)]);
    expect(computeStructureAgreement(nobody, ['Ana', 'Bo']).attributesEmpty).toMatch(/nobody has set/);
    const onlyAna = doc([span('Ana', 'fact', 0, 10, { verdict: 'true' }), span('Bo', 'fact', 0, 10)]);
    expect(computeStructureAgreement(onlyAna, ['Ana', 'Bo']).attributesEmpty).toMatch(/only Ana has set/);
    const apart = doc([span('Ana', 'fact', 0, 10, { verdict: 'true' }), span('Bo', 'fact', 20, 30, { verdict: 'false' })]);
    expect(computeStructureAgreement(apart, ['Ana', 'Bo']).attributesEmpty).toMatch(/no claim marked by two analysts/);
    expect(computeStructureAgreement(same, ['Ana']).attributesEmpty).toMatch(/at least two analysts/);
  });

  it('does not compare evidence links', () => {
    const input = doc([span('Ana', 'fact', 0, 10, { evidence: ['https://a.example'] }), span('Bo', 'fact', 0, 10, { evidence: ['https://a.example'] })]);
    expect(computeStructureAgreement(input, ['Ana', 'Bo']).attributes.map((r) => r.attribute)).not.toContain('evidence');
  });
});

describe('link F1 between analysts', () => {
  it('agrees when both the claim and the target are matched; exact needs identical extents', () => {
    const a1 = span('Ana', 'fact', 0, 20);
    const a2 = span('Ana', 'fact', 40, 60);
    const aS = span('Ana', 'source', 100, 110);
    const aCue = span('Ana', 'cue', 112, 116);
    const b1 = span('Bo', 'fact', 2, 20); // overlaps a1
    const b2 = span('Bo', 'fact', 40, 60);
    const bS = span('Bo', 'source', 100, 110);
    const bT = span('Bo', 'source', 200, 210);
    const bCue = span('Bo', 'cue', 112, 116);
    const input = doc(
      [a1, a2, aS, aCue, b1, b2, bS, bT, bCue],
      [link(a1, aS), link(a2, aS), link(a1, aCue, 'cue'), link(b1, bS), link(b2, bT), link(b1, bS), link(b1, bCue, 'cue')],
    );
    const s = computeStructureAgreement(input, ['Ana', 'Bo']);
    expect(s.linksEmpty).toBeNull();
    const source = s.links.find((l) => l.kind === 'source')!;
    expect(source).toMatchObject({ a: 'Ana', b: 'Bo', linksA: 2, linksB: 2 }); // the repeated link counts once
    expect(source.overlap).toMatchObject({ agreed: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(source.exact).toMatchObject({ agreed: 0, f1: 0 }); // a1 and b1 differ in start
    const cue = s.links.find((l) => l.kind === 'cue')!;
    expect(cue.overlap).toMatchObject({ agreed: 1, f1: 1 });
    // the same pair the other way round: precision and recall swap, F1 stays
    const swapped = computeStructureAgreement(input, ['Bo', 'Ana']).links.find((l) => l.kind === 'source')!;
    expect(swapped.overlap.f1).toBe(source.overlap.f1);
  });

  it('matches targets among spans of the link’s role, and precision/recall follow the link counts', () => {
    const a1 = span('Ana', 'fact', 0, 20);
    const aS1 = span('Ana', 'source', 100, 110);
    const aS2 = span('Ana', 'source', 120, 130);
    const a2 = span('Ana', 'fact', 30, 40);
    const b1 = span('Bo', 'fact', 0, 20);
    const bS1 = span('Bo', 'source', 100, 110);
    const input = doc([a1, aS1, aS2, a2, b1, bS1], [link(a1, aS1), link(a2, aS2), link(b1, bS1)]);
    const source = computeStructureAgreement(input, ['Ana', 'Bo']).links[0];
    expect(source.overlap).toMatchObject({ agreed: 1, precision: 0.5, recall: 1 });
    expect(source.overlap.f1).toBeCloseTo(2 / 3, 12);
  });

  it('says why there are no links to compare, and leaves out links whose ends are gone', () => {
    const a1 = span('Ana', 'fact', 0, 20);
    const aS = span('Ana', 'source', 100, 110);
    const b1 = span('Bo', 'fact', 0, 20);
    expect(computeStructureAgreement(doc([a1, aS, b1]), ['Ana', 'Bo']).linksEmpty).toMatch(/^No links to compare: nobody has linked/);
    const one = computeStructureAgreement(doc([a1, aS, b1], [link(a1, aS)]), ['Ana', 'Bo']);
    expect(one.linksEmpty).toBe('No links to compare: only Ana linked claims to sources or cues; Bo has none.');
    const dangling = computeStructureAgreement(doc([a1, b1], [link(a1, aS)]), ['Ana', 'Bo']);
    expect(dangling.notes.join(' ')).toMatch(/Left out 1 link whose claim or target/);
    expect(dangling.links).toEqual([]);
  });

  it('reads a span of a label without a role as the target its links make it', () => {
    const labels: AgreementLabel[] = [{ id: 'fact' }, { id: 'who' }];
    const a1 = span('Ana', 'fact', 0, 20);
    const aS = span('Ana', 'who', 100, 110);
    const b1 = span('Bo', 'fact', 0, 20);
    const bS = span('Bo', 'who', 101, 110);
    const s = computeStructureAgreement(doc([a1, aS, b1, bS], [link(a1, aS), link(b1, bS)], labels), ['Ana', 'Bo']);
    expect(s.links[0].overlap.f1).toBe(1);
    expect(s.links[0].exact.f1).toBe(0);
  });
});

describe('computeAgreement', () => {
  it('carries the structure figures in the per-document report', () => {
    const input = doc([span('Ana', 'fact', 0, 10, { verdict: 'true' }), span('Bo', 'fact', 0, 10, { verdict: 'false' }), span('Ana', 'fact', 20, 30, { verdict: 'false' }), span('Bo', 'fact', 20, 30, { verdict: 'false' })]);
    const report = computeAgreement(input);
    expect(report.structure.attributes.find((r) => r.attribute === 'verdict')).toMatchObject({ units: 2, values: 4 });
    expect(report.structure.linksEmpty).toMatch(/nobody has linked/);
  });
});

describe('corpus structure agreement', () => {
  /** Random documents in which two or three analysts mostly agree on spans, values and links. */
  function randomDocuments(seed: number, count: number, analysts: string[]): AgreementInput[] {
    const random = seededRandom(seed);
    return Array.from({ length: count }, (_, d) => {
      const annotations: AgreementAnnotation[] = [];
      const relations: AgreementLink[] = [];
      for (let c = 0; c < 6; c++) {
        const truth = Math.floor(random() * 5);
        const base = c * 60;
        const shift = Math.floor(random() * 3);
        for (const who of analysts) {
          if (random() < 0.1) continue;
          const jitter = random() < 0.3 ? shift : 0;
          const value = random() < 0.7 ? truth : Math.floor(random() * 5);
          const claim = span(who, 'fact', base + jitter, base + 20, random() < 0.9 ? { verdict: verdict.options[value].key } : undefined);
          const source = span(who, 'source', base + 30 + (random() < 0.2 ? 1 : 0), base + 40);
          annotations.push(claim, source);
          if (random() < 0.85) relations.push(link(claim, source));
        }
      }
      return { documentId: `d${d}`, text: TEXT, annotations, relations, labels: LABELS };
    });
  }

  /** The documents as one text, spans shifted. */
  function concatenated(docs: AgreementInput[]): AgreementInput {
    return {
      documentId: 'all',
      text: docs.map((d) => d.text).join(''),
      annotations: docs.flatMap((d, k) => d.annotations.map((a) => ({ ...a, start: a.start + k * TEXT.length, end: a.end + k * TEXT.length }))),
      relations: docs.flatMap((d) => d.relations ?? []),
      labels: LABELS,
    };
  }

  it.each([[['Ana', 'Bo']], [['Ana', 'Bo', 'Cy']]])('pools counts over documents (%j): the same figures as one long document, with intervals', (analysts) => {
    const docs = randomDocuments(analysts.length * 17, 12, analysts);
    const corpus = computeCorpusAgreement(docs, { resamples: 200, seed: 3 }).structure;
    const whole = computeStructureAgreement(concatenated(docs), analysts);
    const pooled = corpus.attributes.find((r) => r.attribute === 'verdict')!;
    const single = whole.attributes.find((r) => r.attribute === 'verdict')!;
    expect(pooled.units).toBe(single.units);
    expect(pooled.units).toBeGreaterThan(40);
    expect(pooled.nominal).toBeCloseTo(single.nominal!, 12);
    expect(pooled.ordinal).toBeCloseTo(single.ordinal!, 12);
    expect(pooled.nominalInterval![0]).toBeLessThanOrEqual(pooled.nominal!);
    expect(pooled.ordinalInterval![1]).toBeGreaterThanOrEqual(pooled.ordinal!);
    expect(corpus.links).toHaveLength((analysts.length * (analysts.length - 1)) / 2);
    corpus.links.forEach((l, p) => {
      expect(l).toMatchObject({ linksA: whole.links[p].linksA, linksB: whole.links[p].linksB, overlap: { agreed: whole.links[p].overlap.agreed }, exact: { agreed: whole.links[p].exact.agreed } });
      expect(l.overlap.f1!).toBeGreaterThan(l.exact.f1!);
      expect(l.overlap.f1Interval![0]).toBeLessThanOrEqual(l.overlap.f1!);
      expect(l.overlap.f1Interval![1]).toBeGreaterThanOrEqual(l.overlap.f1!);
    });
    expect(corpus.method).toMatch(/resampling documents \(200 resamples, seed 3\)/);
  });

  it('gives the empty states over a corpus too', () => {
    const plain = randomDocuments(4, 3, ['Ana', 'Bo']).map((d) => ({ ...d, relations: [], labels: [{ id: 'fact' }, { id: 'source', role: 'source' as const }] }));
    const corpus = computeCorpusAgreement(plain, { resamples: 50 }).structure;
    expect(corpus.attributesEmpty).toMatch(/no label in the tag set has/);
    expect(corpus.linksEmpty).toMatch(/nobody has linked/);
    expect(corpus.attributes).toEqual([]);
  });
});

describe('corpus intervals', () => {
  it('gives none when a single document holds all the units', () => {
    const one = doc([span('Ana', 'fact', 0, 10, { verdict: 'true' }), span('Bo', 'fact', 0, 10, { verdict: 'false' }), span('Ana', 'fact', 20, 30, { verdict: 'false' }), span('Bo', 'fact', 20, 30, { verdict: 'false' })]);
    const empty = doc([span('Ana', 'fact', 0, 10), span('Bo', 'fact', 0, 10)]);
    const corpus = computeCorpusAgreement([one, { ...empty, documentId: 'e' }], { resamples: 50 }).structure;
    const verdictRow = corpus.attributes.find((r) => r.attribute === 'verdict')!;
    expect(verdictRow.nominal).not.toBeNull();
    expect(verdictRow.nominalInterval).toBeNull();
    expect(corpus.notes.join(' ')).toMatch(/single document holds all/);
  });
});
