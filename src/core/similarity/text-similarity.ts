// How alike two article texts are: the one home of the word shingles that both the exact score
// (textSimilarity) and the stored MinHash fingerprints (text-fingerprint.ts) are made of.

/**
 * The words of a text, lower-cased: runs of letters and digits. Lower-casing is
 * locale-independent (toLowerCase, not toLocaleLowerCase) so that fingerprints stored on one
 * machine match texts shingled on another; the two differ only under Turkish, Azeri and
 * Lithuanian casing rules.
 */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Words per shingle: a shingle is this many consecutive words of wordsOf(text) (the fingerprints hash the same windows). */
export const SHINGLE_WORDS = 3 as const;

/** Word 3-shingles of a text, case- and whitespace-insensitive ("the minister said", …). */
export function shingles(text: string): Set<string> {
  const words = wordsOf(text);
  const out = new Set<string>();
  // SHINGLE_WORDS words, written out: a template is twice as fast as slice + join
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/**
 * Jaccard similarity of two texts' word shingles, 0…1. Texts of fewer than three words have no
 * shingles: they are 1 when equal once trimmed, else 0.
 */
export function textSimilarity(a: string, b: string): number {
  return shingleSimilarity(shingles(a), shingles(b), a, b);
}

/** textSimilarity when the shingles of both texts are already at hand. */
export function shingleSimilarity(sa: ReadonlySet<string>, sb: ReadonlySet<string>, a: string, b: string): number {
  if (sa.size === 0 || sb.size === 0) return a.trim() === b.trim() ? 1 : 0;
  let both = 0;
  for (const s of sa) if (sb.has(s)) both++;
  return both / (sa.size + sb.size - both);
}

/**
 * At or above this similarity an arriving text is *shown* to the analyst as resembling one of
 * ours, so she can say whether it is the same article. It never makes them the same document.
 */
export const SIMILAR_TEXT = 0.8;

/**
 * Lengths (UTF-16 units) this far apart are not compared: the shorter is less than SIMILAR_TEXT
 * of the longer. A shortcut of the check, kept exactly as it was.
 */
export const lengthsTooFarApart = (a: number, b: number): boolean => Math.min(a, b) / Math.max(a, b) < SIMILAR_TEXT;
