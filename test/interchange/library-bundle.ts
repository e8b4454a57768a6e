// Test fixture (never imported by production code): a small "library" of six documents for
// the multi-document shape of every export — the sample (HTML in a title, overlaps, a deleted
// claim), the Unicode pair (CRLF, U+2028, three annotators), the structure article (sources,
// cues, every attribute type) and an article with no claims at all.
import type { Bundle } from '../../src/shared/types';
import { structureBundle } from './structure-bundle';
import { makeDocument, sampleBundle, unicodeBundle } from './test-bundle';

const firstById = <T extends { id: string }>(items: readonly T[]): T[] => [...new Map([...items].reverse().map((x) => [x.id, x])).values()].reverse();

export function libraryBundle(): Bundle {
  const parts = [sampleBundle(), unicodeBundle(), structureBundle()];
  const quiet = makeDocument('quiet-1', 'No claims here', 'Wire', 'A short article nobody tagged.\nSecond line.');
  return {
    documents: [...parts.flatMap((b) => b.documents), quiet],
    annotators: firstById(parts.flatMap((b) => b.annotators)),
    // The structure article's labels first: its fact label carries the rating scale ClaimReview needs.
    labels: firstById([...parts].reverse().flatMap((b) => b.labels)),
    annotations: parts.flatMap((b) => b.annotations),
    relations: parts.flatMap((b) => b.relations ?? []),
  };
}

/** The library `copies` times over, every id (document, claim, link) made unique per copy: many documents of every shape. */
export function manyDocumentsBundle(copies: number): Bundle {
  const base = libraryBundle();
  const docs = [];
  const annotations = [];
  const relations = [];
  for (let k = 0; k < copies; k++) {
    const id = (x: string) => `${x}~${k}`;
    docs.push(...base.documents.map((d) => ({ ...d, id: id(d.id), title: `${d.title} (${k})` })));
    annotations.push(...base.annotations.map((a) => ({ ...a, id: id(a.id), documentId: id(a.documentId) })));
    relations.push(...(base.relations ?? []).map((r) => ({ ...r, id: id(r.id), documentId: id(r.documentId), claimId: id(r.claimId), targetId: id(r.targetId) })));
  }
  return { ...base, documents: docs, annotations, relations };
}
