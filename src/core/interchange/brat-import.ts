import { fail, type Result } from '../../shared/result';
import type { Confidence } from '../../shared/types';
import { ImportProblems } from './import-problems';
import { documentTextProblem, preview, resolveSpan, textTarget } from './import-text';
import { IMPORT_LIMITS, exceedsBytes, formatBytes } from './limits';
import { fileSizeFailure } from './read-import-file';
import type { ImportOptions, ImportedAnnotation, ParsedImport } from './types';

// Lines are split at \n only, so a quote or note may still hold U+2028/U+2029, which `.` does
// not match without the s flag.
const TEXT_BOUND = /^(T\d+)\t(\S+) ([^\t]+)\t(.*)$/s;
const NOTE = /^#\d+\tAnnotatorNotes (T\d+)\t(.*)$/s;
const ATTRIBUTE = /^A\d+\t(\S+) (T\d+)(?: (\S+))?$/;
const UNSUPPORTED: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>,  { R: 'relations', E: 'events', N: 'normalizations', M: 'modifications', '*': 'equivalences' }));

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
  const byId = new Map<string, ImportedAnnotation>();
  const lines = fileText.replace(/^\uFEFF/, '').split(/\r?\n/);

  lines.forEach((line, i) => {
    const where = `line ${i + 1}`;
    if (line.trim() === '') return;
    const tb = TEXT_BOUND.exec(line);
    if (tb) {
      if (byId.size >= IMPORT_LIMITS.maxAnnotations) return problems.reject(where, `more than ${IMPORT_LIMITS.maxAnnotations} annotations`);
      const [, id, type, ranges, quote] = tb;
      if (byId.has(id)) return problems.reject(where, `duplicate id ${id}`);
      const span = parseFragments(ranges, quote, target);
      if (!span.ok) return problems.reject(where, span.reason);
      byId.set(id, { documentRef: ref, annotator, label: type, start: span.start, end: span.end, quote: span.quote, note: '', attribution: '', confidence: null });
      return;
    }
    const note = NOTE.exec(line);
    if (note) {
      const a = byId.get(note[1]);
      if (!a) return problems.reject(where, `note for unknown annotation ${note[1]}`);
      if (exceedsBytes(note[2], IMPORT_LIMITS.maxNoteBytes)) return problems.reject(where, `note is larger than ${formatBytes(IMPORT_LIMITS.maxNoteBytes)}`);
      a.note = a.note === '' ? note[2] : `${a.note}\n${note[2]}`;
      return;
    }
    const attr = ATTRIBUTE.exec(line);
    if (attr && attr[1] === 'Confidence') {
      const a = byId.get(attr[2]);
      if (!a) return problems.reject(where, `attribute for unknown annotation ${attr[2]}`);
      if (!isConfidence(attr[3])) return problems.reject(where, 'Confidence must be low, medium or high');
      a.confidence = attr[3];
      return;
    }
    if (attr) return problems.skip(where, `attribute ${attr[1]} is not imported`);
    const kind = UNSUPPORTED[line[0]];
    if (kind) return problems.skip(where, `not imported: claimtag does not support brat ${kind}`);
    problems.reject(where, `not a brat annotation line: ${preview(line)}`);
  });

  const annotations = [...byId.values()];
  return problems.finish(
    {
      format: 'brat',
      documents: [{ ref, title: options.documentTitle ?? ref, source: '', text }],
      annotators: [{ name: annotator }],
      annotations,
      labels: [...new Set(annotations.map((a) => a.label))].map((id) => ({ id })),
    },
    options.partial,
  );
}

type Span = { ok: true; start: number; end: number; quote: string } | { ok: false; reason: string };

/** "s e;s e" fragments → one span from the first start to the last end, each fragment checked. */
function parseFragments(ranges: string, quote: string, target: ReturnType<typeof textTarget>): Span {
  const parts = ranges.split(';');
  const fragments: Array<{ start: number; end: number; text: string }> = [];
  for (const part of parts) {
    const m = /^(\S+) (\S+)$/.exec(part);
    if (!m) return { ok: false, reason: `malformed offsets ${preview(part)}` };
    if (!/^\d+$/.test(m[1]) || !/^\d+$/.test(m[2])) return { ok: false, reason: `offsets must be whole numbers (got ${preview(part)})` };
    const span = resolveSpan(target, { start: Number(m[1]), end: Number(m[2]) });
    if (!span.ok) return span;
    if (fragments.length > 0 && span.start < fragments[fragments.length - 1].end) return { ok: false, reason: 'fragments must be in order and must not overlap' };
    fragments.push({ start: span.start, end: span.end, text: span.quote });
  }
  const joined = fragments.map((f) => f.text).join(' ');
  // brat stores the text with line breaks (and tabs) shown as spaces.
  if (quote !== joined && quote !== joined.replace(/[\t\r\n]/g, ' ')) {
    return { ok: false, reason: `quote ${preview(quote)} does not match the text at ${ranges} (${preview(joined)})` };
  }
  const start = fragments[0].start;
  const end = fragments[fragments.length - 1].end;
  return { ok: true, start, end, quote: target.text.slice(start, end) };
}

const isConfidence = (v: string | undefined): v is Confidence => v === 'low' || v === 'medium' || v === 'high';
