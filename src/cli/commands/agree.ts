import fs from 'node:fs';
import {
  computeAgreement,
  computeCorpusAgreement,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  formatAgreementTable,
  formatCorpusTable,
  MAX_RESAMPLES,
  MIN_RESAMPLES,
  type AgreementInput,
  type AgreementLabel,
  type AgreementReport,
} from '../../core/agreement';
import { REFERENCE_NAME } from '../../core/compare/reference';
import { studyAgreementWithInputs } from '../../core/study/study-service';
import { importClaimtagJson } from '../../core/interchange/claimtag-json-import';
import { sha256Of } from '../../core/store/documents-repo';
import { checkRegularFileSync } from '../../core/fs/regular-file';
import { IMPORT_LIMITS } from '../../core/interchange/limits';
import { AppFailure } from '../../shared/result';
import { type CliIo, libraryPath, openLibraryForReading, parse, UsageError } from '../cli-io';

export const AGREE_HELP = `Usage: claimtag agree FILE... [--document ID] [--annotators A,B,...] [--format json|table]
       claimtag agree --db PATH [--document ID] [--annotators A,B,...] [--format json|table]
       claimtag agree --corpus [FILE... | --db PATH | --study NAME [--db PATH]] [--annotators A,B,...] [--resamples N] [--seed S] [--format json|table]

Compares, per document, every annotator found: Krippendorff's unitizing alpha over the text
(overall and per label), pairwise span F1 (exact and overlap), and on sentences percent
agreement, Cohen's kappa per pair, Fleiss' kappa and Krippendorff's alpha.
Claim structure (#20): Krippendorff's α per choice, scale (also ordinal) and date attribute over
the claims annotators matched, with a 95 % bootstrap interval, and link F1 per pair for sources
and cues; values missing for one annotator are left out (pairable values only).
FILEs are claimtag JSON exports (one per analyst, or one with several annotators); the same
article in different files is matched by its text. Undefined values are null, with a note.

With --corpus the documents are pooled: α_u over the documents laid end to end as one text,
the sentence-level coefficients over all their sentences, span F1 over all their spans; each
with a 95 % bootstrap interval from resampling documents (α also from resampling sentences).
The JSON is { "corpus": {...}, "documents": [per-document reports] }. Documents are laid end
to end in the order of their texts' SHA-256, so files and a library give the same figures. From a library, the
reference (adjudicated) version is left out unless --annotators names it.

Options:
  --corpus           pool all documents (with --document: only those named, comma-separated)
  --study NAME       with --corpus: the study's documents that every compared analyst worked on, in study order
  --resamples N      bootstrap resamples with --corpus (default ${DEFAULT_RESAMPLES}, ${MIN_RESAMPLES}–${MAX_RESAMPLES})
  --seed S           bootstrap seed with --corpus (default ${DEFAULT_SEED}); the same seed gives the same intervals
  --db PATH          compare the work stored in a library instead of files
  --document ID      only this document (its id, or the first characters of its SHA-256)
  --annotators LIST  only these annotators, comma-separated, in this order
  --format FORMAT    table (default) or json (one object per document; an array for several)
  -h, --help         show this help`;

