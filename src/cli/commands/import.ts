import { ARTICLE_EXTENSIONS_SHOWN } from '../../shared/article-formats';
import { ANNOTATION_FORMATS, LIBRARY_EXTENSIONS } from '../../shared/import-formats';
import { oneLine } from '../terminal-text';
import { importPaths } from '../../core/library-io/import-paths';
import { currentAnnotatorOf } from '../../core/ownership/ownership';
import { type CliIo, libraryPath, openLibrary, parse, UsageError } from '../cli-io';
import { doccanoUnit } from './export';

const ANNOTATION_FILES_SHOWN = Object.values(ANNOTATION_FORMATS)
  .map((f) => `${f.name} ${f.extensions[0]}${(f.needs as readonly string[]).includes('companion-text') ? ' with its .txt' : ''}`)
  .join(', ');

export const IMPORT_HELP = `Usage: claimtag import FILE... [--db PATH] [--annotator NAME] [--partial] [--rename OLD=NEW]... [--same-person] [--doccano-offsets UNIT]
                       [--as NAME] [--keep-apart | --map REF=DOCUMENT-ID...]

Adds articles (${ARTICLE_EXTENSIONS_SHOWN}) as documents, and merges annotation files
(${ANNOTATION_FILES_SHOWN})
and colleagues' libraries (${LIBRARY_EXTENSIONS.join(' ')}).
Documents are the same only when the SHA-256 of their normalised text is. An arriving text
that merely resembles one in the library is shown with its differences and not imported
until you choose --keep-apart (a separate document) or --map (place its annotations on
yours where each quote, with its context, occurs exactly once nearby; the rest are listed,
never guessed). Work never joins the library analyst's own layer, or the reference, unless
she says so with --as. Each file is imported on its own: one failing file does not stop the
others, and nothing is ever half-imported.

Options:
  --db PATH          library file (default: the app's own library)
  --annotator NAME   annotator for formats that do not record one (brat, doccano)
  --partial          import the valid part of an annotation file and list the rest
  --rename OLD=NEW   file an arriving annotator's work under another name
  --same-person      treat arriving annotators with a local annotator's name as that person
  --doccano-offsets UNIT  what doccano offsets count: utf16 (doccano ≥ 1.5, default),
                     grapheme (a project in grapheme mode) or codepoint (doccano ≤ 1.4)
  --replace-invalid  import text files with invalid UTF-8, replacing bad bytes with U+FFFD
  --as NAME          you are NAME, this library's analyst: work filed under you joins your layer
                     (refused for any other name)
  --keep-apart       add arriving documents that resemble ours as separate documents
  --map REF=ID       map the file's document REF onto the library's document ID
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
    as: { type: 'string' },
    'keep-apart': { type: 'boolean' },
    map: { type: 'string', multiple: true },
  });
  const doccanoOffsets = doccanoUnit(values['doccano-offsets']);
  if (values.help) return io.out(IMPORT_HELP), 0;
  if (positionals.length === 0) throw new UsageError('Name at least one file to import.');
  const renameAnnotators: Record<string, string> = Object.create(null);
  for (const r of values.rename ?? []) {
    const at = r.indexOf('=');
    if (at <= 0 || at === r.length - 1) throw new UsageError(`--rename needs OLD=NEW, not "${r}".`);
    renameAnnotators[r.slice(0, at)] = r.slice(at + 1);
  }
  const mapOnto: Record<string, string> = Object.create(null); // keys are refs from the file
  for (const m of values.map ?? []) {
    const at = m.lastIndexOf('=');
    if (at <= 0 || at === m.length - 1) throw new UsageError(`--map needs REF=DOCUMENT-ID, not "${m}".`);
    mapOnto[m.slice(0, at)] = m.slice(at + 1);
  }
  if (values['keep-apart'] && values.map?.length) throw new UsageError('Choose --keep-apart or --map, not both.');
  const library = openLibrary(libraryPath(values.db, io.env), { create: true });
  try {
    const me = currentAnnotatorOf(library);
    if (values.as !== undefined && values.as !== me?.name) {
      io.err(
        me
          ? `✗ --as is only for your own identity: this library's analyst is "${me.name}", not "${values.as}". Nothing was imported.`
          : `✗ --as is only for your own identity, and this library has no analyst yet (name yourself in the app first). Nothing was imported.`,
      );
      return 1;
    }
    const outcomes = await importPaths(library, positionals, {
      me,
      intoMine: values.as !== undefined,
      similar: values['keep-apart'] ? 'separate' : undefined,
      mapOnto,
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
        io.err(`✗ ${oneLine(o.error.message)}`);
        if (o.error.reason === 'similar-document') {
          for (const s of o.error.similar) {
            io.err(`    ${oneLine(s.title)} (ref ${oneLine(s.ref)}) resembles ${oneLine(s.documentTitle)} [${s.documentId}], ${Math.round(s.similarity * 100)} % alike. Where they differ:`);
            for (const c of s.changes) io.err(`      …${oneLine(c.before)}[ours: ${JSON.stringify(c.ours)} | theirs: ${JSON.stringify(c.theirs)}]${oneLine(c.after)}…`);
            io.err(`    Re-run with --keep-apart to add it as a separate document, or --map ${s.ref}=${s.documentId} to place its annotations on ours.`);
          }
        } else for (const d of o.error.details ?? []) io.err(`    ${oneLine(d)}`);
        if (o.error.reason === 'own-layer') io.err(`    If this is your own work, re-run with --as "${oneLine(me?.name ?? '')}"; otherwise file it under another name with --rename or --annotator.`);
      } else if (o.kind === 'article') {
        io.out(`${o.existed ? '=' : '✓'} ${oneLine(o.title)}  [${o.documentId}]${o.existed ? '  (already in the library; opened the existing document)' : ''}`);
        for (const w of o.warnings) io.out(`    note: ${w}`);
      } else {
        const r = o.report;
        io.out(`✓ ${o.file}: ${r.annotationsAdded} annotations added, ${r.annotationsUnchanged} already present`);
        for (const d of r.documents) {
          io.out(`    document ${d.reanchored ? 'mapped onto ours (annotations placed by quote and context)' : d.existed ? 'matched' : 'added'}: ${oneLine(d.title)} [${oneLine(d.id)}]`);
        }
        if (r.reanchored || r.unanchored) io.out(`    ${r.reanchored} annotations placed on this library's text, ${r.unanchored} not placed because that would be a guess (listed below)`);
        for (const a of r.annotators) io.out(`    annotator ${a.status === 'new' ? 'added' : 'matched'}: ${oneLine(a.name)}`);
        if (r.labelsAdded.length) io.out(`    labels added to the tag set: ${r.labelsAdded.map(oneLine).join(', ')}`);
        for (const x of r.rejected) io.out(`    left out ${oneLine(x.where)}: ${oneLine(x.reason)}`);
      }
    }
    io.out(`${outcomes.length - failed} of ${outcomes.length} files imported.`);
    return failed ? 1 : 0;
  } finally {
    library.close();
  }
}
