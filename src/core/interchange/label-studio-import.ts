import { z } from 'zod';
import { fail, type Result } from '../../shared/result';
import { RELATION_KINDS, type AttributeType, type AttributeValues, type RelationKind } from '../../shared/claim-structure';
import type { Confidence } from '../../shared/types';
import { ImportProblems } from './import-problems';
import { checkAttributeValue, checkRelations, labelsWithStructure, setAttribute } from './import-structure';
import { LABEL_STUDIO_ATTRIBUTE_PREFIX } from './label-studio';
import { confidence, documentText, idString, isoDateTime, noteString, offset, shortString } from './import-schema';
import { documentTextProblem, labelIdProblem, resolveSpan, textTarget } from './import-text';
import { IMPORT_LIMITS } from './limits';
import { readJsonImport } from './read-import-file';
import type { ImportOptions, ImportedAnnotation, ImportedDocumentData, ImportedRelation, ParsedImport } from './types';

const labelsValue = z.object({ start: offset, end: offset, text: z.string().optional(), labels: z.array(idString).min(1).max(IMPORT_LIMITS.maxLabels) });
const textareaValue = z.object({ text: z.array(noteString).max(100) });
const choicesValue = z.object({ choices: z.array(z.string()).max(100) });
const datetimeValue = z.object({ datetime: z.string().max(100) });
/** A link between two regions (Label Studio's relation result); it has no value. */
const relationItem = z.object({
  type: z.literal('relation'),
  from_id: shortString,
  to_id: shortString,
  direction: z.enum(['right', 'left', 'bi']).optional(),
  labels: z.array(z.string().max(200)).max(100).optional(),
});
const resultItem = z.object({ id: shortString.optional(), type: z.string(), from_name: z.string().optional(), value: z.unknown() });

const completedBy = z.union([
  z.number(),
  z.object({ id: z.number().optional(), email: shortString.optional(), first_name: shortString.optional(), last_name: shortString.optional() }),
]);

const annotationEntry = z.object({
  completed_by: completedBy.optional(),
  claimtag_annotator: z.object({ id: idString.optional(), name: idString }).optional(),
  created_at: isoDateTime.optional(),
  updated_at: isoDateTime.optional(),
  was_cancelled: z.boolean().optional(),
  skipped: z.boolean().optional(),
  result: z.array(z.unknown()).max(IMPORT_LIMITS.maxAnnotations),
});

const predictionEntry = z.object({
  model_version: shortString.optional(),
  created_at: isoDateTime.optional(),
  result: z.array(z.unknown()).max(IMPORT_LIMITS.maxAnnotations),
});

const taskData = z.object({ text: documentText, document: idString.optional(), title: shortString.optional() });
const taskId = z.union([z.number(), shortString]);
const entries = z.array(z.unknown()).max(10_000).optional();
const task = z.object({ id: taskId.optional(), data: taskData, annotations: entries, completions: entries, predictions: entries });

/** A record of Label Studio's JSON-MIN export: the task data flattened, one record per annotation. */
const jsonMinRecord = z
  .object({
    id: taskId.optional(),
    text: documentText,
    document: idString.optional(),
    title: shortString.optional(),
    annotator: z.union([z.number(), shortString]).nullable().optional(),
    annotation_id: z.union([z.number(), shortString]).nullable().optional(),
    created_at: isoDateTime.nullable().optional(),
    updated_at: isoDateTime.nullable().optional(),
  })
  .loose();
const JSON_MIN_META = new Set(['id', 'text', 'document', 'title', 'annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time', 'agreement']);
const PER_REGION = ['note', 'attribution', 'confidence'] as const;

/** Name of the annotator that holds imported predictions. */
export const PREDICTION_ANNOTATOR = 'Label Studio prediction';

interface Region {
  where: string;
  start: number;
  end: number;
  quote?: string;
  labels: string[];
  note: string;
  attribution: string;
  confidence: Confidence | null;
  attributes: AttributeValues;
}

