// WordprocessingML → blocks. Pure and synchronous; import-docx.ts runs it in a worker.
// Paragraph kinds: headings from styles Heading1..6 / Title (or an outline level), list
// items from numbering (w:numPr, directly or through the style), quotes from Quote styles.
import { AppFailure } from '../../shared/result';
import type { BlockKind } from '../../shared/types';
import { DEFAULT_ZIP_LIMITS, ZipArchive, type ZipLimits } from './docx-zip';
import type { ParsedContent } from './imported-document';
import type { RawBlock } from './normalize-text';
import { MAX_IMPORT_TEXT_CHARS } from './import-limits';
import { symbolCharacter } from './docx-symbols';
import { walkXml, type XmlElement } from './safe-xml';

const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const WORDPROCESSING = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
/** Subtrees whose text is not part of the current document: deleted or moved-away runs, old formatting. */
const SKIPPED = new Set(['del', 'moveFrom', 'pPrChange', 'rPrChange', 'sectPrChange', 'tblPrChange', 'trPrChange', 'tcPrChange', 'numberingChange']);
const DUBLIN_CORE = 'http://purl.org/dc/elements/1.1/';
const OFFICE_DOCUMENT_REL = /\/officeDocument$/;

interface StyleInfo {
  name: string;
  basedOn?: string;
  outlineLevel?: number;
  numbered: boolean;
  numberingLevel?: number;
}

interface OpenParagraph {
  segments: string[];
  current: string;
  styleId?: string;
  numId?: string;
  numberingLevel?: number;
  outlineLevel?: number;
}

/** Most text one Word document may hold (import-limits.ts). */
export const MAX_DOCX_TEXT_CHARS = MAX_IMPORT_TEXT_CHARS;

export function parseDocx(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  /** Progress reports, e.g. "read word/document.xml" or "parsed 16 MiB of word/document.xml". */
  onProgress?: (phase: string) => void,
  maxTextChars = MAX_DOCX_TEXT_CHARS,
): ParsedContent {
  const zip = ZipArchive.open(bytes, limits);
  const readPart = (name: string): Uint8Array | undefined => {
    if (!zip.has(name)) return undefined;
    const xml = zip.read(name);
    onProgress?.(`read ${name}`);
    return xml;
  };

  const mainPart = findMainPart(readPart('_rels/.rels'), zip);
  const directory = mainPart.includes('/') ? mainPart.slice(0, mainPart.lastIndexOf('/') + 1) : '';
  const styles = parseStyles(readPart(`${directory}styles.xml`));
  const related = relatedParts(readPart(`${directory}_rels/${mainPart.slice(directory.length)}.rels`), directory, zip);
  const documentXml = readPart(mainPart);
  if (documentXml === undefined) {
    throw new AppFailure({ code: 'unsupported', message: 'This file is a ZIP archive but not a Word document (.docx).' });
  }
  const budget = { chars: 0, max: maxTextChars };
  const body = parseDocument(documentXml, mainPart, styles, budget, undefined, (bytesParsed) =>
    onProgress?.(`parsed ${Math.round(bytesParsed / (1024 * 1024))} MiB of ${mainPart}`),
  );
  const blocks = [...body.blocks];
  const counts = { ...body.counts };
  // Notes after the body, in the order of their first reference, each opening with its mark.
  for (const kind of ['footnote', 'endnote'] as const) {
    const labels = body.noteLabels[kind];
    const part = related[kind];
    if (labels.size === 0 || part === undefined) continue;
    const xml = readPart(part);
    if (xml === undefined) continue;
    const notes = parseDocument(xml, part, styles, budget, { kind, labels });
    for (const id of labels.keys()) blocks.push(...(notes.notes.get(id) ?? []));
    counts.hiddenChars += notes.counts.hiddenChars;
    counts.unknownSymbols += notes.counts.unknownSymbols;
  }
  const warnings = [...body.warnings, ...leftOutWarnings(related, readPart, counts)];
  const coreTitle = parseCoreTitle(readPart('docProps/core.xml'));
  const firstHeading = blocks.find((block) => block.kind === 'heading' && block.text.trim() !== '');
  const title = coreTitle ?? firstHeading?.text;
  return title === undefined ? { blocks, warnings } : { blocks, warnings, title };
}