export function runAgree(args: string[], io: CliIo): number {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    document: { type: 'string' },
    annotators: { type: 'string' },
    format: { type: 'string', default: 'table' },
    corpus: { type: 'boolean' },
    study: { type: 'string' },
    resamples: { type: 'string' },
    seed: { type: 'string' },
  });
  if (values.help) return io.out(AGREE_HELP), 0;
  if (values.format !== 'table' && values.format !== 'json') throw new UsageError(`--format must be json or table, not "${values.format}".`);
  if (values.study !== undefined) return runStudyAgreement(values, positionals, io);
  if (positionals.length === 0 && !values.db) throw new UsageError('Name the claimtag JSON files to compare, or a library with --db PATH.');
  if (positionals.length > 0 && values.db) throw new UsageError('Compare either files or a library (--db), not both.');
  const annotators = values.annotators
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  let inputs = positionals.length ? inputsFromFiles(positionals) : inputsFromLibrary(libraryPath(values.db, io.env), io);
  if (annotators?.length) {
    // a misspelt name would otherwise be compared as someone who marked nothing
    const known = new Set(inputs.flatMap((i) => i.annotatorNames));
    const unknown = annotators.filter((name) => !known.has(name));
    if (unknown.length) {
      throw new AppFailure({
        code: 'not-found',
        message: `No annotator named ${unknown.map((n) => `"${n}"`).join(', ')} in the input. Annotators found: ${[...known].sort().join(', ') || '(none)'}.`,
      });
    }
  }
  if (!values.corpus && (values.resamples !== undefined || values.seed !== undefined)) throw new UsageError('--resamples and --seed go with --corpus.');
  if (values.document) {
    const wanted = values.corpus ? values.document.split(',').map((s) => s.trim()).filter(Boolean) : [values.document];
    const matches = (i: DocumentInput, w: string) => i.documentId === w || i.aliases.includes(w) || i.sha256.startsWith(w.toLowerCase());
    const missing = wanted.filter((w) => !inputs.some((i) => matches(i, w)));
    if (missing.length) throw new AppFailure({ code: 'not-found', message: `No document ${missing.map((w) => `"${w}"`).join(', ')} in the input.` });
    inputs = inputs.filter((i) => wanted.some((w) => matches(i, w)));
  }
  if (inputs.length === 0) throw new AppFailure({ code: 'not-found', message: 'There are no documents to compare.' });
  if (values.corpus) {
    const resamples = wholeNumber('--resamples', values.resamples, DEFAULT_RESAMPLES, MIN_RESAMPLES, MAX_RESAMPLES);
    const seed = wholeNumber('--seed', values.seed, DEFAULT_SEED, 0, 0xffffffff);
    // the reference is what analysts are scored against, not one of the analysts
    const compared = annotators?.length ? annotators : [...new Set(inputs.flatMap((i) => i.annotations.map((a) => a.annotator)))].filter((n) => n !== REFERENCE_NAME).sort(byCodeUnits);
    // α_u lays the documents end to end, so the order must not depend on where they came from
    const documents = [...inputs]
      .sort((a, b) => byCodeUnits(a.sha256, b.sha256))
      .map(({ documentId, text, annotations, labels, relations }) => ({ documentId, text, annotations, labels, relations }));
    const corpus = computeCorpusAgreement(documents, { annotators: compared, resamples, seed });
    if (values.format === 'json') {
      const reports = documents.map((d) => computeAgreement({ ...d, annotators: compared }));
      io.out(JSON.stringify({ corpus, documents: reports }, null, 2));
    } else io.out(formatCorpusTable(corpus));
    return 0;
  }
  const reports: AgreementReport[] = inputs.map(({ documentId, text, annotations, labels, relations }) =>
    computeAgreement({ documentId, text, annotations, annotators, labels, relations }),
  );
  if (values.format === 'json') io.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  else io.out(reports.map(formatAgreementTable).join('\n\n'));
  return 0;
}

