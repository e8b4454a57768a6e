import { describe, expect, it } from 'vitest';
import { articleText, editedCopy, vocabulary } from '../../../test/similarity/edited-texts';
import { BANDS, candidateProbability, FINGERPRINT_SCHEME, fingerprintOf, HASHES, ROWS, shingleHashes, signatureBytes } from './text-fingerprint';
import { shingles, textSimilarity } from './text-similarity';

const vocab = vocabulary();

describe('text fingerprints', () => {
  it('make a pair at the threshold a candidate with probability above 0.99999 (32 bands of 4 rows)', () => {
    expect([HASHES, BANDS, ROWS]).toEqual([128, 32, 4]);
    expect(candidateProbability(0.8)).toBeGreaterThan(0.99999);
    expect(1 - candidateProbability(0.8)).toBeCloseTo(4.75e-8, 9);
    expect(candidateProbability(0.05)).toBeLessThan(0.0003); // unrelated articles rarely are
  });

  it('are the same on every machine and run: stored fingerprints stay comparable (change the hashing → bump FINGERPRINT_SCHEME)', () => {
    const fp = fingerprintOf('The minister said the bridge was finished on time. Auditors say it opened two years late.');
    expect(FINGERPRINT_SCHEME).toBe(1);
    expect(fp.buckets).toHaveLength(BANDS);
    expect(signatureBytes(fp.signature).subarray(0, 16).toString('hex')).toBe(GOLDEN_SIGNATURE_START);
    expect(fp.buckets.slice(0, 2)).toEqual(GOLDEN_BUCKETS);
    for (const b of fp.buckets) expect(Number.isSafeInteger(b) && b >= 0).toBe(true);
  });

  it('are made of the very shingles textSimilarity compares (hashed from their words)', () => {
    const base = articleText(9, 400, vocab);
    for (const [i, rate] of [0, 0.02, 0.1, 0.4].entries()) {
      const copy = editedCopy(base, rate, 30 + i, vocab);
      const [ha, hb] = [shingleHashes(base), shingleHashes(copy)];
      expect(ha.size).toBe(shingles(base).size);
      const both = [...ha].filter((h) => hb.has(h)).length;
      expect(both / (ha.size + hb.size - both)).toBe(textSimilarity(base, copy));
    }
  });

  it('depend on the shingles only: case, spacing and punctuation do not change them', () => {
    const text = articleText(3, 200, vocab);
    expect(fingerprintOf(text.toUpperCase().replace(/ /g, ' \n ').replace(/\./g, '!'))).toEqual(fingerprintOf(text));
  });

  it('agree minimum by minimum about as often as the texts are similar', () => {
    const base = articleText(5, 600, vocab);
    for (const rate of [0.01, 0.03, 0.08]) {
      const copy = editedCopy(base, rate, 17, vocab);
      const a = fingerprintOf(base).signature;
      const b = fingerprintOf(copy).signature;
      const agree = a.filter((v, i) => v === b[i]).length / HASHES;
      expect(Math.abs(agree - textSimilarity(base, copy)), `rate ${rate}`).toBeLessThan(0.15);
    }
  });

  it('of a text of fewer than three words is one bucket, the same for texts equal once trimmed', () => {
    expect(shingles('Ceasefire agreed').size).toBe(0);
    const fp = fingerprintOf('  Ceasefire agreed\n');
    expect(fp.signature).toHaveLength(0);
    expect(fp.buckets).toEqual(fingerprintOf('Ceasefire agreed').buckets);
    expect(fp.buckets).toHaveLength(1);
    expect(fingerprintOf('ceasefire agreed').buckets).not.toEqual(fp.buckets);
  });
});

/** Recorded from scheme 1 (a change here means every stored fingerprint is stale: bump FINGERPRINT_SCHEME). */
const GOLDEN_SIGNATURE_START = 'cd2347047c44140641298721f5d2900c';
const GOLDEN_BUCKETS = [341592586045120, 4320155245549661];
