// Checks shared by all importers: is a document text acceptable, and do a span's code point
// offsets, quote and context agree with it?
import { createHash } from 'node:crypto';
import { OffsetConverter, splitsSurrogatePair } from '../../shared/offsets';
import { IMPORT_LIMITS, exceedsBytes, formatBytes } from './limits';

export interface TextTarget {
  ref: string;
  text: string;
  offsets: OffsetConverter;
}

export const textTarget = (ref: string, text: string): TextTarget => ({ ref, text, offsets: new OffsetConverter(text) });

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** UTF-16 index of the first unpaired surrogate, or -1. Such text is not valid Unicode and cannot be saved as UTF-8. */
export function findUnpairedSurrogate(text: string): number {
  // Native and several times faster than the loop on a long text; the loop finds where.
  if ((text as { isWellFormed?: () => boolean }).isWellFormed?.() === true) return -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/** Why a document text cannot be imported, or null. */
export function documentTextProblem(text: string, sha256?: string): string | null {
  if (text.length === 0) return 'the document text is empty';
  if (exceedsBytes(text, IMPORT_LIMITS.maxDocumentTextBytes)) {
    return `the document text is larger than ${formatBytes(IMPORT_LIMITS.maxDocumentTextBytes)}`;
  }
  const bad = findUnpairedSurrogate(text);
  if (bad >= 0) return `the document text contains an unpaired surrogate (U+${text.charCodeAt(bad).toString(16).toUpperCase()}) at UTF-16 index ${bad}; it is not valid Unicode`;
  if (sha256 !== undefined && sha256Hex(text) !== sha256) return 'sha256 does not match the text (was the text edited after export?)';
  return null;
}

export interface SpanInput {
  /** Code point offsets from the file, end exclusive. */
  start: number;
  end: number;
  quote?: string;
  prefix?: string;
  suffix?: string;
}

export type SpanResult = { ok: true; start: number; end: number; quote: string } | { ok: false; reason: string };

/** Converts a span to UTF-16 offsets after checking it against the text. */
export function resolveSpan(target: TextTarget, span: SpanInput): SpanResult {
  const { start, end } = span;
  const { text, offsets } = target;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { ok: false, reason: `offsets must be whole numbers (got ${start}, ${end})` };
  if (start < 0 || end > offsets.codePointLength) {
    return { ok: false, reason: `offsets ${start}–${end} are outside the text (0–${offsets.codePointLength} code points)` };
  }
  if (start >= end) return { ok: false, reason: `start (${start}) must be before end (${end})` };
  const s16 = offsets.toUtf16(start);
  const e16 = offsets.toUtf16(end);
  // Unreachable for well-formed code point offsets; kept because a wrong span here would corrupt the store.
  if (splitsSurrogatePair(text, s16) || splitsSurrogatePair(text, e16)) return { ok: false, reason: `offsets ${start}–${end} split a surrogate pair` };
  const actual = text.slice(s16, e16);
  if (span.quote !== undefined && span.quote !== actual) {
    const utf16Hint = text.slice(start, end) === span.quote ? '; the offsets look like UTF-16 code units, but they must be Unicode code points' : '';
    return { ok: false, reason: `quote ${preview(span.quote)} does not match the text at ${start}–${end} (${preview(actual)})${utf16Hint}` };
  }
  if (span.prefix !== undefined && !text.slice(0, s16).endsWith(span.prefix)) return { ok: false, reason: `prefix ${preview(span.prefix)} does not match the text before the span` };
  if (span.suffix !== undefined && !text.startsWith(span.suffix, e16)) return { ok: false, reason: `suffix ${preview(span.suffix)} does not match the text after the span` };
  return { ok: true, start: s16, end: e16, quote: actual };
}

/** A short JSON-quoted excerpt for error messages. */
export function preview(text: string, max = 40): string {
  const chars = Array.from(text);
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max).join('')}…` : text);
}

/** Why a label id read from a file cannot be used, or null: no control characters (NUL …), not "__proto__". */
export function labelIdProblem(id: string, what = 'label'): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(id)) return `${what} ${preview(id)} holds a control character`;
  if (id === '__proto__') return `${what} "__proto__" cannot be a label id`;
  return null;
}
