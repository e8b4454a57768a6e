import { describe, expect, it } from 'vitest';
import type { CompareSpan } from '../../shared/compare';
import { buildConfusion, matchSpans } from './confusion';
import { buildDifferences, groupPlaces } from './differences';

let n = 0;
const span = (annotatorId: string, labelId: string, start: number, end: number): CompareSpan => ({
  annotationId: `x${n++}`,
  annotatorId,
  annotatorName: annotatorId.toUpperCase(),
  labelId,
  start,
  end,
  quote: '',
});

describe('places and kinds', () => {
  it('groups spans connected by overlap, keeps touching spans apart', () => {
    const places = groupPlaces([span('a', 'fact', 0, 5), span('b', 'fact', 4, 9), span('c', 'fact', 8, 12), span('a', 'fact', 12, 14)]);
    expect(places.map((p) => [p.start, p.end, p.spans.length])).toEqual([
      [0, 12, 3],
      [12, 14, 1],
    ]);
  });

  it('classifies agreement, label conflict, boundary conflict and missed', () => {
    const ids = ['a', 'b'];
    const diffs = buildDifferences(
      [
        span('a', 'fact', 0, 10),
        span('b', 'fact', 0, 10), // agreement
        span('a', 'fact', 20, 30),
        span('b', 'opinion', 20, 30), // label conflict
        span('a', 'fact', 40, 50),
        span('b', 'fact', 42, 50), // boundary conflict
        span('b', 'allegation', 60, 70), // missed by a
      ],
      ids,
    );
    expect(diffs.map((d) => [d.id, d.kind])).toEqual([
      ['0-10-agreement', 'agreement'],
      ['20-30-label-conflict', 'label-conflict'],
      ['40-50-boundary-conflict', 'boundary-conflict'],
      ['60-70-missed', 'missed'],
    ]);
    expect(diffs.every((d) => !d.settled)).toBe(true);
  });

  it('mixed cases: a miss wins over other conflicts; boundary wins over label', () => {
    const ids = ['a', 'b', 'c'];
    const [missedAndLabel] = buildDifferences([span('a', 'fact', 0, 10), span('b', 'opinion', 0, 10)], ids);
    expect(missedAndLabel.kind).toBe('missed');
    expect(missedAndLabel.spans.map((s) => s.annotatorId)).toEqual(['a', 'b']);
    const [boundaryAndLabel] = buildDifferences([span('a', 'fact', 0, 10), span('b', 'opinion', 0, 10), span('c', 'fact', 0, 9)], ids);
    expect(boundaryAndLabel.kind).toBe('boundary-conflict');
    // nested spans of one annotator count as a set of extents
    const [nested] = buildDifferences(
      [span('a', 'fact', 0, 10), span('a', 'opinion', 2, 4), span('b', 'opinion', 2, 4), span('b', 'fact', 0, 10)],
      ['a', 'b'],
    );
    expect(nested.kind).toBe('agreement');
  });

  it('ids stay the same when recomputed and spans are listed in annotator order', () => {
    const spans = [span('b', 'fact', 5, 9), span('a', 'fact', 5, 9)];
    const once = buildDifferences(spans, ['a', 'b']);
    const again = buildDifferences([...spans].reverse(), ['a', 'b']);
    expect(again.map((d) => d.id)).toEqual(once.map((d) => d.id));
    expect(once[0].spans.map((s) => s.annotatorId)).toEqual(['a', 'b']);
  });

  it('handles hundreds of annotators', () => {
    const ids = Array.from({ length: 300 }, (_, k) => `n${k}`);
    const spans = ids.flatMap((id, k) => [span(id, 'fact', 0, 10), span(id, k % 2 ? 'fact' : 'opinion', 20, 30)]);
    const diffs = buildDifferences(spans, ids);
    expect(diffs.map((d) => d.kind)).toEqual(['agreement', 'label-conflict']);
    expect(buildConfusion(diffs, ids, ['fact', 'opinion'], 50).pairs).toEqual([]);
  });
});

describe('confusion matrix', () => {
  it('matches exact extents first, then by overlap, one to one; the rest against none', () => {
    const a = [span('a', 'fact', 0, 10), span('a', 'opinion', 20, 30)];
    const b = [span('b', 'opinion', 0, 10), span('b', 'opinion', 22, 28), span('b', 'fact', 25, 35)];
    const { matched, restA, restB } = matchSpans(a, b);
    expect(matched.map(([x, y]) => [x.start, y.start])).toEqual([
      [0, 0],
      [20, 22],
    ]);
    expect(restA).toEqual([]);
    expect(restB.map((s) => s.start)).toEqual([25]);
  });

  it('counts per label pair with the differences behind each cell', () => {
    const ids = ['a', 'b', 'c'];
    const diffs = buildDifferences(
      [
        span('a', 'fact', 0, 10),
        span('b', 'fact', 0, 10),
        span('c', 'fact', 0, 10),
        span('a', 'fact', 20, 30),
        span('b', 'opinion', 20, 30),
        span('a', 'opinion', 40, 45),
        span('c', 'allegation', 50, 60),
      ],
      ids,
    );
    const m = buildConfusion(diffs, ids, ['fact', 'opinion', 'allegation'], 50);
    expect(m.labels).toEqual(['fact', 'opinion', 'allegation', 'none']);
    expect(m.pairs.map((p) => [p.a, p.b])).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    const ab = m.pairs[0];
    expect(ab.counts).toEqual([
      [1, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(ab.differenceIds[0][1]).toEqual(['20-30-missed']);
    expect(ab.differenceIds[1][3]).toEqual(['40-45-missed']);
    const bc = m.pairs[2];
    expect(bc.counts[3][2]).toBe(1);
    expect(bc.counts[1][3]).toBe(1);
  });
});
