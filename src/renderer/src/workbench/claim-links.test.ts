import { describe, expect, it } from 'vitest';
import type { Relation } from '../../../shared/claim-structure';
import type { Annotation, Label } from '../../../shared/types';
import { ClaimtagStore } from '../store/claimtag-store';
import { candidatesFor, labelsFor, linksOf, liveRelations, outlinedSpans, roleOf } from './claim-links';

const label = (id: string, role?: Label['role'], archived = false): Label => ({ id, name: id, color: '#2f7d4f', shortcut: '', definition: '', archived, sortOrder: 0, ...(role ? { role } : {}) });
const LABELS = [label('fact'), label('source', 'source'), label('cue', 'cue'), label('old-source', 'source', true)];
const span = (id: string, labelId: string, start: number, annotatorId = 'me'): Annotation => ({
  id,
  documentId: 'd1',
  annotatorId,
  annotatorName: annotatorId,
  labelId,
  start,
  end: start + 5,
  quote: id,
  prefix: '',
  suffix: '',
  note: '',
  attribution: '',
  confidence: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
});
const link = (id: string, claimId: string, targetId: string, kind: Relation['kind'], deletedAt: string | null = null): Relation => ({
  id,
  documentId: 'd1',
  annotatorId: 'me',
  annotatorName: 'me',
  kind,
  claimId,
  targetId,
  createdAt: '2026-01-01T00:00:00.000Z',
  deletedAt,
});

// Two claims backed by one source (the source comes first in the text), one cue, a removed link.
const A = [span('claim-1', 'fact', 0), span('dar', 'source', 20), span('said', 'cue', 30), span('claim-2', 'fact', 50), span('his-source', 'source', 70, 'bilal')];
const R = [link('r1', 'claim-1', 'dar', 'source'), link('r2', 'claim-1', 'said', 'cue'), link('r3', 'claim-2', 'dar', 'source'), link('r4', 'claim-2', 'said', 'cue', '2026-01-02T00:00:00.000Z')];

describe('reading the claim structure', () => {
  it('tells a claim its source and cue, and a source the claims it backs', () => {
    const claim = linksOf(A[0], R, A);
    expect(claim.sources.map((s) => s.annotation.id)).toEqual(['dar']);
    expect(claim.cues.map((s) => s.annotation.id)).toEqual(['said']);
    expect(claim.claims).toEqual([]);
    // one source backs two claims; the removed cue link of claim-2 is not counted
    expect(linksOf(A[1], R, A).claims.map((c) => c.annotation.id)).toEqual(['claim-1', 'claim-2']);
    expect(linksOf(A[2], R, A).claims.map((c) => c.annotation.id)).toEqual(['claim-1']);
    expect(linksOf(null, R, A)).toEqual({ sources: [], cues: [], claims: [] });
  });

  it('hides a link while one of its ends is deleted, and shows it again once the end is back', () => {
    const withoutSource = A.filter((a) => a.id !== 'dar');
    expect(liveRelations(R, withoutSource).map((r) => r.id)).toEqual(['r2']);
    expect(linksOf(A[0], R, withoutSource).sources).toEqual([]);
    expect(liveRelations(R, A).map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });

  it('outlines what the focused span links to, by kind', () => {
    expect(outlinedSpans(linksOf(A[0], R, A)).map((o) => [o.annotation.id, o.kind])).toEqual([
      ['dar', 'source'],
      ['said', 'cue'],
    ]);
    expect(outlinedSpans(linksOf(A[1], R, A)).map((o) => o.kind)).toEqual(['claim', 'claim']);
  });

  it('offers only her own spans of the kind’s labels, and only active labels to mark new ones', () => {
    expect(candidatesFor('source', 'me', A, LABELS).map((a) => a.id)).toEqual(['dar']);
    expect(candidatesFor('cue', 'me', A, LABELS).map((a) => a.id)).toEqual(['said']);
    expect(labelsFor(LABELS, 'source').map((l) => l.id)).toEqual(['source']);
    expect(roleOf(LABELS, 'fact')).toBe('claim');
    expect(roleOf(LABELS, 'cue')).toBe('cue');
    expect(roleOf(LABELS, 'gone')).toBe('claim');
  });
});

describe('relations in the store', () => {
  it('keeps the open document’s live links: a link made is added, a removed one dropped, another document’s ignored', () => {
    const store = new ClaimtagStore();
    store.openDocument('d1');
    store.setRelations('d1', R);
    expect(store.getSnapshot().open!.relations.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
    store.applyRelation({ ...R[0], deletedAt: '2026-01-03T00:00:00.000Z' });
    store.applyRelation(link('r5', 'claim-2', 'said', 'cue'));
    store.applyRelation({ ...link('r6', 'x', 'y', 'source'), documentId: 'd2' });
    expect(store.getSnapshot().open!.relations.map((r) => r.id)).toEqual(['r2', 'r3', 'r5']);
    store.openDocument('d2');
    expect(store.getSnapshot().open!.relations).toEqual([]);
  });
});
