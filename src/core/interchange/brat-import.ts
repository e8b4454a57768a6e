// Reads a brat .ann file the way brat does (see brat-rules.ts): lines split like Python's
// splitlines, the text after the second TAB checked against the .txt, fragments kept apart
// unless only line breaks lie between them.
import { fail, type Result } from '../../shared/result';
import type { Confidence } from '../../shared/types';
import { BRAT_ATTRIBUTION_PREFIX, BRAT_CONFIDENCE_ATTRIBUTE, BRAT_FRAGMENT_SEPARATOR, BRAT_LINE_BREAKS, BRAT_NOTE_TYPE, bratLines } from './brat-rules';
import { ImportProblems } from './import-problems';
import { documentTextProblem, labelIdProblem, preview, resolveSpan, textTarget, type TextTarget } from './import-text';
import { IMPORT_LIMITS, exceedsBytes, formatBytes } from './limits';
import { fileSizeFailure } from './read-import-file';
import type { ImportOptions, ImportedAnnotation, ParsedImport } from './types';

const TEXT_BOUND = /^(T\d+)\t(\S+) ([^\t]+)\t(.*)$/s;
const COMMENT = /^#\d*\t(\S+) (\S+)\t(.*)$/s;
const ATTRIBUTE = /^[AM]\d+\t(\S+) (T\d+)(?: (\S+))?\s*$/;
const UNSUPPORTED: Record<string, string> = { R: 'relations', E: 'events', N: 'normalizations', '*': 'equivalences' };

/** `fileText` is the .ann file; `options.companionText` the .txt file with the same name. */
export function importBrat(fileText: string, options: ImportOptions = {}): Result<ParsedImport> {
  const tooLarge = fileSizeFailure(fileText);
  if (tooLarge) return tooLarge;
  const text = options.companionText;
  if (text === undefined) return fail('invalid-input', 'A brat .ann file needs the .txt file with the same name.');
  const annotator = options.annotator?.trim();
  if (!annotator) return fail('invalid-input', 'brat files do not record who annotated them; choose an annotator.');
  const textProblem = documentTextProblem(text);
  if (textProblem) return fail(exceedsBytes(text, IMPORT_LIMITS.maxDocumentTextBytes) ? 'too-large' : 'invalid-input', `The .txt file cannot be imported: ${textProblem}.`);

  const ref = options.documentRef ?? 'brat-document';
  const target = textTarget(ref, text);
  const problems = new ImportProblems();
  /** Each brat id → the claims it became (several when it was imported as its fragments). */
  const byId = new Map<string, ImportedAnnotation[]>();
  let count = 0;
  const noted = new Set<ImportedAnnotation>();
  const lines = bratLines(fileText.replace(/^\uFEFF/, ''));

  lines.forEach((line, i) => {
    const where = `line ${i + 1}`;
    if (line.trim() === '') return;
    const tb = TEXT_BOUND.exec(line);
    if (tb) {
      const [, id, type, ranges, tail] = tb;
      if (byId.has(id)) return problems.reject(where, `duplicate id ${id}`);
      const typeProblem = labelIdProblem(type, 'type');
      if (typeProblem) return problems.reject(where, typeProblem);
      const spans = parseFragments(ranges, tail, target);
      if (!spans.ok) return problems.reject(where, spans.reason);
      if (count + spans.spans.length > IMPORT_LIMITS.maxAnnotations) return problems.reject(where, `more than ${IMPORT_LIMITS.maxAnnotations} annotations`);
      count += spans.spans.length;
      if (spans.spans.length > 1) problems.skip(where, `${id} is discontinuous with text between its fragments; imported as ${spans.spans.length} separate claims, one per fragment`);
      byId.set(
        id,
        spans.spans.map((s, k) => ({
          ref: k === 0 ? id : `${id}#${k + 1}`,
          documentRef: ref,
          annotator,
          ...(options.annotatorId !== undefined ? { annotatorId: options.annotatorId } : {}),
          label: type,
          ...s,
          note: '',
          attribution: '',
          confidence: null,
        })),
      );
      return;
    }
    const comment = COMMENT.exec(line);
    if (comment) {
      const [, type, targetId, body] = comment;
      if (type !== BRAT_NOTE_TYPE) return problems.skip(where, `comment type ${preview(type)} is not imported (only ${BRAT_NOTE_TYPE})`);
      const claims = byId.get(targetId);
      if (!claims) return problems.reject(where, `note for unknown annotation ${preview(targetId)}`);
      if (exceedsBytes(body, IMPORT_LIMITS.maxNoteBytes)) return problems.reject(where, `note is larger than ${formatBytes(IMPORT_LIMITS.maxNoteBytes)}`);
      for (const a of claims) addNote(a, body, noted);
      return;
    }
    const attr = ATTRIBUTE.exec(line);
    if (attr && attr[1] === BRAT_CONFIDENCE_ATTRIBUTE) {
      const claims = byId.get(attr[2]);
      if (!claims) return problems.reject(where, `attribute for unknown annotation ${attr[2]}`);
      if (!isConfidence(attr[3])) return problems.reject(where, 'Confidence must be low, medium or high');
      for (const a of claims) a.confidence = attr[3];
      return;
    }
    if (attr) return problems.skip(where, `attribute ${preview(attr[1])} is not imported`);
    const kind = UNSUPPORTED[line[0]];
    if (kind) return problems.skip(where, `not imported: claimtag does not support brat ${kind}`);
    problems.reject(where, `not a brat annotation line: ${preview(line)}`);
  });

  const annotations = [...byId.values()].flat();
  return problems.finish(
    {
      format: 'brat',
      documents: [{ ref, title: options.documentTitle ?? ref, source: '', text }],
      annotators: [{ ...(options.annotatorId !== undefined ? { id: options.annotatorId } : {}), name: annotator }],
      annotations,
      labels: [...new Set(annotations.map((a) => a.label))].map((id) => ({ id })),
    },
    options.partial,
  );
}

