// WordprocessingML → blocks. Pure and synchronous; import-docx.ts runs it in a worker.
// Paragraph kinds: headings from styles Heading1..6 / Title (or an outline level), list
// items from numbering (w:numPr, directly or through the style), quotes from Quote styles.
import { AppFailure } from '../../shared/result';
import type { BlockKind } from '../../shared/types';
import { DEFAULT_ZIP_LIMITS, ZipArchive, type ZipLimits } from './docx-zip';
import type { ParsedContent } from './imported-document';
import type { RawBlock } from './normalize-text';
import { MAX_IMPORT_TEXT_CHARS } from './import-limits';
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
  const documentXml = readPart(mainPart);
  if (documentXml === undefined) {
    throw new AppFailure({ code: 'unsupported', message: 'This file is a ZIP archive but not a Word document (.docx).' });
  }
  const { blocks, warnings } = parseDocument(documentXml, mainPart, styles, maxTextChars, (bytesParsed) =>
    onProgress?.(`parsed ${Math.round(bytesParsed / (1024 * 1024))} MiB of ${mainPart}`),
  );
  const coreTitle = parseCoreTitle(readPart('docProps/core.xml'));
  const firstHeading = blocks.find((block) => block.kind === 'heading' && block.text.trim() !== '');
  const title = coreTitle ?? firstHeading?.text;
  return title === undefined ? { blocks, warnings } : { blocks, warnings, title };
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

function parseDocument(
  xml: Uint8Array,
  part: string,
  styles: Map<string, StyleInfo>,
  maxTextChars: number,
  onProgress: (bytesParsed: number) => void,
): { blocks: RawBlock[]; warnings: string[] } {
  const blocks: RawBlock[] = [];
  const open: OpenParagraph[] = [];
  let inText = false;
  let propertiesDepth = 0;
  let skipDepth = 0;
  let deletions = 0;
  let totalChars = 0;

  walkXml(xml, part, {
    open(element: XmlElement) {
      if (skipDepth > 0) {
        skipDepth++;
        return;
      }
      const paragraph = open[open.length - 1];
      const { local } = element;
      if (local === 'Fallback' && element.uri === MARKUP_COMPATIBILITY) {
        // Word writes text boxes twice (Choice and Fallback); read only the Choice.
        skipDepth = 1;
        return;
      }
      if (!WORDPROCESSING.has(element.uri)) return;
      if (SKIPPED.has(local)) {
        if (local === 'del' || local === 'moveFrom') deletions++;
        skipDepth = 1;
        return;
      }
      if (local === 'p') {
        open.push({ segments: [], current: '' });
        return;
      }
      if (paragraph === undefined) return;
      if (local === 'pPr') propertiesDepth++;
      else if (propertiesDepth > 0) {
        if (local === 'pStyle') paragraph.styleId = element.attr('val');
        else if (local === 'numId') paragraph.numId = element.attr('val');
        else if (local === 'ilvl') paragraph.numberingLevel = toInt(element.attr('val'));
        else if (local === 'outlineLvl') paragraph.outlineLevel = toInt(element.attr('val'));
      } else if (local === 't') inText = true;
      else if (local === 'tab' || local === 'ptab') paragraph.current += '\t';
      else if (local === 'br' || local === 'cr') {
        paragraph.segments.push(paragraph.current);
        paragraph.current = '';
      } else if (local === 'noBreakHyphen') paragraph.current += '\u2011';
    },
    close(local, uri) {
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      if (!WORDPROCESSING.has(uri)) return;
      if (local === 't') inText = false;
      else if (local === 'pPr') propertiesDepth = Math.max(0, propertiesDepth - 1);
      else if (local === 'p') {
        const paragraph = open.pop();
        if (paragraph !== undefined) emitParagraph(paragraph, styles, blocks);
      }
    },
    text(text) {
      const paragraph = open[open.length - 1];
      if (inText && skipDepth === 0 && paragraph !== undefined) {
        paragraph.current += text;
        totalChars += text.length;
        if (totalChars > maxTextChars) {
          throw new AppFailure({ code: 'too-large', message: 'This Word document holds more text than claimtag imports at once.' });
        }
      }
    },
  }, onProgress);
  const warnings = deletions > 0 ? ['Tracked deletions were left out; tracked insertions were kept.'] : [];
  return { blocks, warnings };
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
