import { describe, expect, it } from 'vitest';
import { exceedsBytes, utf8ByteLength } from './limits';

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['😀', 4],
    ['\ud800', 3],
    ['\udc00', 3],
    ['a\ud83db', 5],
    ['\ude00\ud83d', 6],
    ['x\udbff', 4],
  ])('counts %j as %i bytes (a lone surrogate as U+FFFD)', (text, bytes) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });

  it('decides the caps at the exact byte', () => {
    expect(exceedsBytes('é'.repeat(50), 100)).toBe(false);
    expect(exceedsBytes('é'.repeat(50) + 'a', 100)).toBe(true);
    expect(exceedsBytes('😀'.repeat(25), 100)).toBe(false);
    expect(exceedsBytes('😀'.repeat(24) + '\ud800\ud800', 100)).toBe(true);
  });
});
