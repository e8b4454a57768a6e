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

const TERMINATORS = new Set(['.', '!', '?']);
const CLOSERS = new Set(['"', "'", ')', ']', '}', '\u201d', '\u2019', '\u00bb']);
export function isWhitespace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/u.test(ch);
}
const isLineBreak = (ch: string): boolean => ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';

export function splitSentences(text: string): SentenceRange[] {
  const sentences: SentenceRange[] = [];
  let start = 0;
  const emit = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isWhitespace(text[s])) s++;
    while (e > s && isWhitespace(text[e - 1])) e--;
    if (e > s) sentences.push({ start: s, end: e });
    start = end;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (isLineBreak(ch)) {
      emit(i);
      i++;
      continue;
    }
    if (!TERMINATORS.has(ch)) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && TERMINATORS.has(text[end])) end++;
    while (end < text.length && CLOSERS.has(text[end])) end++;
    if ((end === text.length || isWhitespace(text[end])) && endsSentence(text, i, end)) emit(end);
    i = end;
  }
  emit(text.length);
  return sentences;
}

/** The terminator run starts at `at` and, with closers, ends at `end` (followed by whitespace or the end). */
function endsSentence(text: string, at: number, end: number): boolean {
  if (text[at] === '.' && end - at === 1) {
    let w = at;
    while (w > 0 && !isWhitespace(text[w - 1]) && !'("\'\u201c\u2018['.includes(text[w - 1])) w--;
    const word = text.slice(w, at);
    if (ABBREVIATIONS.has(word.toLowerCase())) return false;
    if (/^(\p{L}\.)*\p{L}$/u.test(word) && word.length > 0) return false;
  }
  let n = end;
  while (n < text.length && isWhitespace(text[n]) && !isLineBreak(text[n])) n++;
  if (n < text.length && /\p{Ll}/u.test(text[n])) return false;
  return true;
}
