// The hand-written fast path for annotations must accept nothing annotationShape rejects (then
// zod reports the problems, so messages stay zod's), and must pass values through unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotationChecker, annotationShape, importClaimtagJson } from './claimtag-json-import';
import { IMPORT_LIMITS } from './limits';

const short = IMPORT_LIMITS.maxShortStringBytes;
const strings = fc.constantFrom(
  'd1', 'fact', 'Ayesha', '', ' ', '\t\n', 'x'.repeat(short), 'x'.repeat(short + 1), 'é'.repeat(short / 2), 'é'.repeat(short / 2 + 1),
  '😀'.repeat(short / 4 + 1), '\ud800', 'n'.repeat(IMPORT_LIMITS.maxNoteBytes), 'n'.repeat(IMPORT_LIMITS.maxNoteBytes + 1), '2025-06-02T10:00:00.000Z', '2025-06-02T10:00:00+02:00',
  '2025-02-29T10:00:00Z', '2024-02-29T10:00:00Z', '2025-06-02T10:00:00', '2025-06-02', 'yesterday', 'low', 'medium', 'high', 'certain', '6',
);
const values = fc.oneof(
  strings,
  fc.constantFrom(0, 1, 6, 12, -1, -0, 1.5, 2 ** 53, 2 ** 53 - 1, Number.NaN, Number.POSITIVE_INFINITY, null, true, false, undefined),
  fc.constantFrom([], {}, ['d1'], { id: 'x' }),
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -3, max: 40 }),
);
const KEYS = [...Object.keys(annotationShape.shape), 'colour', 'label ', 'Id'];
const annotations = fc.dictionary(fc.constantFrom(...KEYS), values, { maxKeys: 16 });
const valid = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== ''),
    document: fc.constant('d1'),
    annotator: fc.constantFrom('Ayesha', 'u1'),
    label: fc.constantFrom('fact', 'opinion'),
    start: fc.nat(1000),
    end: fc.nat(1000),
    quote: fc.string({ maxLength: 8 }),
    prefix: fc.string({ maxLength: 8 }),
    note: fc.string({ maxLength: 8 }),
    confidence: fc.constantFrom(null, 'low', 'medium', 'high'),
    createdAt: fc.date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  },
  { requiredKeys: ['document', 'label', 'start', 'end'] },
);

/** A valid annotation with one to three fields replaced (or an unknown key added) by an edge value. */
const nearlyValid = fc
  .tuple(valid, fc.array(fc.tuple(fc.constantFrom(...KEYS), values), { minLength: 1, maxLength: 3 }))
  .map(([raw, edits]) => Object.assign({ ...raw }, Object.fromEntries(edits)));

describe('claimtag JSON annotations: the fast path', () => {
  it('accepts only what annotationShape accepts, with the same values', () => {
    fc.assert(
      fc.property(fc.oneof({ arbitrary: nearlyValid, weight: 6 }, annotations, valid, fc.constantFrom(null, 'x', 3, [], [{}])), (raw) => {
        const fast = annotationChecker()(raw);
        const zod = annotationShape.safeParse(raw);
        if (fast !== null) {
          expect(zod.success).toBe(true);
          expect(fast).toEqual(zod.data);
        }
      }),
      { numRuns: 10_000, seed: 20261127 },
    );
  });

  it('takes the fast path for well-formed annotations', () => {
    fc.assert(
      fc.property(valid, (raw) => {
        expect(annotationChecker()(raw)).not.toBeNull();
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });

  it('reports through zod when the fast path declines, even after a date it had cached', () => {
    const text = JSON.stringify({
      format: 'claimtag',
      version: 1,
      documents: [{ id: 'd1', text: 'Ayesha said the talks failed.' }],
      annotations: [
        { document: 'd1', annotator: 'A', label: 'fact', start: 0, end: 6, createdAt: '2025-06-02T10:00:00Z', updatedAt: '2025-06-02T10:00:00Z' },
        { document: 'd1', annotator: 'A', label: 'fact', start: 0, end: 6, createdAt: '2025-06-02T10:00:00', note: 7 },
        { document: 'd1', annotator: ' ', label: 'fact', start: 0, end: 6, extra: 1 },
      ],
    });
    const r = importClaimtagJson(text, { partial: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.annotations).toHaveLength(1);
    expect(r.value.rejected).toEqual([
      { where: 'annotations[1].note', reason: 'Invalid input: expected string, received number' },
      { where: 'annotations[1].createdAt', reason: 'must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z' },
      { where: 'annotations[2].annotator', reason: 'must not be empty' },
      { where: 'annotations[2]', reason: 'Unrecognized key: "extra"' },
    ]);
  });
});