const RELATIONSHIP_KIND: ReadonlyArray<[RegExp, keyof RelatedParts]> = [
  [/\/footnotes$/, 'footnote'],
  [/\/endnotes$/, 'endnote'],
  [/\/comments$/, 'comments'],
  [/\/header$/, 'headers'],
  [/\/footer$/, 'footers'],
];

interface RelatedParts {
  footnote?: string;
  endnote?: string;
  comments?: string;
  headers: string[];
  footers: string[];
}

/** Parts the main document points to (notes, comments, headers, footers), as archive paths. */
function relatedParts(relsXml: Uint8Array | undefined, directory: string, zip: ZipArchive): RelatedParts {
  const parts: RelatedParts = { headers: [], footers: [] };
  const resolve = (target: string): string => {
    const joined = target.startsWith('/') ? target.slice(1) : `${directory}${target}`;
    const out: string[] = [];
    for (const piece of joined.split('/')) {
      if (piece === '..') out.pop();
      else if (piece !== '.' && piece !== '') out.push(piece);
    }
    return out.join('/');
  };
  if (relsXml !== undefined) {
    walkXml(relsXml, 'document relationships', {
      open(element) {
        if (element.local !== 'Relationship' || element.attr('TargetMode') === 'External') return;
        const type = element.attr('Type') ?? '';
        const target = element.attr('Target');
        const kind = RELATIONSHIP_KIND.find(([pattern]) => pattern.test(type))?.[1];
        if (kind === undefined || target === undefined) return;
        const path = resolve(target);
        if (!zip.has(path)) return;
        if (kind === 'headers' || kind === 'footers') parts[kind].push(path);
        else parts[kind] ??= path;
      },
    });
  }
  for (const kind of ['footnote', 'endnote', 'comments'] as const) {
    const fallback = `${directory}${kind === 'comments' ? 'comments' : `${kind}s`}.xml`;
    if (parts[kind] === undefined && zip.has(fallback)) parts[kind] = fallback;
  }
  return parts;
}

interface LeftOutCounts {
  hiddenChars: number;
  unknownSymbols: number;
}

/** One warning naming what Word shows or keeps that is not in the imported text. */
function leftOutWarnings(related: RelatedParts, readPart: (name: string) => Uint8Array | undefined, counts: LeftOutCounts): string[] {
  const missing: string[] = [];
  const comments = related.comments === undefined ? 0 : countElements(readPart(related.comments), related.comments, 'comment');
  if (comments > 0) missing.push(comments === 1 ? '1 comment' : `${comments} comments`);
  const withText = (parts: string[]): boolean => parts.some((part) => hasText(readPart(part), part));
  const headers = withText(related.headers);
  const footers = withText(related.footers);
  if (headers && footers) missing.push('headers and footers');
  else if (headers) missing.push('headers');
  else if (footers) missing.push('footers');
  if (counts.hiddenChars > 0) missing.push('hidden text');
  const warnings = missing.length === 0 ? [] : [`Not imported from this Word document: ${missing.join(', ')}.`];
  if (counts.unknownSymbols > 0) {
    warnings.push(`${counts.unknownSymbols} symbol${counts.unknownSymbols === 1 ? '' : 's'} from a symbol font could not be read and became "\uFFFD".`);
  }
  return warnings;
}

function countElements(xml: Uint8Array | undefined, part: string, local: string): number {
  if (xml === undefined) return 0;
  let count = 0;
  walkXml(xml, part, {
    open(element) {
      if (element.local === local && WORDPROCESSING.has(element.uri)) count++;
    },
  });
  return count;
}

function hasText(xml: Uint8Array | undefined, part: string): boolean {
  if (xml === undefined) return false;
  let inText = false;
  let found = false;
  walkXml(xml, part, {
    open(element) {
      inText = element.local === 't' && WORDPROCESSING.has(element.uri);
    },
    close() {
      inText = false;
    },
    text(text) {
      if (inText && text.trim() !== '') found = true;
    },
  });
  return found;
}

