import { z } from 'zod';
import { fail, type Result } from '../../shared/result';
import { CLAIMTAG_FORMAT, CLAIMTAG_FORMAT_VERSION } from './claimtag-json';
import { ImportProblems } from './import-problems';
import {
  arrayOfAtMost,
  confidence,
  documentText,
  hexColor,
  idString,
  isoDateTime,
  noteString,
  offset,
  sha256,
  shortString,
} from './import-schema';
import { documentTextProblem, resolveSpan, textTarget, type TextTarget } from './import-text';
import { IMPORT_LIMITS, exceedsBytes } from './limits';
import { readJsonImport } from './read-import-file';
import type { ImportOptions, ImportedAnnotation, ImportedAnnotator, ImportedDocumentData, ImportedLabel, ImportedRelation, ParsedImport } from './types';
import { ATTRIBUTE_LIMITS, ATTRIBUTE_TYPES, LABEL_ROLES, RELATION_KINDS } from '../../shared/claim-structure';
import { checkAttributeDefinitions } from '../../shared/attribute-rules';

const header = z.object({
  format: z.literal(CLAIMTAG_FORMAT, { error: `must be "${CLAIMTAG_FORMAT}"` }),
  version: z.int({ error: 'must be a whole number' }).min(1, { error: 'must be 1 or more' }),
});

const fileShape = z.strictObject({
  format: z.string(),
  version: z.number(),
  documents: arrayOfAtMost(IMPORT_LIMITS.maxDocuments, 'documents'),
  annotators: arrayOfAtMost(IMPORT_LIMITS.maxAnnotators, 'annotators').optional(),
  labels: arrayOfAtMost(IMPORT_LIMITS.maxLabels, 'labels').optional(),
  annotations: arrayOfAtMost(IMPORT_LIMITS.maxAnnotations, 'annotations'),
  relations: arrayOfAtMost(IMPORT_LIMITS.maxAnnotations, 'relations').optional(),
});

const documentShape = z.strictObject({
  id: idString,
  title: shortString.optional(),
  source: shortString.optional(),
  text: documentText,
  sha256: sha256.optional(),
  createdAt: isoDateTime.optional(),
});

const annotatorShape = z.strictObject({ id: idString, name: idString });

const labelShape = z.union([
  idString,
  z.strictObject({
    id: idString,
    name: shortString.optional(),
    color: hexColor.optional(),
    shortcut: z.string().regex(/^[1-9]?$/, { error: 'must be one key, "1"–"9"' }).optional(),
    definition: noteString.optional(),
    archived: z.boolean().optional(),
    sortOrder: z.int().optional(),
    role: z.enum(LABEL_ROLES, { error: `must be one of ${LABEL_ROLES.join(', ')}` }).optional(),
    attributes: z
      .array(
        z.strictObject({
          key: idString,
          name: shortString,
          type: z.enum(ATTRIBUTE_TYPES, { error: `must be one of ${ATTRIBUTE_TYPES.join(', ')}` }),
          options: z.array(z.strictObject({ key: idString, name: shortString })).max(ATTRIBUTE_LIMITS.optionsPerAttribute * 2),
        }),
      )
      .max(ATTRIBUTE_LIMITS.attributesPerLabel * 2)
      .optional(),
  }),
]);

const relationShape = z.strictObject({
  id: idString.optional(),
  document: idString,
  annotator: idString.optional(),
  kind: z.enum(RELATION_KINDS, { error: `must be one of ${RELATION_KINDS.join(', ')}` }),
  claim: idString,
  target: idString,
  createdAt: isoDateTime.optional(),
});

/** Exported for the test that the fast path below accepts nothing this rejects. */
export const annotationShape = z.strictObject({
  id: idString.optional(),
  document: idString,
  annotator: idString.optional(),
  label: idString,
  start: offset,
  end: offset,
  quote: z.string().optional(),
  prefix: shortString.optional(),
  suffix: shortString.optional(),
  note: noteString.optional(),
  attribution: shortString.optional(),
  confidence: confidence.optional(),
  attributes: z.record(idString, z.union([shortString, z.array(shortString).max(ATTRIBUTE_LIMITS.linksPerValue * 2)])).optional(),
  createdAt: isoDateTime.optional(),
  updatedAt: isoDateTime.optional(),
});

