// Positioned text of PDF pages → blocks in reading order. Pure: pdf-parse.ts feeds it what
// pdf.js extracts. A PDF has no paragraphs, only glyph runs at positions, so:
// - runs on one baseline form rows; rows split where a gap is wider than a gutter could be;
// - a vertical gutter that (almost) no row crosses splits a page into columns, read left
//   column then right, in bands between the rows that span the gutter (titles, figures);
// - rows repeated at the top or bottom of most pages (running heads, footers) and lone page
//   numbers there are dropped;
// - lines join into paragraphs until a larger gap, a change of size, an indent or a short
//   line that ends a sentence; a hyphen at a line's end before a lower-case letter is joined;
// - larger type becomes a heading, bullets and "1." list items.
import type { RawBlock } from './normalize-text';

/** One run of text as pdf.js reports it, in PDF user space (y grows upwards). */
export interface PdfTextRun {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size (the vertical scale of the text matrix). */
  size: number;
}

export interface PdfPageText {
  runs: PdfTextRun[];
  /** The page box: [left, bottom, right, top]. */
  box: [number, number, number, number];
}

interface Segment {
  x0: number;
  x1: number;
  y: number;
  size: number;
  text: string;
}

interface Line extends Segment {
  /** Left edge of the column the line belongs to. */
  columnLeft: number;
  columnRight: number;
}

