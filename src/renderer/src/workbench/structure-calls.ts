// TEMPORARY (rel-ui, #20): the calls the renderer expects rel-core to add to the contract for
// relations and attribute values. Replaced by the contract's own methods once they land.

import type { ClaimtagApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { Annotation } from '../../../shared/types';
import type { Relation } from '../../../shared/claim-structure';

export interface StructureApi {
  listRelations(input: { documentId: string }): Promise<Result<Relation[]>>;
  linkAnnotations(input: { claimId: string; targetId: string }): Promise<Result<Relation>>;
  unlinkAnnotations(input: { id: string }): Promise<Result<Relation>>;
  /** One attribute's value; null clears it. */
  setAnnotationAttribute(input: { id: string; key: string; value: string | string[] | null }): Promise<Result<Annotation>>;
}

export const structureApi = (api: ClaimtagApi): StructureApi => api as unknown as StructureApi;

/** Why a link cannot be kept as evidence, or null. */
export function evidenceUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'That is not a web address. Paste a full link starting with https://.';
  }
  if (url.protocol !== 'https:') return 'Only https: links can be kept as evidence.';
  if (url.username || url.password || !url.hostname) return 'That link cannot be kept: it has no host or carries a password.';
  return null;
}
