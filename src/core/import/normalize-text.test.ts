import { describe, expect, it } from 'vitest';
import { assembleBlocks, normalizeInline, normalizeText, plainTextToBlocks, sha256 } from './normalize-text';

describe('normalizeText', () => {
  it('unifies line endings, strips BOM, trims trailing spaces and collapses blank lines', () => {
    expect(normalizeText('\uFEFFone  \r\ntwo\rthree\n\n\n\nfour\t \n\n')).toBe('one\ntwo\nthree\n\nfour');
  });

  it('composes to NFC', () => {
    expect(normalizeText('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('turns tabs and no-break spaces into spaces but keeps other typographic spaces', () => {
    expect(normalizeText('a\tb\u00a0c\u202fd\u2009e')).toBe('a b c\u202fd\u2009e');
  });

  it('removes control characters but keeps ZWNJ, ZWJ and bidi marks', () => {
    expect(normalizeText('a\u0007b\u001bc\u0085d')).toBe('abcd');
    const persian = 'می\u200Cخواهم \u200F(نقل)\u200E';
    expect(normalizeText(persian)).toBe(persian);
  });

  it('treats U+2028, U+2029 and form feed as line breaks', () => {
    expect(normalizeText('a\u2028b\u2029c\fd')).toBe('a\nb\nc\nd');
  });

  it('replaces lone surrogates and keeps valid pairs', () => {
    expect(normalizeText('x\uD800y\uDC00z 😀')).toBe('x\uFFFDy\uFFFDz 😀');
  });
});

describe('plainTextToBlocks and assembleBlocks', () => {
  it('makes one paragraph per non-empty line, joined by exactly one LF', () => {
    const { text, blocks } = assembleBlocks(plainTextToBlocks('  First line \r\n\r\n\r\n\tSecond\n   \nThird'));
    expect(text).toBe('First line\nSecond\nThird');
    expect(blocks).toEqual([
      { kind: 'paragraph', start: 0, end: 10 },
      { kind: 'paragraph', start: 11, end: 17 },
      { kind: 'paragraph', start: 18, end: 23 },
    ]);
  });

  it('keeps line breaks out of blocks and clamps levels', () => {
    const { text, blocks } = assembleBlocks([
      { kind: 'heading', level: 9, text: 'A\nB' },
      { kind: 'list-item', level: 0, text: ' item ' },
      { kind: 'paragraph', text: '   ' },
    ]);
    expect(text).toBe('A B\nitem');
    expect(blocks).toEqual([
      { kind: 'heading', level: 6, start: 0, end: 3 },
      { kind: 'list-item', level: 1, start: 4, end: 8 },
    ]);
  });

  it('counts offsets in UTF-16 code units', () => {
    const { text, blocks } = assembleBlocks([{ kind: 'paragraph', text: '😀👍🏽' }, { kind: 'paragraph', text: 'é' }]);
    expect(blocks[1]).toEqual({ kind: 'paragraph', start: 7, end: 8 });
    expect(text.slice(7, 8)).toBe('é');
  });

  it('normalizeInline removes every line break', () => {
    expect(normalizeInline('a\r\nb\u2028c\n')).toBe('a b c');
  });
});

describe('sha256', () => {
  it('hashes the UTF-8 bytes of the text', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
