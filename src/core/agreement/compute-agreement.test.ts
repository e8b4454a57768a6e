import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../shared/result';
import { computeAgreement, MAX_PAIRWISE_ANNOTATORS } from './compute-agreement';
import { syntheticDocument } from '../../../test/agreement/synthetic-document';
import type { AgreementAnnotation, AgreementInput, AgreementReport } from '../../shared/agreement';

const TEXT = 'The minister said talks failed. Officials denied it! Was it true? Sources say yes.\nA new policy starts Monday.';

/** Every number in the report is finite; undefined values are null. */
function expectNoNaN(report: AgreementReport): void {
  const json = JSON.stringify(report);
  expect(json).not.toMatch(/NaN|Infinity/);
  const visit = (v: unknown): void => {
    if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(report);
}

const copyFor = (annotator: string, annotations: AgreementAnnotation[]): AgreementAnnotation[] => annotations.map((a) => ({ ...a, annotator }));

describe('computeAgreement', () => {
  const alice: AgreementAnnotation[] = [
    { annotator: 'alice', label: 'fact', start: 0, end: 31 },
    { annotator: 'alice', label: 'allegation', start: 32, end: 52 },
    { annotator: 'alice', label: 'opinion', start: 66, end: 82 },
  ];

  it('returns the documented shape, annotators sorted by default', () => {
    const report = computeAgreement({
      documentId: 'doc-1',
      text: TEXT,
      annotations: [...copyFor('bob', alice).slice(0, 2), { annotator: 'bob', label: 'fact', start: 66, end: 82 }, ...alice],
    });
    expect(report.document).toBe('doc-1');
    expect(report.annotators).toEqual(['alice', 'bob']);
    expect(report.sentences.count).toBe(5);
    expect(report.sentences.cohenKappa).toHaveLength(1);
    expect(report.sentences.percentAgreement).toBeCloseTo(4 / 5, 12);
    expect(Object.keys(report.spans.alphaUByLabel)).toEqual(['allegation', 'fact', 'opinion']);
    expect(report.spans.f1).toEqual([{ a: 'alice', b: 'bob', exact: 2 / 3, overlap: 2 / 3 }]);
    expectNoNaN(report);
  });

  it('gives 1 everywhere (where defined) for identical annotators', () => {
    const report = computeAgreement({ documentId: 'd', text: TEXT, annotations: [...alice, ...copyFor('bob', alice), ...copyFor('carol', alice)] });
    expect(report.sentences.percentAgreement).toBe(1);
    expect(report.sentences.fleissKappa).toBeCloseTo(1, 12);
    expect(report.sentences.krippendorffAlpha).toBeCloseTo(1, 12);
    for (const pair of report.sentences.cohenKappa) expect(pair.value).toBeCloseTo(1, 12);
    expect(report.spans.alphaU).toBe(1);
    for (const pair of report.spans.f1) expect(pair).toMatchObject({ exact: 1, overlap: 1 });
  });

  it('honours an explicit annotator list for restriction and order, including silent annotators', () => {
    const report = computeAgreement({ documentId: 'd', text: TEXT, annotations: [...alice, ...copyFor('bob', alice)], annotators: ['zoe', 'alice'] });
    expect(report.annotators).toEqual(['zoe', 'alice']);
    expect(report.spans.f1[0]).toMatchObject({ a: 'zoe', b: 'alice', exact: 0, overlap: 0 });
    expect(report.notes.join('\n')).toMatch(/annotator not in the requested list/);
    expect(report.notes.join('\n')).toMatch(/No annotations from zoe/);
  });

  it('measures α_u in code points, not UTF-16 units', () => {
    const emoji = '😀'.repeat(10);
    const text = `${emoji} plain words here.`;
    const a = { annotator: 'a', label: 'fact', start: 0, end: 20 }; // ten emoji = 10 code points
    const b = { annotator: 'b', label: 'fact', start: 0, end: 18 }; // nine emoji
    const withEmoji = computeAgreement({ documentId: 'd', text, annotations: [a, b] }).spans.alphaU;
    const plain = 'x'.repeat(10) + ' plain words here.';
    const asPlain = computeAgreement({ documentId: 'd', text: plain, annotations: [{ ...a, end: 10 }, { ...b, end: 9 }] }).spans.alphaU;
    expect(withEmoji).toBeCloseTo(asPlain ?? NaN, 12);
  });

  describe('bad input', () => {
    it('drops annotations outside the text, empty, splitting surrogates or duplicated, with notes', () => {
      const report = computeAgreement({
        documentId: 'd',
        text: `😀${TEXT}`,
        annotations: [
          ...alice,
          ...copyFor('bob', alice),
          { annotator: 'bob', label: 'fact', start: -1, end: 4 },
          { annotator: 'bob', label: 'fact', start: 10, end: 1e9 },
          { annotator: 'bob', label: 'fact', start: 1.5, end: 4 },
          { annotator: 'bob', label: 'fact', start: 5, end: 5 },
          { annotator: 'bob', label: 'fact', start: 9, end: 3 },
          { annotator: 'bob', label: 'fact', start: 1, end: 4 },
          { annotator: 'bob', label: 'fact', start: Number.NaN, end: 4 },
          alice[0],
        ],
      });
      const notes = report.notes.join('\n');
      expect(notes).toMatch(/Ignored 4 annotations \(offsets not integers within the text/);
      expect(notes).toMatch(/Ignored 2 annotations \(start >= end\)/);
      expect(notes).toMatch(/Ignored 1 annotation \(offset splits a surrogate pair/);
      expect(notes).toMatch(/Ignored 1 annotation \(exact repeat/);
      expectNoNaN(report);
    });

    it('reports null with a reason for one annotator, zero annotations and an empty text', () => {
      const one = computeAgreement({ documentId: 'd', text: TEXT, annotations: alice });
      expect(one.sentences).toMatchObject({ percentAgreement: null, fleissKappa: null, krippendorffAlpha: null, cohenKappa: [] });
      expect(one.spans).toMatchObject({ alphaU: null, f1: [] });
      expect(one.notes.join('\n')).toMatch(/at least 2 annotators; found 1 \(alice\)/);

      const none = computeAgreement({ documentId: 'd', text: TEXT, annotations: [], annotators: ['a', 'b'] });
      expect(none.sentences.percentAgreement).toBe(1);
      expect(none.sentences.cohenKappa[0].value).toBeNull();
      expect(none.sentences.fleissKappa).toBeNull();
      expect(none.spans.alphaU).toBeNull();
      expect(none.spans.f1[0]).toMatchObject({ exact: null, overlap: null });
      expect(none.notes.join('\n')).toMatch(/one and the same category/);
      expect(none.notes.join('\n')).toMatch(/without any annotation/);

      const empty = computeAgreement({ documentId: 'd', text: '', annotations: [], annotators: ['a', 'b'] });
      expect(empty.sentences.count).toBe(0);
      expect(empty.notes.join('\n')).toMatch(/no sentences/);
      expectNoNaN(one);
      expectNoNaN(none);
      expectNoNaN(empty);
    });

    it('handles hundreds of annotators, leaving out the pairwise lists, and refuses absurd counts', () => {
      const input = syntheticDocument({ seed: 3, annotators: 300, annotationsPerAnnotator: 20, textLength: 4000 });
      const report = computeAgreement(input);
      expect(report.annotators).toHaveLength(300);
      expect(report.sentences.cohenKappa).toEqual([]);
      expect(report.notes.join('\n')).toContain(`more than ${MAX_PAIRWISE_ANNOTATORS} annotators`);
      expect(report.spans.alphaU).not.toBeNull();
      expectNoNaN(report);
      const names = Array.from({ length: 1001 }, (_, k) => `a${k}`);
      expect(() => computeAgreement({ documentId: 'd', text: TEXT, annotations: [], annotators: names })).toThrow(AppFailure);
    });

    it('throws AppFailure for input that is not an AgreementInput', () => {
      expect(() => computeAgreement({ documentId: 'd', text: 42 } as unknown as AgreementInput)).toThrow(AppFailure);
      expect(() => computeAgreement({ documentId: 'd', text: '', annotations: [], annotators: [''] })).toThrow(/non-empty names/);
    });
  });

  describe('properties', () => {
    const text = 'Alpha beta gamma. Delta epsilon! Zeta eta theta? Iota kappa.\nLambda mu nu xi. Omicron pi rho.';
    const annotation = (annotators: string[]) =>
      fc.record({
        annotator: fc.constantFrom(...annotators),
        label: fc.constantFrom('fact', 'opinion', 'allegation'),
        start: fc.integer({ min: -3, max: text.length + 3 }),
        end: fc.integer({ min: -3, max: text.length + 3 }),
      });

    it('never yields NaN or Infinity and keeps coefficients in range', () => {
      fc.assert(
        fc.property(fc.array(annotation(['a', 'b', 'c']), { maxLength: 30 }), (annotations) => {
          const report = computeAgreement({ documentId: 'p', text, annotations });
          expectNoNaN(report);
          for (const v of [report.sentences.percentAgreement, ...report.spans.f1.flatMap((p) => [p.exact, p.overlap])]) {
            if (v !== null) expect(v >= 0 && v <= 1).toBe(true);
          }
          for (const v of [report.sentences.fleissKappa, report.sentences.krippendorffAlpha, ...report.sentences.cohenKappa.map((p) => p.value)]) {
            if (v !== null) expect(v).toBeLessThanOrEqual(1 + 1e-12);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('is 1 wherever defined when all annotators copy one another', () => {
      fc.assert(
        fc.property(fc.array(annotation(['a']), { maxLength: 15 }), fc.integer({ min: 2, max: 4 }), (annotations, m) => {
          const names = ['a', 'b', 'c', 'd'].slice(0, m);
          const report = computeAgreement({ documentId: 'p', text, annotations: names.flatMap((n) => copyFor(n, annotations)) });
          const values = [
            report.sentences.percentAgreement,
            report.sentences.fleissKappa,
            report.sentences.krippendorffAlpha,
            report.spans.alphaU,
            ...Object.values(report.spans.alphaUByLabel),
            ...report.sentences.cohenKappa.map((p) => p.value),
            ...report.spans.f1.flatMap((p) => [p.exact, p.overlap]),
          ];
          for (const v of values) if (v !== null) expect(v).toBeCloseTo(1, 9);
        }),
        { numRuns: 200 },
      );
    });

    it('gives pairwise measures that do not depend on the order of the pair', () => {
      fc.assert(
        fc.property(fc.array(annotation(['a', 'b']), { maxLength: 25 }), (annotations) => {
          const ab = computeAgreement({ documentId: 'p', text, annotations, annotators: ['a', 'b'] });
          const ba = computeAgreement({ documentId: 'p', text, annotations, annotators: ['b', 'a'] });
          expect(ba.sentences.cohenKappa[0].value).toBe(ab.sentences.cohenKappa[0].value);
          expect(ba.spans.f1[0].exact).toBe(ab.spans.f1[0].exact);
          expect(ba.spans.f1[0].overlap).toBe(ab.spans.f1[0].overlap);
          const close = (x: number | null, y: number | null): void => (x === null ? expect(y).toBeNull() : expect(y).toBeCloseTo(x, 12));
          close(ab.spans.alphaU, ba.spans.alphaU);
          close(ab.sentences.krippendorffAlpha, ba.sentences.krippendorffAlpha);
          close(ab.sentences.fleissKappa, ba.sentences.fleissKappa);
        }),
        { numRuns: 200 },
      );
    });
  });
});