type Task = z.infer<typeof task>;

export function importLabelStudio(fileText: string, options: ImportOptions = {}): Result<ParsedImport> {
  const json = readJsonImport(fileText);
  if (!json.ok) return json;
  const items = z.array(z.unknown()).max(IMPORT_LIMITS.maxDocuments * 10).safeParse(Array.isArray(json.value) ? json.value : [json.value]);
  if (!items.success) return fail('too-large', `The file has more than ${IMPORT_LIMITS.maxDocuments} tasks.`);
  const problems = new ImportProblems();
  const tasks = readTasks(items.data, problems);
  if (tasks.length > IMPORT_LIMITS.maxDocuments) return fail('too-large', `The file has more than ${IMPORT_LIMITS.maxDocuments} tasks.`);
  const documents: ImportedDocumentData[] = [];
  const annotations: ImportedAnnotation[] = [];
  const links: ImportedRelation[] = [];
  const refs = new Set<string>();

  for (const { where, task: parsed, t } of tasks) {
    const { data } = parsed;
    const problem = documentTextProblem(data.text);
    if (problem) {
      problems.reject(`${where}.data.text`, problem);
      continue;
    }
    let ref = data.document ?? `label-studio-${parsed.id ?? t + 1}`;
    if (refs.has(ref)) ref = `${ref}-${t + 1}`;
    refs.add(ref);
    const target = textTarget(ref, data.text);
    documents.push({ ref, title: data.title ?? `Task ${parsed.id ?? t + 1}`, source: '', text: data.text });

    const work: Array<{ at: string; raw: unknown; prediction: boolean }> = [
      ...(parsed.annotations ?? []).map((raw, k) => ({ at: `${where}.annotations[${k}]`, raw, prediction: false })),
      // Label Studio before 1.0 called annotations "completions".
      ...(parsed.completions ?? []).map((raw, k) => ({ at: `${where}.completions[${k}]`, raw, prediction: false })),
      ...(parsed.predictions ?? []).map((raw, k) => ({ at: `${where}.predictions[${k}]`, raw, prediction: true })),
    ];
    for (const { at, raw, prediction } of work) {
      let e: z.infer<typeof annotationEntry>;
      let annotator: { id?: string; name: string } | null;
      if (prediction) {
        const p = predictionEntry.safeParse(raw);
        if (!p.success) {
          problems.rejectZod(p.error, at);
          continue;
        }
        e = { result: p.data.result, ...(p.data.created_at !== undefined ? { created_at: p.data.created_at } : {}) };
        annotator = { name: p.data.model_version ? `${PREDICTION_ANNOTATOR} (${p.data.model_version})` : PREDICTION_ANNOTATOR };
      } else {
        const entry = annotationEntry.safeParse(raw);
        if (!entry.success) {
          problems.rejectZod(entry.error, at);
          continue;
        }
        e = entry.data;
        if (e.was_cancelled || e.skipped) {
          problems.skip(at, 'skipped: the annotation was cancelled in Label Studio');
          continue;
        }
        annotator = annotatorOf(e, options.annotator);
      }
      if (e.result.length === 0) continue;
      if (!annotator) {
        problems.reject(`${at}.completed_by`, 'no annotator: the annotation names none and no default annotator was given');
        continue;
      }
      const { regions, relations } = collectRegions(e.result, at, problems);
      links.push(...relations);
      for (const region of regions) {
        const span = resolveSpan(target, { start: region.start, end: region.end, quote: region.quote });
        if (!span.ok) {
          problems.reject(region.where, span.reason);
          continue;
        }
        if (annotations.length + region.labels.length > IMPORT_LIMITS.maxAnnotations) {
          problems.reject(region.where, 'too many annotations');
          break;
        }
        region.labels.forEach((label, n) => {
          const labelProblem = labelIdProblem(label);
          if (labelProblem) return problems.reject(`${region.where}.value.labels[${n}]`, labelProblem);
          annotations.push({
            ...(regionRef(region, n) !== undefined ? { ref: regionRef(region, n) } : {}),
            documentRef: ref,
            annotator: annotator.name,
            ...(annotator.id !== undefined ? { annotatorId: annotator.id } : {}),
            label,
            start: span.start,
            end: span.end,
            quote: span.quote,
            note: region.note,
            attribution: region.attribution,
            confidence: region.confidence,
            ...(Object.keys(region.attributes).length > 0 ? { attributes: { ...region.attributes } } : {}),
            ...(e.created_at !== undefined ? { createdAt: e.created_at } : {}),
            ...(e.updated_at !== undefined ? { updatedAt: e.updated_at } : {}),
          });
        });
      }
    }
  }

  const annotators = new Map<string, { id?: string; name: string }>();
  for (const a of annotations) annotators.set(a.annotatorId ?? a.annotator, { ...(a.annotatorId !== undefined ? { id: a.annotatorId } : {}), name: a.annotator });
  const relations = checkRelations(annotations, links, problems);
  return problems.finish(
    {
      format: 'labelstudio',
      documents,
      annotators: [...annotators.values()],
      annotations,
      labels: labelsWithStructure([...new Set(annotations.map((a) => a.label))].map((id) => ({ id })), annotations, relations),
      ...(relations.length > 0 ? { relations } : {}),
    },
    options.partial,
  );
}

