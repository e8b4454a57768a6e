// The similar-document check as it was before stored fingerprints (#14), kept as the reference
// the fingerprinted check is compared with: every document of the library, in list order, its
// text read and scored against the arriving text. Test code only.
import type { Library } from '../../src/core/store/library';
import { SIMILAR_TEXT, textSimilarity } from '../../src/core/similarity/text-similarity';

export interface OracleAnswer {
  id: string;
  title: string;
  score: number;
}

/** Our document whose text most resembles `text` (at least SIMILAR_TEXT), the first in list order among equal scores. */
export function mostSimilarAllPairs(library: Library, text: string, exclude: ReadonlySet<string> = new Set()): OracleAnswer | null {
  let best: OracleAnswer | null = null;
  for (const doc of library.documents.list()) {
    if (exclude.has(doc.id)) continue;
    const ours = library.documents.textOf(doc.id);
    if (Math.min(ours.length, text.length) / Math.max(ours.length, text.length) < SIMILAR_TEXT) continue;
    const score = textSimilarity(ours, text);
    if (score >= SIMILAR_TEXT && (!best || score > best.score)) best = { id: doc.id, title: doc.title, score };
  }
  return best;
}
