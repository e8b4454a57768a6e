import type { ClaimtagApi } from '../../../shared/contract';

type Listing = ReturnType<ClaimtagApi['listAnnotations']>;
type Labels = ReturnType<ClaimtagApi['listLabels']>;

/** How many annotations (in reading order) come first: more than any first screen shows. */
export const HEAD_LIMIT = 500;

export interface OpeningRequests {
  labels: Labels;
  /** The first HEAD_LIMIT annotations in reading order (all of them when fewer). */
  head: Listing;
}

/**
 * What the workbench needs besides the text — the tag set and the first annotations — asked
 * for at the moment the document is (rather than after its text has arrived and rendered),
 * so it all crosses from the library at once and the first screen shows with its highlights
 * and working tag keys; the rest of a long list is asked for once the text is on screen.
 */
const started = new Map<string, OpeningRequests>();

export function openingRequests(api: ClaimtagApi, documentId: string): OpeningRequests {
  return { labels: api.listLabels({}), head: api.listAnnotations({ documentId, limit: HEAD_LIMIT }) };
}

/** Starts loading what `documentId`'s workbench needs (replacing any earlier, possibly stale, request). */
export function prefetchWorkbench(api: ClaimtagApi, documentId: string): void {
  started.set(documentId, openingRequests(api, documentId));
}

/** The prefetched requests for `documentId` if there are any (taken once), else fresh ones. */
export function takeWorkbench(api: ClaimtagApi, documentId: string): OpeningRequests {
  const found = started.get(documentId);
  started.delete(documentId);
  return found ?? openingRequests(api, documentId);
}