function findMainPart(relsXml: Uint8Array | undefined, zip: ZipArchive): string {
  let target: string | undefined;
  if (relsXml !== undefined) {
    walkXml(relsXml, '_rels/.rels', {
      open(element) {
        if (target === undefined && element.local === 'Relationship' && OFFICE_DOCUMENT_REL.test(element.attr('Type') ?? '')) {
          target = element.attr('Target');
        }
      },
    });
  }
  const cleaned = target?.replace(/^\/+/, '');
  if (cleaned !== undefined && zip.has(cleaned)) return cleaned;
  return 'word/document.xml';
}

function parseStyles(xml: Uint8Array | undefined): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (xml === undefined) return styles;
  let current: StyleInfo | undefined;
  let inParagraphProperties = false;
  walkXml(xml, 'styles.xml', {
    open(element) {
      if (element.local === 'style') {
        const id = element.attr('styleId');
        current = element.attr('type') === 'paragraph' && id !== undefined ? { name: id, numbered: false } : undefined;
        if (current && id !== undefined) styles.set(id, current);
        return;
      }
      if (current === undefined) return;
      if (element.local === 'name') current.name = element.attr('val') ?? current.name;
      else if (element.local === 'basedOn') current.basedOn = element.attr('val');
      else if (element.local === 'pPr') inParagraphProperties = true;
      else if (inParagraphProperties && element.local === 'outlineLvl') current.outlineLevel = toInt(element.attr('val'));
      else if (inParagraphProperties && element.local === 'numId') current.numbered = element.attr('val') !== '0';
      else if (inParagraphProperties && element.local === 'ilvl') current.numberingLevel = toInt(element.attr('val'));
    },
    close(local) {
      if (local === 'pPr') inParagraphProperties = false;
      if (local === 'style') current = undefined;
    },
  });
  return styles;
}

function parseCoreTitle(xml: Uint8Array | undefined): string | undefined {
  if (xml === undefined) return undefined;
  let inTitle = false;
  let title = '';
  walkXml(xml, 'docProps/core.xml', {
    open(element) {
      inTitle = element.local === 'title' && element.uri === DUBLIN_CORE;
    },
    close() {
      inTitle = false;
    },
    text(text) {
      if (inTitle) title += text;
    },
  });
  return title.trim() === '' ? undefined : title;
}

type NoteKind = 'footnote' | 'endnote';

/** Footnotes are marked 1, 2, 3 and endnotes i, ii, iii, as Word marks them by default. */
function noteLabel(kind: NoteKind, index: number): string {
  return kind === 'footnote' ? String(index) : toRoman(index);
}

function toRoman(value: number): string {
  const numerals: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let rest = value;
  let out = '';
  for (const [amount, numeral] of numerals) {
    while (rest >= amount) {
      out += numeral;
      rest -= amount;
    }
  }
  return out;
}

interface ParsedPart {
  blocks: RawBlock[];
  warnings: string[];
  /** Body only: the label of each referenced note, by id, in order of first reference. */
  noteLabels: Record<NoteKind, Map<string, string>>;
  /** Notes parts only: each note's blocks, by id. */
  notes: Map<string, RawBlock[]>;
  counts: LeftOutCounts;
}

interface AlternateContent {
  charsAtStart: number;
  choiceHadText: boolean;
}

/**
 * One WordprocessingML part → blocks. For the body, references to notes become their marks
 * ("[1]", "[i]"); for a notes part (`notes` given), each referenced note becomes blocks
 * that open with its mark.
 */