type AnnotationFields = z.output<typeof annotationShape>;

const ANNOTATION_KEYS: ReadonlySet<string> = new Set(Object.keys(annotationShape.shape));
const CONFIDENCES: ReadonlySet<unknown> = new Set([null, 'low', 'medium', 'high']);
const isShortString = (v: unknown): v is string => typeof v === 'string' && !exceedsBytes(v, IMPORT_LIMITS.maxShortStringBytes);
const isIdString = (v: unknown): v is string => isShortString(v) && v.trim() !== '';
const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * `annotationShape` for the common, valid annotation, without zod's cost per object (most of
 * the parse time of a large file). Returns the annotation when it certainly passes the schema,
 * otherwise null, and the caller asks zod, whose issues are then the ones reported: each test
 * here is the schema's own rule or stricter, so nothing is accepted that zod would reject.
 * The schema changes nothing it accepts, so the parsed object is the input itself.
 */
export function annotationChecker(): (raw: unknown) => AnnotationFields | null {
  let lastDate: string | undefined; // files repeat timestamps (createdAt = updatedAt, one import time)
  const isDate = (v: unknown): boolean => {
    if (v === undefined || v === lastDate) return true;
    if (typeof v !== 'string' || !isoDateTime.safeParse(v).success) return false;
    lastDate = v;
    return true;
  };
  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const a = raw as Record<string, unknown>;
    for (const key in a) if (!ANNOTATION_KEYS.has(key)) return null;
    const ok =
      (a.id === undefined || isIdString(a.id)) &&
      isIdString(a.document) &&
      (a.annotator === undefined || isIdString(a.annotator)) &&
      isIdString(a.label) &&
      isOffset(a.start) &&
      isOffset(a.end) &&
      (a.quote === undefined || typeof a.quote === 'string') &&
      (a.prefix === undefined || isShortString(a.prefix)) &&
      (a.suffix === undefined || isShortString(a.suffix)) &&
      (a.note === undefined || (typeof a.note === 'string' && !exceedsBytes(a.note, IMPORT_LIMITS.maxNoteBytes))) &&
      (a.attribution === undefined || isShortString(a.attribution)) &&
      (a.confidence === undefined || CONFIDENCES.has(a.confidence)) &&
      a.attributes === undefined &&
      isDate(a.createdAt) &&
      isDate(a.updatedAt);
    return ok ? (a as AnnotationFields) : null;
  };
}

