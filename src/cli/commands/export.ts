import fs from 'node:fs';
import path from 'node:path';
import { exportBundle } from '../../core/library-io/export-bundle';
import { librarySelection } from '../../core/library-io/library-export-source';
import { DOCCANO_OFFSET_UNITS, type DoccanoOffsetUnit } from '../../core/interchange/doccano-offsets';
import { DESK_LIMITS, type Desk } from '../../shared/export-formats';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, isExportFormat, type ExportFormatChoice } from '../../shared/export-formats';
import { AppFailure } from '../../shared/result';
import { readClaimReviewDesk } from '../../core/library-io/claimreview-desk';
import { type CliIo, libraryPath, openLibraryForReading, parse, UsageError } from '../cli-io';

// What only the CLI adds to the catalogue's description of a format.
const CLI_NOTES: Partial<Record<ExportFormatChoice, string>> = {
  pdf: 'Needs Chromium; set CLAIMTAG_CHROMIUM if it is not /usr/bin/chromium.',
};

/** The catalogue (src/shared/export-formats.ts) as the help's list: id, then name, description and notes, wrapped. */
function formatList(width = 96): string {
  const indent = ' '.repeat(15);
  return EXPORT_FORMAT_IDS.map((id) => {
    const f = EXPORT_FORMATS[id];
    const words = [`${f.name}.`, f.description, f.output === 'folder' ? 'PATH is a folder.' : '', CLI_NOTES[id] ?? ''].join(' ').split(/\s+/).filter(Boolean);
    const lines = [`  ${id.padEnd(12)} `];
    for (const word of words) {
      const line = lines[lines.length - 1];
      if (line.length + word.length > width && line.trim() !== id) lines.push(`${indent}${word}`);
      else lines[lines.length - 1] = line.endsWith(' ') ? `${line}${word}` : `${line} ${word}`;
    }
    return lines.join('\n');
  }).join('\n');
}

export const EXPORT_HELP = `Usage: claimtag export --format FORMAT --out PATH [--document ID | --all] [--annotator NAME]... [--doccano-offsets UNIT] [--desk-name NAME [--desk-url URL]] [--db PATH]

Writes annotated documents as a report or as data for other tools, the way each tool reads
them (docs/interchange.md). Offsets are Unicode code points, end exclusive, except doccano's.
What a format cannot carry is listed in a summary written beside the export. Files are
written atomically.

Formats:
${formatList()}

Options:
  --document ID      a document to export (repeatable); see \`claimtag list\`
  --all              every document in the library (the default when no --document is given)
  --annotator NAME   only this annotator's work (repeatable)
  --doccano-offsets UNIT  utf16 (doccano ≥ 1.5, default), grapheme (a project in grapheme
                     mode) or codepoint (doccano ≤ 1.4)
  --desk-name NAME   claimreview: the desk publishing the reviews (their author); default:
                     the desk saved in the library
  --desk-url URL     claimreview: the desk's web address (https:// or http://)
  --db PATH          library file (default: the app's own library)
  -h, --help         show this help`;

export async function runExport(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(
    args,
    {
      format: { type: 'string' },
      out: { type: 'string' },
      document: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      annotator: { type: 'string', multiple: true },
      'doccano-offsets': { type: 'string' },
      'desk-name': { type: 'string' },
      'desk-url': { type: 'string' },
      db: { type: 'string' },
    },
    false,
  );
  const doccanoOffsets = doccanoUnit(values['doccano-offsets']);
  if (values.help) return io.out(EXPORT_HELP), 0;
  const format = values.format;
  if (!format) throw new UsageError(`Choose a format with --format (${EXPORT_FORMAT_IDS.join(', ')}).`);
  if (!isExportFormat(format)) throw new UsageError(`Unknown format "${format}". Choose one of: ${EXPORT_FORMAT_IDS.join(', ')}.`);
  if (!values.out) throw new UsageError('Say where to write with --out PATH.');
  if (values.all && values.document?.length) throw new UsageError('Use either --document or --all, not both.');
  checkOutPath(values.out, format);
  const deskOption = deskFrom(values['desk-name'], values['desk-url']);
  const library = openLibraryForReading(libraryPath(values.db, io.env), io);
  try {
    const selection = librarySelection(library, { documents: values.document?.length ? values.document : 'all', annotators: values.annotator });
    const desk = format === 'claimreview' ? (deskOption ?? readClaimReviewDesk(library)) : null;
    const started = performance.now();
    const formatOptions = { ...(doccanoOffsets ? { doccanoOffsets } : {}), ...(desk ? { desk } : {}) };
    const written = await exportBundle(selection, format, values.out, { formatOptions });
    const ms = Math.round(performance.now() - started);
    io.out(
      `✓ ${selection.annotationCount} annotations on ${selection.documents.count} document${selection.documents.count === 1 ? '' : 's'} written as ${format} to ${written.length === 1 ? written[0] : `${values.out} (${written.length} files)`} in ${ms} ms`,
    );
    return 0;
  } finally {
    library.close();
  }
}

/** The desk from --desk-name / --desk-url, checked; null when no name was given. */
export function deskFrom(name: string | undefined, url: string | undefined): Desk | null {
  if (url !== undefined && name === undefined) throw new UsageError('--desk-url needs --desk-name: name the desk whose address it is.');
  if (name === undefined) return null;
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > DESK_LIMITS.nameLength) throw new UsageError(`--desk-name must be 1 to ${DESK_LIMITS.nameLength} characters.`);
  if (url === undefined) return { name: trimmed };
  let parsed: URL | null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || url.length > DESK_LIMITS.urlLength) throw new UsageError(`--desk-url must be a web address starting with https:// or http:// (got "${url}").`);
  return { name: trimmed, url };
}

/** The --doccano-offsets value, checked. */
export function doccanoUnit(value: string | undefined): DoccanoOffsetUnit | undefined {
  if (value === undefined) return undefined;
  if (!(DOCCANO_OFFSET_UNITS as readonly string[]).includes(value)) throw new UsageError(`Unknown --doccano-offsets "${value}". Choose one of: ${DOCCANO_OFFSET_UNITS.join(', ')}.`);
  return value as DoccanoOffsetUnit;
}

/** Says what is wrong with --out before anything is written, instead of a raw ENOENT/EISDIR. */
function checkOutPath(out: string, format: ExportFormatChoice): void {
  const stat = fs.statSync(out, { throwIfNoEntry: false });
  if (EXPORT_FORMATS[format].output === 'folder') {
    if (stat && !stat.isDirectory()) throw new AppFailure({ code: 'invalid-input', message: `${format} export writes a folder, but ${out} is a file. Choose a folder for --out.` });
    return;
  }
  if (stat?.isDirectory()) throw new AppFailure({ code: 'invalid-input', message: `${out} is a folder. Give --out a file name, e.g. ${path.join(out, `report${EXPORT_FORMATS[format].extension}`)}.` });
  const parent = path.dirname(path.resolve(out));
  if (!fs.statSync(parent, { throwIfNoEntry: false })?.isDirectory()) {
    throw new AppFailure({ code: 'not-found', message: `The folder ${parent} does not exist. Create it first, or choose another --out.` });
  }
}
