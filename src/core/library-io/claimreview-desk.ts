// The desk ClaimReview exports name as their author, kept with the library (settings table).
import { z } from 'zod';
import { DESK_LIMITS, type Desk } from '../../shared/export-formats';
import { CLAIMREVIEW_DESK_KEY } from '../store/setting-keys';
import type { Library } from '../store/library';

const stored = z.object({ name: z.string().trim().min(1).max(DESK_LIMITS.nameLength), url: z.string().max(DESK_LIMITS.urlLength).optional() });

/** The saved desk, or null when none was saved (or what is saved is unreadable). */
export function readClaimReviewDesk(library: Library): Desk | null {
  const raw = library.settings.get(CLAIMREVIEW_DESK_KEY);
  if (raw === null || raw === '') return null;
  try {
    const parsed = stored.safeParse(JSON.parse(raw));
    return parsed.success ? { name: parsed.data.name, ...(parsed.data.url ? { url: parsed.data.url } : {}) } : null;
  } catch {
    return null;
  }
}

/** Saves the desk (already validated at the boundary); null forgets it. */
export function writeClaimReviewDesk(library: Library, desk: Desk | null): Desk | null {
  library.settings.set(CLAIMREVIEW_DESK_KEY, desk === null ? '' : JSON.stringify({ name: desk.name, ...(desk.url ? { url: desk.url } : {}) }));
  return readClaimReviewDesk(library);
}
