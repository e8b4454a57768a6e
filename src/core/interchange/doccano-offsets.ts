// What a doccano offset counts, by version (read from doccano's frontend and v-annotator):
// - doccano ≤ 1.4: code points (the old view split the text with [...text]);
// - doccano ≥ 1.5 (v-annotator): UTF-16 code units, the browser's string indices;
// - doccano ≥ 1.5 with the project's "grapheme mode" on: grapheme clusters, as counted by the
//   grapheme-splitter package v-annotator uses.
// The server stores whatever integers it is given, so the file's unit is the view's unit.
import GraphemeSplitter from 'grapheme-splitter';
import { OffsetConverter, splitsSurrogatePair } from '../../shared/offsets';

export const DOCCANO_OFFSET_UNITS = ['utf16', 'grapheme', 'codepoint'] as const;
export type DoccanoOffsetUnit = (typeof DOCCANO_OFFSET_UNITS)[number];
export const DEFAULT_DOCCANO_OFFSET_UNIT: DoccanoOffsetUnit = 'utf16';

/** Converts between our UTF-16 offsets and one doccano unit, for one text. */
export class DoccanoOffsets {
  private readonly codePoints: OffsetConverter | null;
  /** UTF-16 index where each grapheme starts, plus the text length (grapheme mode only). */
  private readonly graphemeStarts: number[] | null;

  constructor(
    private readonly text: string,
    readonly unit: DoccanoOffsetUnit,
  ) {
    this.codePoints = unit === 'codepoint' ? new OffsetConverter(text) : null;
    if (unit === 'grapheme') {
      const starts = [0];
      for (const g of new GraphemeSplitter().splitGraphemes(text)) starts.push(starts[starts.length - 1] + g.length);
      this.graphemeStarts = starts;
    } else this.graphemeStarts = null;
  }

  /** Length of the text in this unit. */
  get length(): number {
    if (this.graphemeStarts) return this.graphemeStarts.length - 1;
    return this.codePoints ? this.codePoints.codePointLength : this.text.length;
  }

  /** A UTF-16 offset (at a grapheme boundary in grapheme mode) in this unit, or null when it falls inside a grapheme. */
  fromUtf16(i: number): number | null {
    if (this.codePoints) return this.codePoints.toCodePoint(i);
    if (this.graphemeStarts) {
      const g = binarySearch(this.graphemeStarts, i);
      return g < 0 ? null : g;
    }
    return i;
  }

  /** An offset in this unit as UTF-16, or null when it is outside the text or splits a character. */
  toUtf16(n: number): number | null {
    if (!Number.isSafeInteger(n) || n < 0 || n > this.length) return null;
    if (this.codePoints) return this.codePoints.toUtf16(n);
    if (this.graphemeStarts) return this.graphemeStarts[n];
    return splitsSurrogatePair(this.text, n) ? null : n;
  }
}

function binarySearch(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === x) return mid;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** JSON with every non-ASCII character as a \uXXXX escape: doccano's "Auto" encoding (chardet) then reads it right. */
export const asciiJson = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
