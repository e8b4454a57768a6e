// Turns each annotator's spans into one value per sentence, the units of the sentence-level
// coefficients. Rule: a sentence takes the label whose spans (of this annotator) cover the
// largest number of the sentence's non-whitespace code points, provided that is at least half
// of them; otherwise, and when nothing covers it, the value is "none". Ties between labels with
// equal cover of at least half (possible with nested or exactly halved sentences) go to the
// label that sorts first by code unit order — arbitrary but deterministic, and counted.

import type { SentenceRange } from './sentence-splitter';
import { isWhitespaceCode } from './sentence-splitter';
import type { LabeledSpan } from './span-f1';
import { upperBound } from '../../shared/sorted-search';

/** Category index of "no label" in `SentenceLabelling.ratings`. */
export const NONE = 0;

export interface SentenceLabelling {
  /** categories[0] is "no label"; label k is at index k + 1 of the sorted labels. */
  categories: string[];
  /** ratings[annotator][sentence] = category index */
  ratings: Int32Array[];
  /** Values decided by a label covering at least half but not all of a sentence. */
  partialCover: number;
  /** Values that became "none" although a label covered part (less than half) of the sentence. */
  belowHalfCover: number;
  /** Values decided by the alphabetical tie-break. */
  ties: number;
}

export function labelSentences(
  text: string,
  sentences: readonly SentenceRange[],
  spansByAnnotator: readonly (readonly LabeledSpan[])[],
  labels: readonly string[],
): SentenceLabelling {
  const nonWs = nonWhitespacePrefix(text);
  const S = sentences.length;
  const sentenceStarts = Int32Array.from(sentences, (s) => s.start);
  const sentenceEnds = Int32Array.from(sentences, (s) => s.end);
  const labelIndex = new Map(labels.map((label, k) => [label, k + 1]));
  const result: SentenceLabelling = { categories: ['none', ...labels], ratings: [], partialCover: 0, belowHalfCover: 0, ties: 0 };

  const cover = new Float64Array(S);
  const bestCover = new Float64Array(S);
  const bestLabel = new Int32Array(S);
  const tied = new Uint8Array(S);
  const touched = new Int32Array(S);
  for (const spans of spansByAnnotator) {
    bestCover.fill(0);
    bestLabel.fill(NONE);
    tied.fill(0);
    for (const [label, merged] of mergedSpansByLabel(spans)) {
      const category = labelIndex.get(label) ?? NONE;
      let touchedCount = 0;
      for (let k = 0; k < merged.length; k += 2) {
        const start = merged[k];
        const end = merged[k + 1];
        for (let s = upperBound(sentenceEnds, start); s < S && sentenceStarts[s] < end; s++) {
          const from = start > sentenceStarts[s] ? start : sentenceStarts[s];
          const to = end < sentenceEnds[s] ? end : sentenceEnds[s];
          if (cover[s] === 0) touched[touchedCount++] = s;
          cover[s] += nonWs[to] - nonWs[from];
        }
      }
      for (let t = 0; t < touchedCount; t++) {
        const s = touched[t];
        // Labels arrive sorted, so on equal cover the earlier label stays.
        if (cover[s] > bestCover[s]) {
          bestCover[s] = cover[s];
          bestLabel[s] = category;
          tied[s] = 0;
        } else if (cover[s] === bestCover[s] && cover[s] > 0) {
          tied[s] = 1;
        }
        cover[s] = 0;
      }
    }
    const ratings = new Int32Array(S);
    for (let s = 0; s < S; s++) {
      const size = nonWs[sentenceEnds[s]] - nonWs[sentenceStarts[s]];
      if (bestCover[s] > 0 && 2 * bestCover[s] >= size) {
        ratings[s] = bestLabel[s];
        if (bestCover[s] < size) result.partialCover++;
        if (tied[s]) result.ties++;
      } else {
        ratings[s] = NONE;
        if (bestCover[s] > 0) result.belowHalfCover++;
      }
    }
    result.ratings.push(ratings);
  }
  return result;
}

/** prefix[i] = number of non-whitespace code points in text[0, i). */
function nonWhitespacePrefix(text: string): Int32Array {
  const prefix = new Int32Array(text.length + 1);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isLowSurrogate = c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    if (!isLowSurrogate && !isWhitespaceCode(c)) count++;
    prefix[i + 1] = count;
  }
  return prefix;
}

/** Per label (sorted), the union of the spans as disjoint ranges, flattened [start0, end0, start1, …]. */
function mergedSpansByLabel(spans: readonly LabeledSpan[]): Array<[string, Int32Array]> {
  const byLabel = new Map<string, LabeledSpan[]>();
  for (const span of spans) {
    const list = byLabel.get(span.label);
    if (list) list.push(span);
    else byLabel.set(span.label, [span]);
  }
  const out: Array<[string, Int32Array]> = [];
  for (const label of [...byLabel.keys()].sort()) {
    const list = byLabel.get(label) ?? [];
    const sorted = isSortedByStart(list) ? list : [...list].sort((x, y) => x.start - y.start);
    const merged = new Int32Array(2 * sorted.length);
    let n = 0;
    for (const { start, end } of sorted) {
      if (n > 0 && start <= merged[n - 1]) {
        if (end > merged[n - 1]) merged[n - 1] = end;
      } else {
        merged[n++] = start;
        merged[n++] = end;
      }
    }
    out.push([label, merged.subarray(0, n)]);
  }
  return out;
}

function isSortedByStart(spans: readonly LabeledSpan[]): boolean {
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].start) return false;
  return true;
}

/** First index whose value is greater than `value`. */
