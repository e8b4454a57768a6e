import { oneLine } from '../terminal-text';
import { type CliIo, libraryPath, openLibraryForReading, parse, UsageError } from '../cli-io';

export const LIST_HELP = `Usage: claimtag list [--db PATH] [--format table|json]

Lists the library's documents with their ids, titles, and annotation counts per annotator and label.

Options:
  --db PATH        library file (default: the app's own library)
  --format FORMAT  table (default) or json
  -h, --help       show this help`;

export function runList(args: string[], io: CliIo): number {
  const { values } = parse(args, { db: { type: 'string' }, format: { type: 'string', default: 'table' } }, false);
  if (values.help) return io.out(LIST_HELP), 0;
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`--format must be table or json, not "${values.format}".`);
  const library = openLibraryForReading(libraryPath(values.db, io.env), io);
  try {
    const rows = library.annotations.liveCounts();
    const damaged = new Set(library.documents.damagedTexts().map((d) => d.id));
    const documents = library.documents.list().map((d) => {
      // Keys come from the data (annotator names, label ids): null-prototype objects, so a name
      // like "__proto__" is a key like any other and never reaches Object.prototype.
      const counts: Record<string, Record<string, number>> = Object.create(null);
      for (const r of rows.filter((r) => r.documentId === d.id)) (counts[r.annotator] ??= Object.create(null))[r.label] = r.n;
      return { id: d.id, title: d.title, source: d.source, created: d.createdAt, textIntact: !damaged.has(d.id), annotations: counts };
    });
    const warnDamaged = () => {
      if (damaged.size === 0) return 0;
      io.err(
        `claimtag list: ${damaged.size === 1 ? 'one document’s stored text no longer matches' : `${damaged.size} documents’ stored texts no longer match`} its SHA-256 fingerprint (marked DAMAGED): the library file is damaged. Restore a backup: claimtag backup --list, then claimtag restore NAME.`,
      );
      return 1;
    };
    if (values.format === 'json') {
      io.out(JSON.stringify(documents, null, 2));
      return warnDamaged();
    }
    if (documents.length === 0) return io.out('The library has no documents yet. Add one with: claimtag import FILE'), 0;
    for (const d of documents) {
      io.out(`${d.id}  ${oneLine(d.title)}${d.textIntact ? '' : '  DAMAGED: text does not match its SHA-256'}`);
      const people = Object.entries(d.annotations);
      if (people.length === 0) io.out('    no annotations');
      for (const [name, counts] of people) {
        io.out(`    ${oneLine(name)}: ${Object.entries(counts).map(([label, n]) => `${oneLine(label)} ${n}`).join(', ')}`);
      }
    }
    return warnDamaged();
  } finally {
    library.close();
  }
}
