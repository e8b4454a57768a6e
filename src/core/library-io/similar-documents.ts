// The similar-document check of an import (#14): which of our documents an arriving text most
// resembles, from the stored fingerprints. SQL names the documents sharing a band with the
// arriving text (text-fingerprint.ts); only their texts are read and scored exactly, so the
// answer — the document shown and its score — is the one comparing with every text gave.
import type { JobControl } from '../jobs/job-runner';
import type { Library } from '../store/library';
import { fingerprintOf, type TextFingerprint } from '../similarity/text-fingerprint';
import { lengthsTooFarApart, shingles, shingleSimilarity, SIMILAR_TEXT } from '../similarity/text-similarity';

/** Documents fingerprinted per transaction when filling in an upgraded library (~30,000 characters each: well under a second). */
export const FINGERPRINT_BATCH = 50;

/**
 * Fingerprints every document that lacks a current fingerprint (a library from before
 * migration 11, or rows written behind the repository's back), FINGERPRINT_BATCH documents per
 * transaction so other work interleaves and what is done stays done. Sees a cancel between
 * batches, and tells the job it is busy after each (progress without a total: the import's own
 * progress counts annotations, and its title stays the file's). Returns how many documents it
 * fingerprinted.
 */
export function fingerprintMissing(library: Library, job?: Pick<JobControl, 'progress' | 'check'>, batch = FINGERPRINT_BATCH): number {
  let done = 0;
  for (;;) {
    job?.check();
    const { read, saved } = fingerprintBatch(library, batch);
    if (read === 0) return done;
    done += saved;
    job?.progress(0, null);
  }
}

/**
 * Fingerprints up to `batch` documents lacking a current fingerprint. The texts are read and
 * hashed outside any transaction; only the saving takes the write lock (one short IMMEDIATE
 * transaction), and saves a fingerprint only for a document still there with the text hashed and
 * still without one — a document deleted or edited on another connection meanwhile is left for a
 * later batch. `read` 0: none was missing.
 */
export function fingerprintBatch(library: Library, batch = FINGERPRINT_BATCH): { read: number; saved: number } {
  const fingerprints = library.documents.fingerprints;
  const texts = fingerprints.textsWithout(batch);
  if (texts.length === 0) return { read: 0, saved: 0 };
  const hashed = texts.map(({ id, text }) => ({ id, text, fingerprint: fingerprintOf(text) }));
  const saved = library.db
    .transaction(() => {
      let n = 0;
      for (const { id, text, fingerprint } of hashed) {
        if (!fingerprints.stillWithout(id, text)) continue;
        fingerprints.save(id, fingerprint);
        n++;
      }
      return n;
    })
    .immediate();
  return { read: texts.length, saved };
}

export interface SimilarFound {
  id: string;
  title: string;
  text: string;
  /** Exact similarity (textSimilarity), at least SIMILAR_TEXT. */
  score: number;
}

/** An arriving text, shingled and fingerprinted once for the check and for storing. */
export interface ArrivingText {
  text: string;
  fingerprint: TextFingerprint;
  shingles: Set<string>;
}

export const arriving = (text: string): ArrivingText => ({ text, fingerprint: fingerprintOf(text), shingles: shingles(text) });

/**
 * Our document whose text most resembles `text` (at least SIMILAR_TEXT), to show the analyst;
 * the first in list order among equal scores. Documents in `exclude` (added by the same import)
 * are not compared. Reads only the texts of documents sharing a band with `text`; every document
 * must have its fingerprint (fingerprintMissing).
 */
export function mostSimilarDocument(library: Library, text: ArrivingText, exclude: ReadonlySet<string>): SimilarFound | null {
  let best: SimilarFound | null = null;
  for (const candidate of library.documents.similarCandidates(text.fingerprint)) {
    if (exclude.has(candidate.id)) continue;
    const ours = library.documents.textOf(candidate.id);
    // Lengths far apart cannot reach the threshold; skip the shingling.
    if (lengthsTooFarApart(ours.length, text.text.length)) continue;
    const score = shingleSimilarity(shingles(ours), text.shingles, ours, text.text);
    if (score >= SIMILAR_TEXT && (!best || score > best.score)) best = { id: candidate.id, title: candidate.title, text: ours, score };
  }
  return best;
}
