// CommonMark lets any ASCII punctuation be backslash-escaped, so escaping too much is harmless;
// escaping too little lets user text become links, images, HTML or headings.
const INLINE_SPECIALS = /[\\`*_{}[\]()<>#+!|~&"$]/g;

/** Escapes user text for use inside a Markdown paragraph, list item or table cell (one line). */
export function escapeMarkdownInline(text: string): string {
  return collapseLineBreaks(text).replace(INLINE_SPECIALS, (c) => `\\${c}`).replace(/^([-=]|\d+[.)])/, (m) => m.replace(/([-=.)])$/, '\\$1'));
}

/** Escapes possibly multi-line user text as a Markdown blockquote. */
export function markdownBlockquote(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const escaped = line
        .trimStart()
        .replace(INLINE_SPECIALS, (c) => `\\${c}`)
        .replace(/^([-=]|\d+[.)])/, (m) => m.replace(/([-=.)])$/, '\\$1'));
      return escaped === '' ? '>' : `> ${escaped}`;
    })
    .join('\n');
}

function collapseLineBreaks(text: string): string {
  return text.replace(/\s*(?:\r\n|\r|\n|\u2028|\u2029)\s*/g, ' ').trim();
}