/** The first note line with the attribution prefix (before any plain note) is the attribution. */
function addNote(a: ImportedAnnotation, body: string, noted: Set<ImportedAnnotation>): void {
  if (a.attribution === '' && !noted.has(a) && body.startsWith(BRAT_ATTRIBUTION_PREFIX)) {
    a.attribution = body.slice(BRAT_ATTRIBUTION_PREFIX.length);
    return;
  }
  a.note = noted.has(a) ? `${a.note}\n${body}` : body;
  noted.add(a);
}

type Fragment = { start: number; end: number; quote: string };
type Spans = { ok: true; spans: Fragment[] } | { ok: false; reason: string };

/**
 * "s e;s e" → the claims: fragments separated only by line breaks form one claim (brat cannot
 * hold a line break, so a claim across one is written as fragments); any other gap keeps the
 * fragments apart. Never widened over text that was not marked.
 */
function parseFragments(ranges: string, tail: string, target: TextTarget): Spans {
  const fragments: Fragment[] = [];
  for (const part of ranges.trimEnd().split(';')) {
    const m = /^(\d+) (\d+)$/.exec(part);
    if (!m) return { ok: false, reason: /^\S+ \S+$/.test(part) ? `offsets must be whole numbers (got ${preview(part)})` : `malformed offsets ${preview(part)}` };
    const span = resolveSpan(target, { start: Number(m[1]), end: Number(m[2]) });
    if (!span.ok) return span;
    if (fragments.length > 0 && span.start < fragments[fragments.length - 1].end) return { ok: false, reason: 'fragments must be in order and must not overlap' };
    fragments.push({ start: span.start, end: span.end, quote: span.quote });
  }
  const joined = fragments.map((f) => f.quote).join(BRAT_FRAGMENT_SEPARATOR);
  // brat compares the text right after the TAB with the fragments; anything after must be separated by whitespace.
  if (!tail.startsWith(joined) || (tail.length > joined.length && !/^\s/.test(tail.slice(joined.length)))) {
    return { ok: false, reason: `text ${preview(tail)} does not match the document at ${ranges} (${preview(joined)})` };
  }
  const spans: Fragment[] = [];
  for (const f of fragments) {
    const last = spans[spans.length - 1];
    if (last && onlyLineBreaks(target.text.slice(last.end, f.start))) {
      last.end = f.end;
      last.quote = target.text.slice(last.start, last.end);
    } else spans.push({ ...f });
  }
  return { ok: true, spans };
}

const onlyLineBreaks = (gap: string): boolean => gap.replace(BRAT_LINE_BREAKS, '') === '';

const isConfidence = (v: string | undefined): v is Confidence => v === 'low' || v === 'medium' || v === 'high';
