import { describe, expect, it } from 'vitest';
import type { Annotation, DocumentSummary } from '../../../shared/types';
import { ClaimtagStore } from './claimtag-store';

const ME = { id: 'me', name: 'Ayesha' };
const row = (id: string, annotatorId: string, labelId: string, start = 0): Annotation => ({
  id,
  documentId: 'd1',
  annotatorId,
  annotatorName: annotatorId === 'me' ? 'Ayesha' : 'Bilal',
  labelId,
  start,
  end: start + 4,
  quote: 'text',
  prefix: '',
  suffix: '',
  note: '',
  attribution: '',
  confidence: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
});
const summary = (id: string, counts: Record<string, number>): DocumentSummary => ({ id, title: id, source: '', sha256: '', length: 100, createdAt: '', counts, doneBy: [] });

function storeWithOpenDocument(): ClaimtagStore {
  const store = new ClaimtagStore();
  store.setMe(ME);
  store.setDocuments([summary('d1', { fact: 1 }), summary('d2', { opinion: 4 })]);
  store.openDocument('d1');
  store.setAnnotations('d1', [row('mine-1', 'me', 'fact', 0), row('his-1', 'bilal', 'fact', 10)], true);
  store.setLayers({
    documentId: 'd1',
    blind: null,
    doneByMe: false,
    hidden: false,
    hiddenLayers: 0,
    layers: [
      { annotatorId: 'me', name: 'Ayesha', kind: 'mine', count: 1 },
      { annotatorId: 'bilal', name: 'Bilal', kind: 'colleague', count: 1 },
    ],
  });
  return store;
}

describe('ClaimtagStore: rows the core returned keep her figures right without a refetch', () => {
  it('counts a new tag of hers in the library list and her layer, in reading order', () => {
    const store = storeWithOpenDocument();
    const before = store.getSnapshot();
    store.upsertAnnotation(row('mine-2', 'me', 'opinion', 5));
    const after = store.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.documents[0].counts).toEqual({ fact: 1, opinion: 1 });
    expect(after.documents[1]).toBe(before.documents[1]);
    expect(after.open!.annotations.map((a) => a.id)).toEqual(['mine-1', 'mine-2', 'his-1']);
    expect(after.open!.layers!.layers[0].count).toBe(2);
  });

  it('moves a count when she relabels, and drops it when she deletes', () => {
    const store = storeWithOpenDocument();
    store.upsertAnnotation({ ...row('mine-1', 'me', 'allegation', 0) });
    expect(store.getSnapshot().documents[0].counts).toEqual({ allegation: 1 });
    store.dropAnnotation(row('mine-1', 'me', 'allegation', 0));
    expect(store.getSnapshot().documents[0].counts).toEqual({});
    expect(store.getSnapshot().open!.layers!.layers[0].count).toBe(0);
  });

  it("never counts another layer's rows in her figures", () => {
    const store = storeWithOpenDocument();
    store.upsertAnnotation(row('his-2', 'bilal', 'fact', 20));
    expect(store.getSnapshot().documents[0].counts).toEqual({ fact: 1 });
    expect(store.getSnapshot().open!.layers!.layers[0].count).toBe(1);
  });

  it('ignores rows of a document that is no longer open', () => {
    const store = storeWithOpenDocument();
    store.openDocument('d2');
    store.upsertAnnotation(row('late', 'me', 'fact'));
    expect(store.getSnapshot().open).toMatchObject({ documentId: 'd2', annotations: [] });
    expect(store.getSnapshot().documents[0].counts).toEqual({ fact: 1 });
  });

  it('tells subscribers once per change, and remembers which layers she shows', () => {
    const store = storeWithOpenDocument();
    let told = 0;
    const stop = store.subscribe(() => told++);
    store.toggleLayer('bilal', true);
    stop();
    store.toggleLayer('bilal', false);
    expect(told).toBe(1);
    expect([...store.getSnapshot().shownLayers]).toEqual([]);
    store.toggleLayer('bilal', true);
    store.openDocument('d2');
    expect([...store.getSnapshot().shownLayers]).toEqual([]);
  });

  it('replaces the open rows when work arrives from outside, and says so with a new revision', () => {
    const store = storeWithOpenDocument();
    const layers = store.getSnapshot().open!.layers!;
    store.replaceFromOutside('d1', [row('mine-1', 'me', 'fact'), row('his-1', 'bilal', 'fact', 10), row('new', 'bilal', 'opinion', 30)], layers);
    expect(store.getSnapshot().open).toMatchObject({ revision: 1, loaded: true });
    expect(store.getSnapshot().open!.annotations).toHaveLength(3);
  });
});
