import type { ClaimtagApi } from '../../../shared/contract';

type Listing = ReturnType<ClaimtagApi['listAnnotations']>;
type Labels = ReturnType<ClaimtagApi['listLabels']>;

/**
 * What the workbench needs besides the text — the tag set and the document's annotations —
 * asked for at the moment the document is (rather than after its text has arrived and
 * rendered), so everything crosses from the library at once and tag keys work as soon as
 * the text shows.
 */
const started = new Map<string, { labels: Labels; annotations: Listing }>();

/** Starts loading what `documentId`'s workbench needs (replacing any earlier, possibly stale, request). */
export function prefetchWorkbench(api: ClaimtagApi, documentId: string): void {
  started.set(documentId, { labels: api.listLabels({}), annotations: api.listAnnotations({ documentId }) });
}

/** The prefetched requests for `documentId` if there are any (taken once), else fresh ones. */
export function takeWorkbench(api: ClaimtagApi, documentId: string): { labels: Labels; annotations: Listing } {
  const found = started.get(documentId);
  started.delete(documentId);
  return found ?? { labels: api.listLabels({}), annotations: api.listAnnotations({ documentId }) };
}