/**
 * The tasks in the file: Label Studio's JSON export (tasks with `data`), or its JSON-MIN export
 * (flat records, one per annotation), turned into tasks with one annotation per record.
 */
function readTasks(items: readonly unknown[], problems: ImportProblems): Array<{ where: string; t: number; task: Task }> {
  const out: Array<{ where: string; t: number; task: Task }> = [];
  const minByTask = new Map<string, Task & { annotations: unknown[] }>();
  items.forEach((raw, t) => {
    const where = `[${t}]`;
    const isObject = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
    if (isObject && !('data' in raw) && 'text' in raw) {
      const record = jsonMinRecord.safeParse(raw);
      if (!record.success) return problems.rejectZod(record.error, where);
      const r = record.data;
      const key = JSON.stringify([r.id ?? `#${t}`, r.document ?? null, r.text]);
      let grouped = minByTask.get(key);
      if (!grouped) {
        grouped = { ...(r.id !== undefined ? { id: r.id } : {}), data: { text: r.text, ...(r.document !== undefined ? { document: r.document } : {}), ...(r.title !== undefined ? { title: r.title } : {}) }, annotations: [] };
        minByTask.set(key, grouped);
        out.push({ where, t, task: grouped });
      }
      const entry = jsonMinEntry(r, where, problems);
      if (entry) grouped.annotations.push(entry);
      return;
    }
    const parsed = task.safeParse(raw);
    if (!parsed.success) return problems.rejectZod(parsed.error, where);
    out.push({ where, t, task: parsed.data });
  });
  return out;
}

