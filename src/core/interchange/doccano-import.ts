import { z } from 'zod';
import { fail, type Result } from '../../shared/result';
import { ImportProblems } from './import-problems';
import { documentText, idString, offset, shortString } from './import-schema';
import { documentTextProblem, resolveSpan, textTarget, type TextTarget } from './import-text';
import { IMPORT_LIMITS } from './limits';
import { fileSizeFailure } from './read-import-file';
import { parseJsonSafely } from './safe-json';
import type { ImportOptions, ImportedAnnotation, ImportedDocumentData, ParsedImport } from './types';

const lineShape = z.object({
  text: documentText,
  label: z.array(z.unknown()).max(IMPORT_LIMITS.maxAnnotations).optional(),
  labels: z.array(z.unknown()).max(IMPORT_LIMITS.maxAnnotations).optional(),
  document: idString.optional(),
  title: shortString.optional(),
  annotator: idString.optional(),
});

const spanShape = z.tuple([offset, offset, idString]);

export function importDoccano(fileText: string, options: ImportOptions = {}): Result<ParsedImport> {
  const tooLarge = fileSizeFailure(fileText);
  if (tooLarge) return tooLarge;
  const problems = new ImportProblems();
  const documents: ImportedDocumentData[] = [];
  const byRef = new Map<string, TextTarget>();
  const byText = new Map<string, TextTarget>();
  const annotations: ImportedAnnotation[] = [];
  const defaultAnnotator = options.annotator?.trim() || undefined;
  const lines = fileText.replace(/^\uFEFF/, '').split(/\r?\n/);

  for (let i = 0; i < lines.length; i++) {
    const where = `line ${i + 1}`;
    if (lines[i].trim() === '') continue;
    const json = parseJsonSafely(lines[i], where);
    if (!json.ok) {
      problems.reject(where, json.error.details?.[0]?.replace(`${where}: `, '') ?? json.error.message);
      continue;
    }
    const parsed = lineShape.safeParse(json.value);
    if (!parsed.success) {
      problems.rejectZod(parsed.error, where);
      continue;
    }
    const line = parsed.data;
    const spans = line.label ?? line.labels ?? [];
    if (annotations.length + spans.length > IMPORT_LIMITS.maxAnnotations) {
      return fail('too-large', `The file has more than ${IMPORT_LIMITS.maxAnnotations.toLocaleString('en-US')} annotations.`);
    }
    let target = line.document !== undefined ? byRef.get(line.document) : byText.get(line.text);
    if (target && target.text !== line.text) {
      problems.reject(`${where}.text`, `document ${JSON.stringify(line.document)} has a different text on an earlier line`);
      continue;
    }
    if (!target) {
      const problem = documentTextProblem(line.text);
      if (problem) {
        problems.reject(`${where}.text`, problem);
        continue;
      }
      if (documents.length >= IMPORT_LIMITS.maxDocuments) return fail('too-large', `The file has more than ${IMPORT_LIMITS.maxDocuments} documents.`);
      const ref = line.document ?? `doccano-${documents.length + 1}`;
      target = textTarget(ref, line.text);
      byRef.set(ref, target);
      byText.set(line.text, target);
      documents.push({ ref, title: line.title ?? `Document ${documents.length + 1}`, source: '', text: line.text });
    }
    const annotator = line.annotator ?? defaultAnnotator;
    if (spans.length > 0 && !annotator) {
      problems.reject(`${where}`, 'no annotator: the line names none and no default annotator was given');
      continue;
    }
    spans.forEach((raw, k) => {
      const at = `${where}.label[${k}]`;
      const span = spanShape.safeParse(raw);
      if (!span.success) return problems.rejectZod(span.error, at);
      const [start, end, label] = span.data;
      const resolved = resolveSpan(target, { start, end });
      if (!resolved.ok) return problems.reject(at, resolved.reason);
      annotations.push({ documentRef: target.ref, annotator: annotator ?? '', label, start: resolved.start, end: resolved.end, quote: resolved.quote, note: '', attribution: '', confidence: null });
    });
  }

  return problems.finish(
    {
      format: 'doccano',
      documents,
      annotators: [...new Set(annotations.map((a) => a.annotator))].map((name) => ({ name })),
      annotations,
      labels: [...new Set(annotations.map((a) => a.label))].map((id) => ({ id })),
    },
    options.partial,
  );
}