function runStudyAgreement(
  values: { study?: string; corpus?: boolean; db?: string; annotators?: string; resamples?: string; seed?: string; format?: string; document?: string },
  positionals: string[],
  io: CliIo,
): number {
  if (!values.corpus) throw new UsageError('--study goes with --corpus: claimtag agree --corpus --study NAME.');
  if (positionals.length > 0) throw new UsageError('Compare either a study or files, not both.');
  if (values.document) throw new UsageError('--document does not go with --study; the study names its documents.');
  const resamples = wholeNumber('--resamples', values.resamples, DEFAULT_RESAMPLES, MIN_RESAMPLES, MAX_RESAMPLES);
  const seed = wholeNumber('--seed', values.seed, DEFAULT_SEED, 0, 0xffffffff);
  const analysts = values.annotators?.split(',').map((s) => s.trim()).filter(Boolean);
  const library = openLibraryForReading(libraryPath(values.db, io.env), io);
  try {
    const { corpus, inputs } = studyAgreementWithInputs(library, values.study!, { analysts, resamples, seed });
    if (values.format === 'json') {
      const reports = inputs.map((d) => computeAgreement({ ...d, annotators: corpus.annotators }));
      io.out(JSON.stringify({ corpus, documents: reports }, null, 2));
    } else io.out(formatCorpusTable(corpus));
    return 0;
  } finally {
    library.close();
  }
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function wholeNumber(flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not "${raw}".`);
  return n;
}

/** annotatorNames: everyone the file or library lists, including those who marked nothing. */
type DocumentInput = AgreementInput & { sha256: string; aliases: string[]; annotatorNames: string[] };

function inputsFromFiles(files: string[]): DocumentInput[] {
  const byHash = new Map<string, DocumentInput>();
  const idToHash = new Map<string, { hash: string; file: string }>();
  // the tag set's roles and attributes, as the first file to define each label gives them
  const labels = new Map<string, AgreementLabel>();
  for (const [fileIndex, file] of files.entries()) {
    let text: string;
    const regular = checkRegularFileSync(file);
    if (!regular.ok) throw new AppFailure(regular.error);
    if (regular.size > IMPORT_LIMITS.maxFileBytes) throw new AppFailure({ code: 'too-large', message: `"${file}" is larger than claimtag reads at once.` });
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new AppFailure({ code: 'not-found', message: `"${file}" could not be read.` });
    }
    const parsed = importClaimtagJson(text);
    if (!parsed.ok) throw new AppFailure({ ...parsed.error, message: `${file}: ${parsed.error.message}` });
    const hashOfRef = new Map<string, string>();
    for (const d of parsed.value.documents) {
      const hash = sha256Of(d.text);
      hashOfRef.set(d.ref, hash);
      const seen = idToHash.get(d.ref);
      if (seen && seen.hash !== hash) {
        throw new AppFailure({
          code: 'conflict',
          message: `Document "${d.ref}" has a different text in ${seen.file} and ${file}; agreement needs the same text. Import both into one library to re-anchor, or compare them separately.`,
        });
      }
      idToHash.set(d.ref, { hash, file });
      const entry = byHash.get(hash) ?? { documentId: d.ref, text: d.text, annotations: [], sha256: hash, aliases: [], annotatorNames: [] };
      entry.annotatorNames.push(...parsed.value.annotators.map((a) => a.name));
      if (!entry.aliases.includes(d.ref)) entry.aliases.push(d.ref);
      byHash.set(hash, entry);
    }
    for (const l of parsed.value.labels) if (!labels.has(l.id)) labels.set(l.id, { id: l.id, role: l.role, attributes: l.attributes });
    // annotation ids are the file's own: made unique across files for the links that name them
    const uid = (ref: string) => `${fileIndex}:${ref}`;
    const ofRef = new Map<string, { documentRef: string; annotator: string }>();
    for (const a of parsed.value.annotations) {
      if (a.ref !== undefined) ofRef.set(a.ref, a);
      // hashed once per document above: hashing the text per annotation made 10k annotations on 1 MB take 30 s
      byHash.get(hashOfRef.get(a.documentRef)!)!.annotations.push({
        ...(a.ref !== undefined ? { id: uid(a.ref) } : {}),
        annotator: a.annotator,
        label: a.label,
        start: a.start,
        end: a.end,
        ...(a.attributes ? { attributes: a.attributes } : {}),
      });
    }
    for (const r of parsed.value.relations ?? []) {
      const claim = ofRef.get(r.claimRef);
      if (!claim) continue; // the import refuses dangling links; nothing to compare here
      const entry = byHash.get(hashOfRef.get(claim.documentRef)!)!;
      (entry.relations ??= []).push({ annotator: claim.annotator, kind: r.kind, claimId: uid(r.claimRef), targetId: uid(r.targetRef) });
    }
  }
  const tagSet = [...labels.values()];
  return [...byHash.values()].map((d) => ({ ...d, labels: tagSet }));
}

function inputsFromLibrary(file: string, io: CliIo): DocumentInput[] {
  const library = openLibraryForReading(file, io);
  try {
    const annotatorNames = library.annotators.list().map((a) => a.name);
    const labels = library.labels.list();
    return library.documents.list().map((d) => ({
      annotatorNames,
      documentId: d.id,
      sha256: d.sha256,
      aliases: [],
      text: library.documents.textOf(d.id),
      annotations: library.annotations
        .listForDocument(d.id)
        .map((a) => ({ id: a.id, annotator: a.annotatorName, label: a.labelId, start: a.start, end: a.end, ...(a.attributes ? { attributes: a.attributes } : {}) })),
      labels,
      relations: library.relations.listForDocument(d.id).map((r) => ({ annotator: r.annotatorName, kind: r.kind, claimId: r.claimId, targetId: r.targetId })),
    }));
  } finally {
    library.close();
  }
}
