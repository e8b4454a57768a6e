// Stable identifiers for things that have no URL: urn:claimtag:<kind>:<percent-encoded id>.
export type UrnKind = 'document' | 'annotation' | 'annotator' | 'collection' | 'relation';

export const claimtagUrn = (kind: UrnKind, id: string): string => `urn:claimtag:${kind}:${encodeURIComponent(id)}`;

/** The id inside a claimtag URN of that kind, or null. */
export function parseClaimtagUrn(kind: UrnKind, urn: string): string | null {
  const prefix = `urn:claimtag:${kind}:`;
  if (!urn.startsWith(prefix)) return null;
  try {
    return decodeURIComponent(urn.slice(prefix.length));
  } catch {
    return null;
  }
}