function parseDocument(
  xml: Uint8Array,
  part: string,
  styles: Map<string, StyleInfo>,
  budget: { chars: number; max: number },
  notes?: { kind: NoteKind; labels: Map<string, string> },
  onProgress?: (bytesParsed: number) => void,
): ParsedPart {
  let blocks: RawBlock[] = [];
  const result: ParsedPart = { blocks, warnings: [], noteLabels: { footnote: new Map(), endnote: new Map() }, notes: new Map(), counts: { hiddenChars: 0, unknownSymbols: 0 } };
  const open: OpenParagraph[] = [];
  const alternates: AlternateContent[] = [];
  let inText = false;
  let propertiesDepth = 0;
  let runPropertiesDepth = 0;
  let hiddenRun = false;
  let skipDepth = 0;
  let deletions = 0;
  let noteMark: string | undefined;
  /** Just after a note's own mark: the space Word puts after it is already there. */
  let afterMark = false;

  const append = (text: string): void => {
    const paragraph = open[open.length - 1];
    if (paragraph === undefined) return;
    paragraph.current += text;
    budget.chars += text.length;
    if (budget.chars > budget.max) {
      throw new AppFailure({ code: 'too-large', message: 'This Word document holds more text than claimtag imports at once.' });
    }
  };
  const reference = (kind: NoteKind, id: string | undefined, customMark: boolean): void => {
    if (id === undefined || customMark) return;
    const labels = result.noteLabels[kind];
    if (!labels.has(id)) labels.set(id, noteLabel(kind, labels.size + 1));
    append(`[${labels.get(id) ?? ''}]`);
  };

  walkXml(xml, part, {
    open(element: XmlElement) {
      if (skipDepth > 0) {
        skipDepth++;
        return;
      }
      const { local } = element;
      if (element.uri === MARKUP_COMPATIBILITY) {
        // Word writes some content twice (Choice for new readers, Fallback for old ones):
        // the Fallback is read only when the Choice held no text.
        if (local === 'AlternateContent') alternates.push({ charsAtStart: budget.chars, choiceHadText: false });
        else if (local === 'Fallback' && alternates[alternates.length - 1]?.choiceHadText !== false) skipDepth = 1;
        return;
      }
      if (!WORDPROCESSING.has(element.uri)) return;
      if (SKIPPED.has(local)) {
        if (local === 'del' || local === 'moveFrom') deletions++;
        skipDepth = 1;
        return;
      }
      if (notes !== undefined && local === notes.kind) {
        const id = element.attr('id');
        const separator = element.attr('type') !== undefined && element.attr('type') !== 'normal';
        if (separator || id === undefined || !notes.labels.has(id)) {
          skipDepth = 1;
          return;
        }
        blocks = [];
        result.notes.set(id, blocks);
        noteMark = notes.labels.get(id);
        return;
      }
      const paragraph = open[open.length - 1];
      if (local === 'p') {
        open.push({ segments: [], current: '' });
        return;
      }
      if (local === 'r') hiddenRun = false;
      if (paragraph === undefined) return;
      if (local === 'pPr') propertiesDepth++;
      else if (propertiesDepth > 0) {
        if (local === 'pStyle') paragraph.styleId = element.attr('val');
        else if (local === 'numId') paragraph.numId = element.attr('val');
        else if (local === 'ilvl') paragraph.numberingLevel = toInt(element.attr('val'));
        else if (local === 'outlineLvl') paragraph.outlineLevel = toInt(element.attr('val'));
      } else if (local === 'rPr') runPropertiesDepth++;
      else if (runPropertiesDepth > 0) {
        if (local === 'vanish') hiddenRun = !/^(?:0|false|off)$/i.test(element.attr('val') ?? 'true');
      } else if (local === 't') inText = true;
      else if (hiddenRun) return;
      else if (local === 'tab' || local === 'ptab') append('\t');
      else if (local === 'br' || local === 'cr') {
        paragraph.segments.push(paragraph.current);
        paragraph.current = '';
      } else if (local === 'noBreakHyphen') append('\u2011');
      else if (local === 'sym') {
        const char = symbolCharacter(element.attr('font'), element.attr('char'));
        if (char === undefined) result.counts.unknownSymbols++;
        append(char ?? '\uFFFD');
      } else if (local === 'footnoteReference' || local === 'endnoteReference') {
        reference(local === 'footnoteReference' ? 'footnote' : 'endnote', element.attr('id'), element.attr('customMarkFollows') === '1' || element.attr('customMarkFollows') === 'true');
      } else if ((local === 'footnoteRef' || local === 'endnoteRef') && noteMark !== undefined) {
        append(`[${noteMark}] `);
        noteMark = undefined;
        afterMark = true;
      }
    },
    close(local, uri) {
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      if (uri === MARKUP_COMPATIBILITY) {
        const alternate = alternates[alternates.length - 1];
        if (local === 'Choice' && alternate !== undefined && budget.chars > alternate.charsAtStart) alternate.choiceHadText = true;
        else if (local === 'AlternateContent') alternates.pop();
        return;
      }
      if (!WORDPROCESSING.has(uri)) return;
      if (local === 't') inText = false;
      else if (local === 'pPr') propertiesDepth = Math.max(0, propertiesDepth - 1);
      else if (local === 'rPr') runPropertiesDepth = Math.max(0, runPropertiesDepth - 1);
      else if (local === 'r') hiddenRun = false;
      else if (local === 'p') {
        const paragraph = open.pop();
        if (paragraph !== undefined) emitParagraph(paragraph, styles, blocks);
      } else if (notes !== undefined && local === notes.kind) {
        blocks = result.blocks;
        noteMark = undefined;
      }
    },
    text(text) {
      if (!inText || skipDepth > 0 || open.length === 0) return;
      if (hiddenRun) {
        result.counts.hiddenChars += text.length;
        return;
      }
      append(afterMark ? text.trimStart() : text);
      afterMark = afterMark && text.trim() === '';
    },
  }, onProgress);
  if (deletions > 0) result.warnings.push('Tracked deletions were left out; tracked insertions were kept.');
  return result;
}