/** A JSON-MIN record as an annotation entry: label regions get ids, per-region fields join them by offsets. */
function jsonMinEntry(r: z.infer<typeof jsonMinRecord>, where: string, problems: ImportProblems): object | null {
  const result: object[] = [];
  const regions: Array<{ id: string; start: unknown; end: unknown }> = [];
  const extras: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(r)) {
    if (JSON_MIN_META.has(key)) continue;
    const list = Array.isArray(value) ? value : null;
    if (list && list.every((v) => typeof v === 'object' && v !== null && 'labels' in v)) {
      list.forEach((v: { start?: unknown; end?: unknown }, i) => {
        const id = `${where}.${key}[${i}]`;
        regions.push({ id, start: v.start, end: v.end });
        result.push({ id, from_name: key, type: 'labels', value: v });
      });
    } else if ((PER_REGION as readonly string[]).includes(key)) extras.push([key, value]);
    else problems.skip(`${where}.${key}`, `not imported: field "${key}"`);
  }
  for (const [key, value] of extras) {
    const type = key === 'confidence' ? 'choices' : 'textarea';
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null)) {
      // One result is written bare, without its offsets: it belongs to the only claim, if there is one.
      if (regions.length !== 1) {
        problems.skip(`${where}.${key}`, `not imported: JSON-MIN does not say which of the ${regions.length} claims this ${key} belongs to`);
        continue;
      }
      const values = Array.isArray(value) ? value : [value];
      result.push({ id: regions[0].id, from_name: key, type, value: type === 'choices' ? { choices: values } : { text: values } });
      continue;
    }
    value.forEach((v: { start?: unknown; end?: unknown }, i) => {
      const region = regions.find((x) => x.start === v.start && x.end === v.end);
      if (!region) return problems.skip(`${where}.${key}[${i}]`, `not imported: no claim at ${String(v.start)}–${String(v.end)}`);
      result.push({ id: region.id, from_name: key, type, value: v });
    });
  }
  const by = r.annotator;
  return {
    ...(typeof by === 'number' ? { completed_by: by } : typeof by === 'string' ? { completed_by: { email: by } } : {}),
    ...(r.created_at ? { created_at: r.created_at } : {}),
    ...(r.updated_at ? { updated_at: r.updated_at } : {}),
    result,
  };
}

const regionIds = new WeakMap<Region, string>();
const regionRef = (r: Region, n: number): string | undefined => {
  const id = regionIds.get(r);
  return id === undefined ? undefined : n === 0 ? id : `${id}#${n + 1}`;
};

function annotatorOf(e: z.infer<typeof annotationEntry>, fallback: string | undefined): { id?: string; name: string } | null {
  if (e.claimtag_annotator) return e.claimtag_annotator;
  const by = e.completed_by;
  if (by !== undefined && typeof by !== 'number') {
    const name = [by.first_name, by.last_name].filter(Boolean).join(' ') || by.email;
    if (name) return { name };
  }
  if (fallback?.trim()) return { name: fallback.trim() };
  return typeof by === 'number' ? { name: `Label Studio user ${by}` } : null;
}

/**
 * Groups "labels" results with the per-region note/attribution/confidence/attribute results sharing
 * their id, and reads the relations between regions (links from a claim to its source or cue).
 */
