// Test and bench fixture (never imported by production code): a colleague's claimtag JSON file of
// one long article ("Claim 0 was made. Claim 1 was made. …") with `n` annotations, one per claim.
import type { Annotation, Bundle } from '../../src/shared/types';
import { exportClaimtagJson } from '../../src/core/interchange/claimtag-json';
import { sha256Of } from '../../src/core/store/documents-repo';

export function colleagueFileJson(n: number): string {
  const text = Array.from({ length: n }, (_, i) => `Claim ${i} was made.`).join(' ');
  const createdAt = '2025-01-01T00:00:00.000Z';
  let at = 0;
  const annotations: Annotation[] = Array.from({ length: n }, (_, i) => {
    // each claim is "Claim i was made." followed by one space: offsets in one pass
    const start = at;
    const end = start + `Claim ${i}`.length;
    at += `Claim ${i} was made. `.length;
    return { id: `x${i}`, documentId: 'big', annotatorId: 'colleague', annotatorName: 'Colleague', labelId: 'fact', start, end, quote: text.slice(start, end), prefix: '', suffix: '', note: '', attribution: '', confidence: null, createdAt, updatedAt: createdAt, deletedAt: null };
  });
  const bundle: Bundle = { documents: [{ id: 'big', title: 'Big', source: '', text, sha256: sha256Of(text), blocks: [{ kind: 'paragraph', start: 0, end: text.length }], createdAt }], annotators: [{ id: 'colleague', name: 'Colleague' }], labels: [], annotations };
  return exportClaimtagJson(bundle, { generatedAt: createdAt });
}
