// Fingerprints an upgraded library in the background (#14): documents from before migration 11
// have no stored fingerprint, and the first import's similar check would otherwise hash them all
// (minutes at 10,000 articles). After the library opens, the writer lane fingerprints them
// FINGERPRINT_BATCH at a time (hashed outside the transaction that saves them, so the write lock
// is held for milliseconds: a tag is not kept waiting), handing its thread back between batches: a
// call that arrives (an import) is answered after at most the batch under way, and while a job
// runs on the lane the backfill waits (the import's own check completes what is still missing).
// Not a job: nothing is shown, and a library with nothing to fingerprint starts nothing at all.
import type { Library } from '../store/library';
import { fingerprintBatch, FINGERPRINT_BATCH } from './similar-documents';

/** How long the backfill waits before looking again while a job runs on its lane. */
export const BACKFILL_PAUSE_MS = 50;

export interface BackfillOptions {
  /** True while a job runs on this thread (import, restore, backup): the backfill waits. */
  busy: () => boolean;
  /** After each batch saved: the documents it fingerprinted. */
  onBatch?: (documents: number) => void;
  /** A batch failed for another reason than a closed library: the backfill stops (the next import's check does the rest). */
  onError?: (err: unknown) => void;
  batch?: number;
}

export interface Backfill {
  /** Stops after the batch under way (none runs after this returns: batches run between events). */
  stop(): void;
  /** Settles when the backfill has stopped: all fingerprinted, stopped, closed, or failed. */
  readonly ended: Promise<void>;
}

/** Starts fingerprinting `library`'s documents that lack a fingerprint; returns null when there are none (nothing is scheduled). */
export function startFingerprintBackfill(library: Library, options: BackfillOptions): Backfill | null {
  if (!library.documents.fingerprints.anyMissing()) return null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let immediate: ReturnType<typeof setImmediate> | null = null;
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const finish = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = immediate = null;
    end();
  };
  const step = () => {
    timer = immediate = null;
    if (stopped || !library.db.open) return finish();
    if (options.busy()) {
      timer = setTimeout(step, BACKFILL_PAUSE_MS);
      return;
    }
    let done: { read: number; saved: number };
    try {
      done = fingerprintBatch(library, options.batch ?? FINGERPRINT_BATCH);
    } catch (err) {
      if (library.db.open) options.onError?.(err);
      return finish();
    }
    if (done.read === 0) return finish();
    options.onBatch?.(done.saved);
    // setImmediate runs after the event loop's poll: a message that arrived during the batch is answered first
    immediate = setImmediate(step);
  };
  immediate = setImmediate(step);
  return { stop: finish, ended };
}
