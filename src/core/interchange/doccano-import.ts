import { z } from 'zod';
import { fail, type Result } from '../../shared/result';
import { ImportProblems } from './import-problems';
import { documentText, idString, offset, shortString } from './import-schema';
import { RELATION_KINDS, type RelationKind } from '../../shared/claim-structure';
import { checkRelations, labelsWithStructure } from './import-structure';
import { documentTextProblem, labelIdProblem, resolveSpan, textTarget, type TextTarget } from './import-text';
import { IMPORT_LIMITS } from './limits';
import { fileSizeFailure } from './read-import-file';
import { DEFAULT_DOCCANO_OFFSET_UNIT, DoccanoOffsets, type DoccanoOffsetUnit } from './doccano-offsets';
import { parseJsonSafely } from './safe-json';
import type { ImportOptions, ImportedAnnotation, ImportedDocumentData, ImportedRelation, ParsedImport } from './types';

const lineShape = z.object({
  text: documentText,
  label: z.array(z.unknown()).max(IMPORT_LIMITS.maxAnnotations).optional(),
  labels: z.array(z.unknown()).max(IMPORT_LIMITS.maxAnnotations).optional(),
  /** A relation project's export: spans as objects, links between them. */
  entities: z.array(z.unknown()).max(IMPORT_LIMITS.maxAnnotations).optional(),
  relations: z.array(z.unknown()).max(IMPORT_LIMITS.maxAnnotations).optional(),
  document: idString.optional(),
  title: shortString.optional(),
  annotator: idString.optional(),
});

const spanTuple = z.tuple([offset, offset, idString]).transform(([start, end, label]) => ({ start, end, label }));
const entityId = z.union([z.int(), shortString]);
const spanObject = z
  .object({ id: entityId.optional(), start_offset: offset, end_offset: offset, label: idString })
  .transform((e) => ({ start: e.start_offset, end: e.end_offset, label: e.label, ...(e.id !== undefined ? { id: String(e.id) } : {}) }));
/** A relation project's link between two entities of the same line (doccano's RelationLabel). */
const relationShape = z.object({ id: entityId.optional(), from_id: entityId, to_id: entityId, type: z.string().min(1).max(200) });
const spanShape = z.union([spanTuple, spanObject]);

const UNIT_NAMES: Record<DoccanoOffsetUnit, string> = { utf16: 'UTF-16 units', grapheme: 'grapheme clusters', codepoint: 'code points' };

export function importDoccano(fileText: string, options: ImportOptions = {}): Result<ParsedImport> {
  const tooLarge = fileSizeFailure(fileText);
  if (tooLarge) return tooLarge;
  const problems = new ImportProblems();
  const documents: ImportedDocumentData[] = [];
  const byRef = new Map<string, TextTarget>();
  const byText = new Map<string, TextTarget>();
  const annotations: ImportedAnnotation[] = [];
  const links: ImportedRelation[] = [];
  const defaultAnnotator = options.annotator?.trim() || undefined;
  const unit = options.doccanoOffsets ?? DEFAULT_DOCCANO_OFFSET_UNIT;
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
    const key = line.entities !== undefined ? 'entities' : line.label !== undefined ? 'label' : 'labels';
    const spans = line.entities ?? line.label ?? line.labels ?? [];
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
    const units = new DoccanoOffsets(target.text, unit);
    /** Entity id on this line → the claim's ref (ids are per line in doccano). */
    const refs = new Map<string, string>();
    spans.forEach((raw, k) => {
      const at = `${where}.${key}[${k}]`;
      const span = spanShape.safeParse(raw);
      if (!span.success) return Array.isArray(raw) || typeof raw !== 'object' || raw === null ? problems.rejectZod(spanTuple.safeParse(raw).error ?? span.error, at) : problems.rejectZod(spanObject.safeParse(raw).error ?? span.error, at);
      const { label } = span.data;
      const labelProblem = labelIdProblem(label);
      if (labelProblem) return problems.reject(at, labelProblem);
      const start = units.toUtf16(span.data.start);
      const end = units.toUtf16(span.data.end);
      if (start === null || end === null) return problems.reject(at, `offsets ${span.data.start}–${span.data.end} are outside the text or split a character (0–${units.length} ${UNIT_NAMES[unit]})`);
      const resolved = resolveSpan(target, { start: target.offsets.toCodePoint(start), end: target.offsets.toCodePoint(end) });
      if (!resolved.ok) return problems.reject(at, resolved.reason);
      const entity = 'id' in span.data ? span.data.id : undefined;
      const ref = entity !== undefined ? `line ${i + 1}#${entity}` : undefined;
      if (entity !== undefined) {
        if (refs.has(entity)) return problems.reject(at, `entity id ${entity} appears twice on this line`);
        refs.set(entity, ref as string);
      }
      annotations.push({ ...(ref !== undefined ? { ref } : {}), documentRef: target.ref, annotator: annotator ?? '', label, start: resolved.start, end: resolved.end, quote: resolved.quote, note: '', attribution: '', confidence: null });
    });
    (line.relations ?? []).forEach((raw, k) => {
      const at = `${where}.relations[${k}]`;
      const r = relationShape.safeParse(raw);
      if (!r.success) return problems.rejectZod(r.error, at);
      const kind = r.data.type.trim().toLowerCase();
      if (!(RELATION_KINDS as readonly string[]).includes(kind)) return problems.skip(at, `not imported: relation type ${JSON.stringify(r.data.type)} (claimtag reads "source" and "cue" links from a claim)`);
      const missing = [r.data.from_id, r.data.to_id].map(String).filter((id) => !refs.has(id));
      if (missing.length > 0) return problems.reject(at, `the ${kind} relation names entity ${missing.join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not on this line (a dangling link)`);
      links.push({ kind: kind as RelationKind, claimRef: refs.get(String(r.data.from_id)) as string, targetRef: refs.get(String(r.data.to_id)) as string, where: at });
    });
  }

  const relations = checkRelations(annotations, links, problems);
  return problems.finish(
    {
      format: 'doccano',
      documents,
      annotators: [...new Set(annotations.map((a) => a.annotator))].map((name) => ({ name })),
      annotations,
      labels: labelsWithStructure([...new Set(annotations.map((a) => a.label))].map((id) => ({ id })), annotations, relations),
      ...(relations.length > 0 ? { relations } : {}),
    },
    options.partial,
  );
}