function emitParagraph(paragraph: OpenParagraph, styles: Map<string, StyleInfo>, blocks: RawBlock[]): void {
  const { kind, level } = classify(paragraph, styles);
  for (const text of [...paragraph.segments, paragraph.current]) {
    if (text.trim() === '') continue;
    blocks.push(level === undefined ? { kind, text } : { kind, level, text });
  }
}

function classify(paragraph: OpenParagraph, styles: Map<string, StyleInfo>): { kind: BlockKind; level?: number } {
  const chain = styleChain(paragraph.styleId, styles);
  const names = chain.map(([id, style]) => [id, style.name]).flat().map((name) => name.toLowerCase().replace(/\s+/g, ''));

  if (names.some((name) => name === 'title')) return { kind: 'heading', level: 1 };
  for (const name of names) {
    const match = /^heading([1-6])$/.exec(name);
    if (match?.[1] !== undefined) return { kind: 'heading', level: Number(match[1]) };
  }
  const outline = paragraph.outlineLevel ?? chain.find(([, style]) => style.outlineLevel !== undefined)?.[1].outlineLevel;
  if (outline !== undefined && outline >= 0 && outline <= 5) return { kind: 'heading', level: outline + 1 };

  const styleNumbering = chain.find(([, style]) => style.numbered)?.[1];
  const numbered = paragraph.numId !== undefined ? paragraph.numId !== '0' : styleNumbering !== undefined;
  if (numbered) {
    const ilvl = paragraph.numberingLevel ?? styleNumbering?.numberingLevel ?? 0;
    return { kind: 'list-item', level: Math.min(9, Math.max(0, ilvl)) + 1 };
  }
  if (names.some((name) => name === 'quote' || name === 'intensequote')) return { kind: 'quote' };
  return { kind: 'paragraph' };
}

/** The paragraph's style and the styles it is based on, nearest first (cycles cut). */
function styleChain(styleId: string | undefined, styles: Map<string, StyleInfo>): [string, StyleInfo][] {
  const chain: [string, StyleInfo][] = [];
  const seen = new Set<string>();
  let id = styleId;
  while (id !== undefined && !seen.has(id) && chain.length < 16) {
    seen.add(id);
    const style = styles.get(id);
    if (style === undefined) {
      chain.push([id, { name: id, numbered: false }]);
      break;
    }
    chain.push([id, style]);
    id = style.basedOn;
  }
  return chain;
}

function toInt(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number.parseInt(value, 10);
  return Number.isFinite(number) ? number : undefined;
}