/** A row repeated on at least this share of pages is a running head or footer. */
const REPEATED_SHARE = 0.5;
/** How many rows at the top and at the bottom of a page may be running heads or footers… */
const MARGIN_ROWS = 2;
/** …and within what share of the page's height from its top or bottom edge. */
const MARGIN_SHARE = 0.15;
const PAGE_NUMBER = /^(?:(?:page|p\.|seite|página|page)\s*)?(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:of|\/|von|de)\s*\d{1,5})?$/i;
const BULLET = /^[•◦▪▫●○■□‣⁃∙·\-–—*]\s+/;
/** "1." "2)" "a)" "(iv)": not "A. Smith" or "I. The court", which open sentences too. */
const NUMBERED = /^(?:\d{1,3}[.)]|[a-z]\)|\((?:\d{1,3}|[a-z]|[ivx]{1,5})\))\s+/;
const SENTENCE_END = /[.!?:;"”'’)\]]$/;
const LINE_END_HYPHEN = /[\p{L}][-\u00AD\u2010]$/u;

export function layoutPdfText(pages: readonly PdfPageText[]): RawBlock[] {
  const join = lineJoiner(pages);
  const pageRows = pages.map((page) => rowsOf(page.runs));
  const inMargin = pageRows.map((rows, index) => {
    const box = pages[index]?.box ?? [0, 0, 0, 0];
    const band = (box[3] - box[1]) * MARGIN_SHARE;
    return rows.map((row, i) => {
      const y = row[0]?.y ?? 0;
      return (i < MARGIN_ROWS || i >= rows.length - MARGIN_ROWS) && (y >= box[3] - band || y <= box[1] + band);
    });
  });
  const repeated = repeatedMarginRows(pageRows, inMargin);
  const blocks: RawBlock[] = [];
  let carry: Paragraph | undefined;
  for (const [index, rows] of pageRows.entries()) {
    const kept = rows.filter((row, i) => !(inMargin[index]?.[i] === true && isMarginNoise(row, repeated)));
    const page = pages[index];
    if (page === undefined) continue;
    const lines = readingOrder(kept.flat(), page.box);
    const paragraphs = paragraphsOf(lines, join);
    const first = paragraphs[0];
    // A paragraph cut by the page break continues on the next page.
    if (carry !== undefined && first !== undefined && continues(carry, first)) {
      carry.text = join(carry.text, first.text);
      paragraphs.shift();
    }
    if (carry !== undefined) blocks.push(toBlock(carry));
    carry = paragraphs.pop();
    for (const paragraph of paragraphs) blocks.push(toBlock(paragraph));
  }
  if (carry !== undefined) blocks.push(toBlock(carry));
  return classifyHeadings(blocks);
}

/** Runs on one baseline, left to right, split into segments at gutter-sized gaps. */
function rowsOf(runs: readonly PdfTextRun[]): Segment[][] {
  const visible = runs.filter((run) => run.text.trim() !== '' && Number.isFinite(run.x) && Number.isFinite(run.y) && run.size > 0);
  visible.sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfTextRun[][] = [];
  for (const run of visible) {
    const row = rows[rows.length - 1];
    const head = row?.[0];
    if (row !== undefined && head !== undefined && Math.abs(head.y - run.y) <= 0.4 * Math.min(head.size, run.size)) row.push(run);
    else rows.push([run]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const segments: Segment[] = [];
    let current: Segment | undefined;
    for (const run of row) {
      const gap = current === undefined ? 0 : run.x - current.x1;
      if (current === undefined || gap > 1.5 * Math.max(current.size, run.size)) {
        current = { x0: run.x, x1: run.x + run.width, y: run.y, size: run.size, text: run.text };
        segments.push(current);
        continue;
      }
      const needsSpace = gap > 0.15 * run.size && !/\s$/.test(current.text) && !/^\s/.test(run.text);
      current.text += (needsSpace ? ' ' : '') + run.text;
      current.x1 = Math.max(current.x1, run.x + run.width);
      current.size = Math.max(current.size, run.size);
    }
    return segments;
  });
}

function rowText(row: readonly Segment[]): string {
  return row.map((segment) => segment.text).join(' ').replace(/\s+/g, ' ').trim();
}

function signature(row: readonly Segment[]): string {
  return rowText(row).toLowerCase().replace(/\d+/g, '#');
}

/** Signatures of margin rows found on at least half the pages (two at least). */
function repeatedMarginRows(pageRows: readonly Segment[][][], inMargin: readonly boolean[][]): Set<string> {
  const pagesWith = new Map<string, number>();
  for (const [index, rows] of pageRows.entries()) {
    const seen = new Set<string>();
    for (const [i, row] of rows.entries()) {
      if (inMargin[index]?.[i] === true) seen.add(signature(row));
    }
    for (const key of seen) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(pageRows.length * REPEATED_SHARE));
  return new Set([...pagesWith].filter(([, count]) => count >= needed).map(([key]) => key));
}

function isMarginNoise(row: readonly Segment[], repeated: ReadonlySet<string>): boolean {
  return repeated.has(signature(row)) || PAGE_NUMBER.test(rowText(row));
}

/**
 * Segments in reading order. A gutter is an x in the middle half of the text that at most
 * a tenth of the segments cross while at least a fifth lie on each side; the page is then
 * read in bands separated by the segments that cross it, left column before right, and each
 * column may split again (three columns).
 */
function readingOrder(segments: readonly Segment[], box: PdfPageText['box'], depth = 0): Line[] {
  if (segments.length === 0) return [];
  const left = Math.min(...segments.map((s) => s.x0));
  const right = Math.max(...segments.map((s) => s.x1));
  const gutter = depth < 2 ? findGutter(segments, left, right) : undefined;
  if (gutter === undefined) return linesOf(segments, left, right);
  const ordered = [...segments].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: Line[] = [];
  let band: Segment[] = [];
  const flushBand = (): void => {
    const leftSide = band.filter((s) => s.x1 <= gutter);
    const rightSide = band.filter((s) => s.x0 >= gutter);
    lines.push(...readingOrder(leftSide, box, depth + 1), ...readingOrder(rightSide, box, depth + 1));
    band = [];
  };
  for (const segment of ordered) {
    if (segment.x0 < gutter && segment.x1 > gutter) {
      flushBand();
      lines.push(...linesOf([segment], left, right));
    } else {
      band.push(segment);
    }
  }
  flushBand();
  return lines;
}

function findGutter(segments: readonly Segment[], left: number, right: number): number | undefined {
  const width = right - left;
  if (width <= 0 || segments.length < 6) return undefined;
  let best: { x: number; crossing: number } | undefined;
  const step = Math.max(1, width / 200);
  for (let x = left + width * 0.25; x <= left + width * 0.75; x += step) {
    let crossing = 0;
    for (const s of segments) if (s.x0 < x && s.x1 > x) crossing++;
    if (best === undefined || crossing < best.crossing) best = { x, crossing };
  }
  if (best === undefined || best.crossing > segments.length * 0.1) return undefined;
  const x = best.x;
  const leftCount = segments.filter((s) => s.x1 <= x).length;
  const rightCount = segments.filter((s) => s.x0 >= x).length;
  if (leftCount < segments.length * 0.2 || rightCount < segments.length * 0.2) return undefined;
  // Both sides must hold lines on the same heights: otherwise it is one column of ragged text.
  const leftRows = new Set(segments.filter((s) => s.x1 <= x).map((s) => Math.round(s.y)));
  const shared = segments.filter((s) => s.x0 >= x && leftRows.has(Math.round(s.y))).length;
  return shared >= rightCount * 0.3 ? x : undefined;
}

/** One column's segments as lines, top to bottom (segments of one row joined). */
function linesOf(segments: readonly Segment[], columnLeft: number, columnRight: number): Line[] {
  const sorted = [...segments].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: Line[] = [];
  for (const segment of sorted) {
    const last = lines[lines.length - 1];
    if (last !== undefined && Math.abs(last.y - segment.y) <= 0.4 * Math.min(last.size, segment.size)) {
      last.text = `${last.text} ${segment.text}`;
      last.x1 = Math.max(last.x1, segment.x1);
      last.size = Math.max(last.size, segment.size);
    } else {
      lines.push({ ...segment, text: segment.text, columnLeft, columnRight });
    }
  }
  for (const line of lines) line.text = line.text.replace(/\s+/g, ' ').trim();
  return lines;
}

interface Paragraph {
  text: string;
  size: number;
  list: boolean;
}

function paragraphsOf(lines: readonly Line[], join: LineJoiner): Paragraph[] {
  const spacing = typicalLineSpacing(lines);
  const paragraphs: Paragraph[] = [];
  let previous: Line | undefined;
  let current: Paragraph | undefined;
  for (const line of lines) {
    const startsItem = BULLET.test(line.text) || NUMBERED.test(line.text);
    const gap = previous === undefined ? 0 : previous.y - line.y;
    const sameFlow =
      previous !== undefined &&
      current !== undefined &&
      previous.columnLeft === line.columnLeft &&
      gap > 0 &&
      gap <= spacing * 1.35 &&
      Math.abs(previous.size - line.size) <= 0.15 * previous.size &&
      !startsItem &&
      !(line.x0 > line.columnLeft + line.size * 1.2 && previous.x0 <= line.columnLeft + line.size * 0.5) &&
      !(SENTENCE_END.test(previous.text) && previous.x1 < previous.columnRight - (previous.columnRight - previous.columnLeft) * 0.15);
    if (sameFlow && current !== undefined) {
      current.text = join(current.text, line.text);
    } else {
      current = { text: line.text, size: line.size, list: startsItem };
      paragraphs.push(current);
    }
    previous = line;
  }
  return paragraphs;
}

/** The most common baseline distance between consecutive lines (body text). */
function typicalLineSpacing(lines: readonly Line[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    if (a === undefined || b === undefined) continue;
    const gap = Math.round((a.y - b.y) * 2) / 2;
    if (gap > 0 && gap < 4 * a.size) counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best: [number, number] | undefined;
  for (const entry of counts) if (best === undefined || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
  const fallback = (lines[0]?.size ?? 10) * 1.2;
  return best === undefined ? fallback : Math.max(best[0], fallback * 0.8);
}

type LineJoiner = (before: string, after: string) => string;

/**
 * Joins two lines of one paragraph: "infor-" + "mation" → "information", but "non-" +
 * "reversible" stays "non-reversible" when the document writes that word with its hyphen
 * elsewhere (inside a line, where no hyphenation happens).
 */
export function lineJoiner(pages: readonly PdfPageText[]): LineJoiner {
  const compounds = new Set<string>();
  for (const page of pages) {
    for (const run of page.runs) for (const match of run.text.matchAll(/\p{L}+-\p{L}+/gu)) compounds.add(match[0].toLowerCase());
  }
  return (before, after) => {
    if (!(LINE_END_HYPHEN.test(before) && /^\p{Ll}/u.test(after))) return `${before} ${after}`;
    const head = /\p{L}+[-\u00AD\u2010]$/u.exec(before)?.[0] ?? '';
    const tail = /^\p{L}+/u.exec(after)?.[0] ?? '';
    const keepsHyphen = before.endsWith('-') && compounds.has(`${head.slice(0, -1)}-${tail}`.toLowerCase());
    return keepsHyphen ? before + after : before.slice(0, -1) + after;
  };
}

function continues(previous: Paragraph, next: Paragraph): boolean {
  return !previous.list && !next.list && Math.abs(previous.size - next.size) <= 0.15 * previous.size && !SENTENCE_END.test(previous.text) && /^\p{Ll}/u.test(next.text);
}

function toBlock(paragraph: Paragraph): RawBlock & { size: number } {
  if (paragraph.list) return { kind: 'list-item', level: 1, text: paragraph.text.replace(BULLET, ''), size: paragraph.size };
  return { kind: 'paragraph', text: paragraph.text, size: paragraph.size };
}

/** Type clearly larger than the body text (the size most characters are set in) is a heading. */
function classifyHeadings(blocks: ReadonlyArray<RawBlock & { size?: number }>): RawBlock[] {
  const weight = new Map<number, number>();
  for (const block of blocks) if (block.size !== undefined) weight.set(Math.round(block.size), (weight.get(Math.round(block.size)) ?? 0) + block.text.length);
  let body = 0;
  let most = -1;
  for (const [size, chars] of weight) if (chars > most) [body, most] = [size, chars];
  return blocks.map(({ size, ...block }) => {
    if (size === undefined || block.kind !== 'paragraph' || block.text.length > 200 || body === 0) return block;
    if (size >= body * 1.6) return { kind: 'heading', level: 1, text: block.text };
    if (size >= body * 1.2) return { kind: 'heading', level: 2, text: block.text };
    return block;
  });
}
