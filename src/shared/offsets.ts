// The one place where UTF-16 offsets (JavaScript, our database, the renderer) and
// Unicode code point offsets (interchange files, Python, spaCy, W3C selectors) meet.

/** Is index `i` strictly inside a surrogate pair of `text` (between high and low half)? */
import { lowerBound, partitionPoint } from './sorted-search';
export function splitsSurrogatePair(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * Converts offsets in both directions for one text. Building it is O(n) once;
 * each conversion is O(log k) where k is the number of astral characters.
 */
export class OffsetConverter {
  /** UTF-16 index of every astral (surrogate-pair) character, ascending. */
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.astral.length;
  }

  /** Code point offset for a UTF-16 offset. Throws if it splits a surrogate pair. */
  toCodePoint(utf16: number): number {
    if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > this.utf16Length) {
      throw new RangeError(`offset ${utf16} is outside the text (0–${this.utf16Length})`);
    }
    // astral characters starting before utf16
    const k = lowerBound(this.astral, utf16);
    if (k > 0 && this.astral[k - 1] === utf16 - 1) {
      throw new RangeError(`offset ${utf16} splits a surrogate pair`);
    }
    return utf16 - k;
  }

  /** UTF-16 offset for a code point offset. */
  toUtf16(codePoint: number): number {
    if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > this.codePointLength) {
      throw new RangeError(`offset ${codePoint} is outside the text (0–${this.codePointLength})`);
    }
    // find the number k of astral chars whose code point index < codePoint
    // (astral[i] − i is the code point index of the i-th astral character)
    return codePoint + partitionPoint(this.astral.length, (i) => this.astral[i] - i < codePoint);
  }
}