function collectRegions(results: unknown[], at: string, problems: ImportProblems): { regions: Region[]; relations: ImportedRelation[] } {
  const regions: Region[] = [];
  const byId = new Map<string, Region>();
  const extras: Array<{ where: string; id?: string; fromName?: string; type: string; value: unknown }> = [];
  const relationItems: Array<{ where: string; item: z.infer<typeof relationItem> }> = [];
  results.forEach((raw, r) => {
    const where = `${at}.result[${r}]`;
    if (typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'relation') {
      const rel = relationItem.safeParse(raw);
      if (!rel.success) return problems.rejectZod(rel.error, where);
      return relationItems.push({ where, item: rel.data });
    }
    const item = resultItem.safeParse(raw);
    if (!item.success) return problems.rejectZod(item.error, where);
    const { id, type, from_name: fromName, value } = item.data;
    if (type !== 'labels') return extras.push({ where, id, fromName, type, value });
    const v = labelsValue.safeParse(value);
    if (!v.success) return problems.rejectZod(v.error, `${where}.value`);
    const region: Region = { where, start: v.data.start, end: v.data.end, quote: v.data.text, labels: v.data.labels, note: '', attribution: '', confidence: null, attributes: {} };
    regions.push(region);
    if (id !== undefined) {
      regionIds.set(region, id);
      byId.set(id, region);
    }
  });
  for (const x of extras) {
    const region = x.id !== undefined ? byId.get(x.id) : undefined;
    if (region && x.fromName?.startsWith(LABEL_STUDIO_ATTRIBUTE_PREFIX)) {
      readAttribute(region, x.fromName.slice(LABEL_STUDIO_ATTRIBUTE_PREFIX.length), x, problems);
      continue;
    }
    if (!region || (x.fromName !== 'note' && x.fromName !== 'attribution' && x.fromName !== 'confidence')) {
      problems.skip(x.where, `not imported: "${x.type}" result${x.fromName ? ` "${x.fromName}"` : ''}`);
      continue;
    }
    if (x.fromName === 'confidence') {
      const v = choicesValue.safeParse(x.value);
      const c = v.success ? confidence.safeParse(v.data.choices[0] ?? null) : null;
      if (!c?.success) problems.reject(`${x.where}.value`, 'confidence must be low, medium or high');
      else region.confidence = c.data;
      continue;
    }
    const v = textareaValue.safeParse(x.value);
    if (!v.success) {
      problems.rejectZod(v.error, `${x.where}.value`);
      continue;
    }
    region[x.fromName] = v.data.text.join('\n');
  }
  const relations: ImportedRelation[] = [];
  for (const { where, item } of relationItems) {
    const kinds = (item.labels ?? []).map((l) => l.trim().toLowerCase()).filter((l): l is RelationKind => (RELATION_KINDS as readonly string[]).includes(l));
    if (kinds.length !== 1) {
      problems.skip(where, `not imported: a relation labelled ${JSON.stringify(item.labels ?? [])} (claimtag reads relations labelled "source" or "cue")`);
      continue;
    }
    if (item.direction === 'bi') {
      problems.skip(where, 'not imported: a relation without a direction (bi) does not say which end is the claim');
      continue;
    }
    const [from, to] = item.direction === 'left' ? [item.to_id, item.from_id] : [item.from_id, item.to_id];
    const missing = [from, to].filter((id) => !byId.has(id));
    if (missing.length > 0) {
      problems.reject(where, `the ${kinds[0]} relation names region ${missing.map((m) => JSON.stringify(m)).join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not in this annotation (a dangling link)`);
      continue;
    }
    const claim = byId.get(from) as Region;
    const target = byId.get(to) as Region;
    relations.push({ kind: kinds[0], claimRef: regionRef(claim, 0) as string, targetRef: regionRef(target, 0) as string, where });
  }
  return { regions, relations };
}

const RESULT_ATTRIBUTE_TYPE: Readonly<Record<string, AttributeType>> = { choices: 'choice', textarea: 'links', datetime: 'date' };

/** A per-region "attribute-<key>" result: choices → an option key, textarea → links (one per line), datetime → a date. */
function readAttribute(region: Region, key: string, x: { where: string; type: string; value: unknown }, problems: ImportProblems): void {
  const type = Object.hasOwn(RESULT_ATTRIBUTE_TYPE, x.type) ? RESULT_ATTRIBUTE_TYPE[x.type] : undefined;
  if (!type) return problems.skip(x.where, `not imported: a "${x.type}" result for attribute ${JSON.stringify(key)}`);
  let value: string | string[];
  if (type === 'choice') {
    const v = choicesValue.safeParse(x.value);
    if (!v.success) return problems.rejectZod(v.error, `${x.where}.value`);
    if (v.data.choices.length !== 1) return problems.reject(`${x.where}.value.choices`, `${key} takes one value, not ${v.data.choices.length}`);
    value = v.data.choices[0];
  } else if (type === 'links') {
    const v = textareaValue.safeParse(x.value);
    if (!v.success) return problems.rejectZod(v.error, `${x.where}.value`);
    value = v.data.text.flatMap((t) => t.split(/\s+/)).filter(Boolean);
  } else {
    const v = datetimeValue.safeParse(x.value);
    if (!v.success) return problems.rejectZod(v.error, `${x.where}.value`);
    value = v.data.datetime.slice(0, 10);
  }
  const checked = checkAttributeValue(key, type, value);
  if (checked.problem !== null) return problems.reject(`${x.where}.value`, checked.problem);
  setAttribute(region.attributes, key, type, checked.value);
}
