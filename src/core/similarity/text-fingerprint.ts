// A MinHash fingerprint of a text's word 3-shingles (text-similarity.ts), stored per document, so
// the similar-document check of an import asks SQL which documents *may* resemble an arriving
// text instead of reading every text of the library (issue #14).
//
// Signature: HASHES minima, one per hash function, over the 32-bit hashes of the distinct
// shingles. For two texts with shingle sets of Jaccard similarity J, each minimum agrees with
// probability J (for min-wise independent hashing, which these seeded mixers approximate).
// Banding (LSH): the signature is cut into BANDS bands of ROWS minima; each band is stored as one
// bucket number, and two texts are candidates when they share a bucket in any band:
//   P(candidate) = 1 − (1 − J^ROWS)^BANDS.
// With 32 bands of 4 rows: J = 0.8 → 1 − 4.8·10⁻⁸; J = 0.9 → 1 − 1.2·10⁻¹³; J = 0.5 → 0.873;
// J = 0.3 → 0.23; J = 0.05 → 2·10⁻⁴ (unrelated articles: a few candidates at 10,000).
// A candidate's exact similarity is then computed from the two texts, so the check's answer is
// the all-pairs answer unless a pair at or above SIMILAR_TEXT shares no band (≤ 4.8·10⁻⁸ per pair).
// Texts without shingles (fewer than three words) are similar only when equal once trimmed: their
// one bucket is the trimmed text's hash, so such pairs are always candidates.
//
// Everything here is a pure, well-defined function of the text (seeded integer hashes, no
// Math.random): the same text gives the same fingerprint on every machine and every run.
import { SHINGLE_WORDS, wordsOf } from './text-similarity';

/** Stored with each fingerprint: a fingerprint of another scheme is recomputed, never compared. */
export const FINGERPRINT_SCHEME = 1;
export const HASHES = 128;
export const BANDS = 32;
export const ROWS = HASHES / BANDS;

/** Probability that two texts whose shingle sets have Jaccard similarity `j` share a band. */
export const candidateProbability = (j: number): number => 1 - (1 - j ** ROWS) ** BANDS;

export interface TextFingerprint {
  /** HASHES minima (empty for a text without shingles). */
  signature: Uint32Array;
  /** One bucket per band (53-bit integers, exact in SQLite and JavaScript); one for a text without shingles. */
  buckets: number[];
}

/** MurmurHash3's 32-bit finaliser: a bijection on 32 bits with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 units of `s`, started from `seed`, then finalised: 32 bits. */
function stringHash(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** The HASHES seeds: a fixed sequence (splitmix-style), the same everywhere. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(HASHES);
  let x = 0x2545f491;
  for (let i = 0; i < HASHES; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    seeds[i] = fmix32(x);
  }
  return seeds;
})();

/** A band's minima as one 53-bit bucket number (the band's index is mixed in, so bands never share buckets). */
function bucketOf(band: number, values: ArrayLike<number>): number {
  let hi = fmix32(Math.imul(band + 1, 0x9e3779b1));
  let lo = fmix32(Math.imul(band + 1, 0x85ebca77) ^ 0x5bd1e995);
  for (let i = 0; i < values.length; i++) {
    hi = fmix32(hi ^ values[i]);
    lo = fmix32(Math.imul(lo ^ values[i], 0xcc9e2d51) ^ (lo >>> 15));
  }
  return (hi >>> 11) * 0x1_0000_0000 + lo;
}

/**
 * The 32-bit hashes of a text's distinct shingles — the same shingles as textSimilarity's (the
 * same words, SHINGLE_WORDS at a time), hashed from their words' hashes rather than built as
 * strings: a 1 MB article's 170,000 shingle strings cost more than the whole signature.
 */
export function shingleHashes(text: string): Set<number> {
  const words = wordsOf(text);
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHashes[i] = stringHash(words[i], 0);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < SHINGLE_WORDS; k++) {
      h = Math.imul(h ^ wordHashes[i + k], 0x5bd1e995);
      h ^= h >>> 15;
    }
    out.add(fmix32(h));
  }
  return out;
}

/** The fingerprint of a text, from the same shingles as textSimilarity. */
export function fingerprintOf(text: string): TextFingerprint {
  const set = shingleHashes(text);
  if (set.size === 0) {
    const trimmed = text.trim();
    return { signature: new Uint32Array(0), buckets: [bucketOf(BANDS, [stringHash(trimmed, 1), stringHash(trimmed, 2)])] };
  }
  const minima = new Uint32Array(HASHES).fill(0xffffffff);
  for (const x of set) {
    for (let i = 0; i < HASHES; i++) {
      // fmix32(x ^ SEEDS[i]), written out: this loop is the signature's cost
      let v = x ^ SEEDS[i];
      v ^= v >>> 16;
      v = Math.imul(v, 0x85ebca6b);
      v ^= v >>> 13;
      v = Math.imul(v, 0xc2b2ae35);
      v = (v ^ (v >>> 16)) >>> 0;
      if (v < minima[i]) minima[i] = v;
    }
  }
  const buckets: number[] = [];
  for (let b = 0; b < BANDS; b++) buckets.push(bucketOf(b, minima.subarray(b * ROWS, (b + 1) * ROWS)));
  return { signature: minima, buckets };
}

/** The signature as stored: HASHES × 4 bytes, little-endian. */
export function signatureBytes(signature: Uint32Array): Buffer {
  const bytes = Buffer.alloc(signature.length * 4);
  signature.forEach((v, i) => bytes.writeUInt32LE(v, i * 4));
  return bytes;
}
