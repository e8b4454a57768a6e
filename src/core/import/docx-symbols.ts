// w:sym → the character Word shows. A symbol font's glyphs sit in the private use area
// (U+F020–U+F0FF, the font's byte plus F000); Word draws them from the font, so the text
// itself says nothing. The tables map Symbol (Adobe Symbol encoding) and the Wingdings
// glyphs analysts meet in documents (bullets, check boxes, arrows) to Unicode.

const SYMBOL_FONT: Readonly<Record<number, string>> = buildSymbolTable();

const WINGDINGS: Readonly<Record<number, string>> = {
  0x21: '✏', 0x22: '✂', 0x23: '✁', 0x28: '☎', 0x29: '✆', 0x2a: '✉', 0x36: '⌛', 0x37: '⌨', 0x3e: '✇', 0x3f: '✍',
  0x41: '✌', 0x42: '👌', 0x43: '👍', 0x44: '👎', 0x45: '☜', 0x46: '☞', 0x47: '☝', 0x48: '☟', 0x4a: '☺', 0x4b: '😐',
  0x4c: '☹', 0x4d: '💣', 0x4e: '☠', 0x4f: '⚐', 0x51: '✈', 0x52: '☼', 0x54: '❄', 0x56: '✞', 0x58: '✠', 0x59: '✡',
  0x5a: '☪', 0x5b: '☯', 0x5c: 'ॐ', 0x5d: '☸', 0x5e: '♈', 0x6c: '●', 0x6d: '❍', 0x6e: '■', 0x6f: '□', 0x70: '◻',
  0x71: '❑', 0x72: '❒', 0x73: '⬧', 0x74: '⧫', 0x75: '◆', 0x76: '❖', 0x77: '⬥', 0x78: '⌧', 0x79: '⍓', 0x7a: '⌘',
  0x7b: '❀', 0x7c: '✿', 0x7d: '❝', 0x7e: '❞', 0x80: '⓪', 0x81: '①', 0x82: '②', 0x83: '③', 0x84: '④', 0x85: '⑤',
  0x86: '⑥', 0x87: '⑦', 0x88: '⑧', 0x89: '⑨', 0x8a: '⑩', 0x8b: '⓿', 0x8c: '❶', 0x8d: '❷', 0x8e: '❸', 0x8f: '❹',
  0x9e: '·', 0x9f: '•', 0xa0: '▪', 0xa1: '○', 0xa2: '⭕', 0xa4: '◉', 0xa5: '◎', 0xa7: '▪', 0xa8: '◻', 0xaa: '✦',
  0xab: '★', 0xac: '✶', 0xad: '✴', 0xae: '✹', 0xaf: '✵', 0xb1: '⌖', 0xb2: '⟡', 0xb3: '⌑', 0xd5: '⌫', 0xd6: '⌦',
  0xd8: '➢', 0xdf: '⇦', 0xe0: '⇨', 0xe1: '⇧', 0xe2: '⇩', 0xe8: '➔', 0xef: '⇦', 0xf0: '⇨', 0xf1: '⇧', 0xf2: '⇩',
  0xf3: '⬄', 0xf4: '⇳', 0xfb: '✗', 0xfc: '✓', 0xfd: '☒', 0xfe: '☑',
};

function buildSymbolTable(): Record<number, string> {
  const table: Record<number, string> = {};
  // Printable ASCII that Symbol draws as itself.
  for (let byte = 0x20; byte <= 0x7e; byte++) table[byte] = String.fromCharCode(byte);
  const greekUpper = 'ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ';
  const greekLower = 'αβχδεφγηιϕκλμνοπθρστυϖωξψζ';
  for (let i = 0; i < 26; i++) {
    table[0x41 + i] = greekUpper[i] ?? '';
    table[0x61 + i] = greekLower[i] ?? '';
  }
  Object.assign(table, { 0x22: '∀', 0x24: '∃', 0x27: '∋', 0x2a: '∗', 0x2d: '−', 0x40: '≅', 0x5c: '∴', 0x5e: '⊥', 0x60: '‾', 0x7e: '∼' });
  const high = '€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊⟨®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪';
  [...high].forEach((char, i) => (table[0xa0 + i] = char));
  [...'⟩∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭'].forEach((char, i) => (table[0xf1 + i] = char));
  return table;
}

/**
 * The character of <w:sym w:font=… w:char=…>, or undefined when it is unknown (a symbol
 * font without a table here). Non-symbol fonts use Unicode directly; their F0xx codes are
 * the font's Latin-1 byte.
 */
export function symbolCharacter(font: string | undefined, charHex: string | undefined): string | undefined {
  if (charHex === undefined || !/^[0-9a-f]{1,4}$/i.test(charHex)) return undefined;
  const code = Number.parseInt(charHex, 16);
  const byte = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
  const name = (font ?? '').trim().toLowerCase();
  if (name === 'symbol') return SYMBOL_FONT[byte];
  if (name === 'wingdings') return WINGDINGS[byte];
  if (/^(?:wingdings 2|wingdings 3|webdings|marlett|zapf ?dingbats|mt extra)$/.test(name)) return undefined;
  if (code >= 0xf000 && code <= 0xf0ff) return byte >= 0x20 ? String.fromCharCode(byte) : undefined;
  return code >= 0x20 ? String.fromCharCode(code) : undefined;
}
