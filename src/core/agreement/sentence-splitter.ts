// A deterministic sentence splitter for news prose. Rules, in order:
// 1. A line break always ends a sentence.
// 2. '.', '!' or '?' (a run of them, e.g. "?!" or "...") followed by optional closing quotes or
//    brackets ends a sentence when whitespace or the end of the text follows, except
//    a. after a known abbreviation ("Mr.", "Dr.", "e.g.", "Jan.", …; case-insensitive),
//    b. after a dotted acronym or initial ("U.S.", "J."), i.e. a word of single letters each
//       followed by a period — so "in the U.S. Congress" stays whole, at the price of not
//       splitting after "U.S." at a real sentence end,
//    c. when the next word starts with a lower-case letter (a sentence does not).
// Sentences are trimmed of surrounding whitespace; empty ones are dropped.
// Offsets are UTF-16, end exclusive.

export interface SentenceRange {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'ft', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm',
    'gov', 'sen', 'rep', 'rev', 'hon', 'pres', 'supt', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'bros', 'dept', 'univ',
    'no', 'nos', 'vol', 'fig', 'approx', 'est', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
    'nov', 'dec', 'e.g', 'i.e', 'cf', 'al', 'a.m', 'p.m',
  ],
);

const isTerminator = (c: number): boolean => c === 0x2e || c === 0x21 || c === 0x3f; // . ! ?
const CLOSERS = new Set([0x22, 0x27, 0x29, 0x5d, 0x7d, 0x201d, 0x2019, 0xbb]); // " ' ) ] } ” ’ »
const isLineBreak = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

export function isWhitespaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff || c === 0x85;
}

export const isWhitespace = (ch: string): boolean => isWhitespaceCode(ch.charCodeAt(0));

export function splitSentences(text: string): SentenceRange[] {
  const sentences: SentenceRange[] = [];
  let start = 0;
  const emit = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isWhitespaceCode(text.charCodeAt(s))) s++;
    while (e > s && isWhitespaceCode(text.charCodeAt(e - 1))) e--;
    if (e > s) sentences.push({ start: s, end: e });
    start = end;
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) {
      emit(i);
      i++;
      continue;
    }
    if (!isTerminator(c)) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && isTerminator(text.charCodeAt(end))) end++;
    while (end < text.length && CLOSERS.has(text.charCodeAt(end))) end++;
    if ((end === text.length || isWhitespaceCode(text.charCodeAt(end))) && endsSentence(text, i, end)) emit(end);
    i = end;
  }
  emit(text.length);
  return sentences;
}

/** The terminator run starts at `at` and, with closers, ends at `end` (followed by whitespace or the end). */
function endsSentence(text: string, at: number, end: number): boolean {
  if (text[at] === '.' && end - at === 1) {
    let w = at;
    while (w > 0 && at - w < 40 && !isWhitespace(text[w - 1]) && !'("\'\u201c\u2018['.includes(text[w - 1])) w--;
    const word = text.slice(w, at);
    if (ABBREVIATIONS.has(word.toLowerCase())) return false;
    if (/^(\p{L}\.)*\p{L}$/u.test(word) && word.length > 0) return false;
  }
  let n = end;
  while (n < text.length && isWhitespaceCode(text.charCodeAt(n)) && !isLineBreak(text.charCodeAt(n))) n++;
  if (n < text.length && /\p{Ll}/u.test(text[n])) return false;
  return true;
}
