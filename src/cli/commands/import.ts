import { importPaths } from '../../core/library-io/import-paths';
import { type CliIo, libraryPath, openLibrary, parse, UsageError } from '../cli-io';
import { doccanoUnit } from './export';

export const IMPORT_HELP = `Usage: claimtag import FILE... [--db PATH] [--annotator NAME] [--partial] [--rename OLD=NEW]... [--same-person] [--doccano-offsets UNIT]

Adds articles (.txt .md .html .docx) as documents, and merges annotation files
(claimtag .json, W3C .jsonld, brat .ann with its .txt, doccano .jsonl, Label Studio .json).
Documents are matched by content hash. Each file is imported on its own: one failing file
does not stop the others, and nothing is ever half-imported.

Options:
  --db PATH          library file (default: the app's own library)
  --annotator NAME   annotator for formats that do not record one (brat, doccano)
  --partial          import the valid part of an annotation file and list the rest
  --rename OLD=NEW   file an arriving annotator's work under another name
  --same-person      treat arriving annotators with a local annotator's name as that person
  --doccano-offsets UNIT  what doccano offsets count: utf16 (doccano ≥ 1.5, default),
                     grapheme (a project in grapheme mode) or codepoint (doccano ≤ 1.4)
  --replace-invalid  import text files with invalid UTF-8, replacing bad bytes with U+FFFD
  -h, --help         show this help`;

export async function runImport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    annotator: { type: 'string' },
    partial: { type: 'boolean' },
    rename: { type: 'string', multiple: true },
    'same-person': { type: 'boolean' },
    'replace-invalid': { type: 'boolean' },
    'doccano-offsets': { type: 'string' },
  });
  const doccanoOffsets = doccanoUnit(values['doccano-offsets']);
  if (values.help) return io.out(IMPORT_HELP), 0;
  if (positionals.length === 0) throw new UsageError('Name at least one file to import.');
  const renameAnnotators: Record<string, string> = {};
  for (const r of values.rename ?? []) {
    const at = r.indexOf('=');
    if (at <= 0 || at === r.length - 1) throw new UsageError(`--rename needs OLD=NEW, not "${r}".`);
    renameAnnotators[r.slice(0, at)] = r.slice(at + 1);
  }
  const library = openLibrary(libraryPath(values.db, io.env), { create: true });
  try {
    const outcomes = await importPaths(library, positionals, {
      annotator: values.annotator,
      partial: values.partial,
      renameAnnotators,
      mergeSameNames: values['same-person'],
      article: { replaceInvalid: values['replace-invalid'] },
      ...(doccanoOffsets ? { doccanoOffsets } : {}),
    });
    let failed = 0;
    for (const o of outcomes) {
      if (!o.ok) {
        failed++;
        io.err(`✗ ${o.error.message}`);
        for (const d of o.error.details ?? []) io.err(`    ${d}`);
      } else if (o.kind === 'article') {
        io.out(`${o.existed ? '=' : '✓'} ${o.title}  [${o.documentId}]${o.existed ? '  (already in the library; opened the existing document)' : ''}`);
        for (const w of o.warnings) io.out(`    note: ${w}`);
      } else {
        const r = o.report;
        io.out(`✓ ${o.file}: ${r.annotationsAdded} annotations added, ${r.annotationsUnchanged} already present`);
        for (const d of r.documents) {
          io.out(`    document ${d.reanchored ? 'matched (their copy differs; annotations placed by quote and context)' : d.existed ? 'matched' : 'added'}: ${d.title} [${d.id}]`);
        }
        if (r.reanchored || r.unanchored) io.out(`    ${r.reanchored} annotations moved onto this library's text, ${r.unanchored} could not be placed (listed below)`);
        for (const a of r.annotators) io.out(`    annotator ${a.status === 'new' ? 'added' : 'matched'}: ${a.name}`);
        if (r.labelsAdded.length) io.out(`    labels added to the tag set: ${r.labelsAdded.join(', ')}`);
        for (const x of r.rejected) io.out(`    left out ${x.where}: ${x.reason}`);
      }
    }
    io.out(`${outcomes.length - failed} of ${outcomes.length} files imported.`);
    return failed ? 1 : 0;
  } finally {
    library.close();
  }
}
