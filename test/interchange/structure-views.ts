// Test helpers (never imported by production code): a bundle's structure seen without the ids
// and times a format may not carry, so round trips compare what matters.
import { expect } from 'vitest';
import type { Result } from '../../src/shared/result';
import type { Bundle } from '../../src/shared/types';
import type { ParsedImport } from '../../src/core/interchange/types';

/** The parsed import; throws with the problems when it failed. Unless `allowRejected`, nothing may be left out. */
export function value(r: Result<ParsedImport>, allowRejected = false): ParsedImport {
  if (!r.ok) throw new Error(`${r.error.message}\n${(r.error.details ?? []).join('\n')}`);
  if (!allowRejected) expect(r.value.rejected).toEqual([]);
  return r.value;
}

/** Each live link as [annotator, kind, claim quote, target quote], sorted. */
export function relationView(bundle: Bundle): string[] {
  const byId = new Map(bundle.annotations.map((a) => [a.id, a]));
  return (bundle.relations ?? [])
    .filter((r) => r.deletedAt === null)
    .map((r) => JSON.stringify([byId.get(r.claimId)?.annotatorName, r.kind, byId.get(r.claimId)?.quote, byId.get(r.targetId)?.quote, byId.get(r.claimId)?.documentId === byId.get(r.targetId)?.documentId]))
    .sort();
}

/** Each annotation with attribute values as [annotator, label, quote, values with sorted keys], sorted. */
export function structuredClaims(bundle: Bundle): string[] {
  return bundle.annotations
    .filter((a) => a.deletedAt === null && a.attributes && Object.keys(a.attributes).length > 0)
    .map((a) => JSON.stringify([a.annotatorName, a.labelId, a.quote, Object.fromEntries(Object.entries(a.attributes ?? {}).sort(([x], [y]) => (x < y ? -1 : 1)))]))
    .sort();
}
