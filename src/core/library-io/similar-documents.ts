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
    const n = fingerprintBatch(library, batch);
    if (n === 0) return done;
    done += n;
    job?.progress(0, null);
  }
}

/**
 * Fingerprints up to `batch` documents lacking a current fingerprint, in one short transaction
 * (IMMEDIATE: the texts are read under the write lock, so a document deleted or edited on
 * another connection meanwhile is never fingerprinted as it was); returns how many (0: none left).
 */
export function fingerprintBatch(library: Library, batch = FINGERPRINT_BATCH): number {
  return library.db
    .transaction(() => {
      const texts = library.documents.fingerprints.textsWithout(batch);
      for (const { id, text } of texts) library.documents.fingerprints.save(id, fingerprintOf(text));
      return texts.length;
    })
    .immediate();
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
