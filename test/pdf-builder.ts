// Builds small, valid PDF files for tests and the bench: text placed exactly where a test
// says, in the standard Helvetica font (no font file needed), plus the hostile variants.
// Test code only; production never imports it.

export interface PdfLine {
  text: string;
  x: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  size?: number;
}

export interface PdfPageSpec {
  lines: PdfLine[];
  /** An image covering the page (what a scanner writes) instead of, or besides, text. */
  image?: boolean;
}

export interface PdfOptions {
  title?: string;
  /** A document-level JavaScript action run on open (by readers that run scripts). */
  openActionScript?: string;
  width?: number;
  height?: number;
}

/** The WinAnsiEncoding bytes of the few non-Latin-1 characters fixtures use. */
const WIN_ANSI: Record<string, string> = { '•': '\x95', '–': '\x96', '—': '\x97', '‘': '\x91', '’': '\x92', '“': '\x93', '”': '\x94', '€': '\x80' };

const escape = (text: string): string => text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[•–—‘’“”€]/g, (c) => WIN_ANSI[c] ?? '?');

/** Latin-1 only (WinAnsiEncoding); enough for English fixtures. */
export function buildPdf(pages: readonly PdfPageSpec[], options: PdfOptions = {}): Uint8Array {
  const width = options.width ?? 612;
  const height = options.height ?? 792;
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesId = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = add('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0080\u00c0\u0040\u00ff\nendstream');
  const pageIds: number[] = [];
  for (const page of pages) {
    const ops: string[] = [];
    if (page.image) ops.push(`q ${width} 0 0 ${height} 0 0 cm /Im1 Do Q`);
    for (const line of page.lines) ops.push(`BT /F1 ${line.size ?? 10} Tf ${line.x} ${line.y} Td (${escape(line.text)}) Tj ET`);
    const stream = ops.join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    pageIds.push(
      add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R >> >> /Contents ${content} 0 R >>`),
    );
  }
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let script = '';
  if (options.openActionScript !== undefined) {
    const action = add(`<< /Type /Action /S /JavaScript /JS (${escape(options.openActionScript)}) >>`);
    script = ` /OpenAction ${action} 0 R /Names << /JavaScript << /Names [(open) ${action} 0 R] >> >>`;
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R${script} >>`;
  const info = options.title === undefined ? undefined : add(`<< /Title (${escape(options.title)}) >>`);

  let out = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${info === undefined ? '' : ` /Info ${info} 0 R`} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** Words wrapped into lines of at most `chars` characters (Helvetica averages about half an em). */
export function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** One column of paragraphs from (x, top) down, `leading` apart, a blank line between paragraphs. */
export function column(paragraphs: readonly string[], x: number, top: number, chars: number, size = 10, leading = 12): PdfLine[] {
  const lines: PdfLine[] = [];
  let y = top;
  for (const paragraph of paragraphs) {
    for (const text of wrap(paragraph, chars)) {
      lines.push({ text, x, y, size });
      y -= leading;
    }
    y -= leading;
  }
  return lines;
}