export function importClaimtagJson(fileText: string, options: ImportOptions = {}): Result<ParsedImport> {
  const json = readJsonImport(fileText);
  if (!json.ok) return json;
  const head = header.safeParse(json.value);
  if (!head.success) {
    const problems = new ImportProblems();
    problems.rejectZod(head.error, '');
    return fail('invalid-input', 'This is not a claimtag JSON file.', problems.rejected.map((p) => `${p.where}: ${p.reason}`));
  }
  if (head.data.version > CLAIMTAG_FORMAT_VERSION) {
    return fail(
      'unsupported',
      `This file uses claimtag format version ${head.data.version}, but this version of claimtag reads versions up to ${CLAIMTAG_FORMAT_VERSION}. Update claimtag to import it.`,
    );
  }
  const shape = fileShape.safeParse(json.value);
  if (!shape.success) {
    const problems = new ImportProblems();
    problems.rejectZod(shape.error, '');
    // A wrong top-level structure (or too many items) makes per-item import meaningless, even with `partial`.
    return problems.finish({ format: 'json', documents: [], annotators: [], annotations: [], labels: [] }, false);
  }
  const file = shape.data;
  const problems = new ImportProblems();

  const documents: ImportedDocumentData[] = [];
  const targets = new Map<string, TextTarget>();
  const failedDocuments = new Set<string>();
  file.documents.forEach((raw, i) => {
    const where = `documents[${i}]`;
    const parsed = documentShape.safeParse(raw);
    if (!parsed.success) {
      problems.rejectZod(parsed.error, where);
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'string') failedDocuments.add(id);
      return;
    }
    const d = parsed.data;
    if (targets.has(d.id)) return problems.reject(`${where}.id`, `duplicate document id ${JSON.stringify(d.id)}`);
    const problem = documentTextProblem(d.text, d.sha256);
    if (problem) {
      failedDocuments.add(d.id);
      return problems.reject(where, problem);
    }
    targets.set(d.id, textTarget(d.id, d.text));
    documents.push({
      ref: d.id,
      title: d.title ?? d.id,
      source: d.source ?? '',
      text: d.text,
      ...(d.sha256 !== undefined ? { sha256: d.sha256 } : {}),
      ...(d.createdAt !== undefined ? { createdAt: d.createdAt } : {}),
    });
  });

  const annotatorList: ImportedAnnotator[] = [];
  const annotatorById = new Map<string, ImportedAnnotator>();
  (file.annotators ?? []).forEach((raw, i) => {
    const parsed = annotatorShape.safeParse(raw);
    if (!parsed.success) return problems.rejectZod(parsed.error, `annotators[${i}]`);
    if (annotatorById.has(parsed.data.id)) return problems.reject(`annotators[${i}].id`, `duplicate annotator id ${JSON.stringify(parsed.data.id)}`);
    annotatorById.set(parsed.data.id, parsed.data);
    annotatorList.push(parsed.data);
  });
  const annotatorsDeclared = file.annotators !== undefined;

  const labels: ImportedLabel[] = [];
  const labelIds = new Set<string>();
  (file.labels ?? []).forEach((raw, i) => {
    const parsed = labelShape.safeParse(raw);
    if (!parsed.success) return problems.rejectZod(parsed.error, `labels[${i}]`);
    const label = typeof parsed.data === 'string' ? { id: parsed.data } : parsed.data;
    const definitionProblems = 'attributes' in label && label.attributes ? checkAttributeDefinitions(label.attributes) : [];
    if (definitionProblems.length > 0) {
      for (const p of definitionProblems) problems.reject(`labels[${i}].${p.field}`, p.message);
      return;
    }
    if (labelIds.has(label.id)) return problems.reject(`labels[${i}].id`, `duplicate label id ${JSON.stringify(label.id)}`);
    labelIds.add(label.id);
    labels.push(label);
  });
  const labelsDeclared = file.labels !== undefined;

  const annotations: ImportedAnnotation[] = [];
  const annotationIds = new Set<string>();
  const annotationByRef = new Map<string, ImportedAnnotation>();
  const defaultAnnotator = options.annotator?.trim() || undefined;
  const plainAnnotation = annotationChecker();
  file.annotations.forEach((raw, i) => {
    // The path is spelled out only for a problem (building it for every annotation costs).
    const where = (field = '') => `annotations[${i}]${field}`;
    let a = plainAnnotation(raw);
    if (!a) {
      const parsed = annotationShape.safeParse(raw);
      if (!parsed.success) return problems.rejectZod(parsed.error, where());
      a = parsed.data;
    }
    if (a.id !== undefined) {
      if (annotationIds.has(a.id)) return problems.reject(where('.id'), `duplicate annotation id ${JSON.stringify(a.id)}`);
      annotationIds.add(a.id);
    }
    const target = targets.get(a.document);
    if (!target) {
      const why = failedDocuments.has(a.document) ? 'was rejected' : 'does not exist in this file';
      return problems.reject(where('.document'), `document ${JSON.stringify(a.document)} ${why}`);
    }
    let annotator: ImportedAnnotator;
    if (a.annotator === undefined) {
      if (!defaultAnnotator) return problems.reject(where('.annotator'), 'no annotator: the file names none and no default annotator was given');
      annotator = { name: defaultAnnotator };
    } else if (annotatorsDeclared) {
      const known = annotatorById.get(a.annotator);
      if (!known) return problems.reject(where('.annotator'), `annotator ${JSON.stringify(a.annotator)} is not listed in "annotators"`);
      annotator = known;
    } else {
      annotator = { name: a.annotator };
    }
    if (labelsDeclared && !labelIds.has(a.label)) return problems.reject(where('.label'), `label ${JSON.stringify(a.label)} is not listed in "labels"`);
    const span = resolveSpan(target, a);
    if (!span.ok) return problems.reject(where(), span.reason);
    // Built field by field (not with conditional spreads, which copy a temporary object each),
    // in the same key order, leaving out what the file did not give.
    const imported = {} as ImportedAnnotation;
    if (a.id !== undefined) imported.ref = a.id;
    imported.documentRef = a.document;
    imported.annotator = annotator.name;
    if (annotator.id !== undefined) imported.annotatorId = annotator.id;
    imported.label = a.label;
    imported.start = span.start;
    imported.end = span.end;
    imported.quote = span.quote;
    if (a.prefix !== undefined) imported.prefix = a.prefix;
    if (a.suffix !== undefined) imported.suffix = a.suffix;
    imported.note = a.note ?? '';
    imported.attribution = a.attribution ?? '';
    imported.confidence = a.confidence ?? null;
    if (a.attributes !== undefined && Object.keys(a.attributes).length > 0) imported.attributes = a.attributes;
    if (a.createdAt !== undefined) imported.createdAt = a.createdAt;
    if (a.updatedAt !== undefined) imported.updatedAt = a.updatedAt;
    annotations.push(imported);
    if (imported.ref !== undefined) annotationByRef.set(imported.ref, imported);
  });

  // Links (#20): both ends must be annotations of this file, in the named document, by one annotator.
  const relations: ImportedRelation[] = [];
  const relationIds = new Set<string>();
  (file.relations ?? []).forEach((raw, i) => {
    const where = `relations[${i}]`;
    const parsed = relationShape.safeParse(raw);
    if (!parsed.success) return problems.rejectZod(parsed.error, where);
    const r = parsed.data;
    if (r.id !== undefined) {
      if (relationIds.has(r.id)) return problems.reject(`${where}.id`, `duplicate relation id ${JSON.stringify(r.id)}`);
      relationIds.add(r.id);
    }
    const end = (ref: string, field: 'claim' | 'target') => {
      const found = annotationByRef.get(ref);
      if (!found) {
        const why = annotationIds.has(ref) ? 'was rejected' : 'is not in this file';
        problems.reject(`${where}.${field}`, `links annotation ${JSON.stringify(ref)}, which ${why}: a link needs both its ends`);
      }
      return found;
    };
    const claim = end(r.claim, 'claim');
    const target = end(r.target, 'target');
    if (!claim || !target) return;
    if (claim.documentRef !== r.document || target.documentRef !== r.document) return problems.reject(where, `links annotations outside document ${JSON.stringify(r.document)}`);
    if (claim.annotator !== target.annotator || claim.annotatorId !== target.annotatorId) return problems.reject(where, 'links two annotators’ work; a link joins one annotator’s claim to her own source or cue');
    if (r.annotator !== undefined && r.annotator !== (claim.annotatorId ?? claim.annotator)) return problems.reject(`${where}.annotator`, `is not the annotator of the annotations it links`);
    if (r.claim === r.target) return problems.reject(where, 'links an annotation to itself');
    relations.push({ ...(r.id !== undefined ? { ref: r.id } : {}), kind: r.kind, claimRef: r.claim, targetRef: r.target, ...(r.createdAt !== undefined ? { createdAt: r.createdAt } : {}) });
  });

  if (!annotatorsDeclared) for (const name of new Set(annotations.map((a) => a.annotator))) annotatorList.push({ name });
  if (!labelsDeclared) for (const id of new Set(annotations.map((a) => a.label))) labels.push({ id });

  return problems.finish({ format: 'json', documents, annotators: annotatorList, annotations, labels, ...(relations.length > 0 ? { relations } : {}) }, options.partial);
}
