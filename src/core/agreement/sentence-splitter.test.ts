import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentence-splitter';

const split = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('splits at . ! ? followed by whitespace and at line breaks', () => {
    expect(split('One two. Three four! Five six? Seven\nEight nine.')).toEqual(['One two.', 'Three four!', 'Five six?', 'Seven', 'Eight nine.']);
  });

  it('keeps abbreviations, initials and dotted acronyms inside the sentence', () => {
    expect(split('Mr. Smith met Dr. Jones in the U.S. Congress on Jan. 5. J. R. Doe, e.g. here, agreed.')).toEqual([
      'Mr. Smith met Dr. Jones in the U.S. Congress on Jan. 5.',
      'J. R. Doe, e.g. here, agreed.',
    ]);
  });

  it('does not split before a lower-case word, inside numbers or without following whitespace', () => {
    expect(split('Prices rose 3.5 percent. wait, that is odd...really.')).toEqual(['Prices rose 3.5 percent. wait, that is odd...really.']);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    expect(split('He said "No." She left.) Then (Yes!) Done.')).toEqual(['He said "No."', 'She left.)', 'Then (Yes!)', 'Done.']);
  });

  it('trims whitespace, drops empty sentences and handles the empty text', () => {
    expect(split('  \n\n  Hello.   \r\n  ')).toEqual(['Hello.']);
    expect(splitSentences('')).toEqual([]);
  });
});
