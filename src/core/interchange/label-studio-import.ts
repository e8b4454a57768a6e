import { z } from 'zod';
import { fail, type Result } from '../../shared/result';
import type { Confidence } from '../../shared/types';
import { ImportProblems } from './import-problems';
import { confidence, documentText, idString, isoDateTime, noteString, offset, shortString } from './import-schema';
import { documentTextProblem, resolveSpan, textTarget } from './import-text';
import { IMPORT_LIMITS } from './limits';
import { readJsonImport } from './read-import-file';
import type { ImportOptions, ImportedAnnotation, ImportedDocumentData, ParsedImport } from './types';

const labelsValue = z.object({ start: offset, end: offset, text: z.string().optional(), labels: z.array(idString).min(1).max(IMPORT_LIMITS.maxLabels) });
const textareaValue = z.object({ text: z.array(noteString).max(100) });
const choicesValue = z.object({ choices: z.array(z.string()).max(100) });
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
  result: z.array(z.unknown()).max(IMPORT_LIMITS.maxAnnotations),
});

const task = z.object({
  id: z.union([z.number(), shortString]).optional(),
  data: z.object({ text: documentText, document: idString.optional(), title: shortString.optional() }),
  annotations: z.array(z.unknown()).max(10_000).optional(),
});

interface Region {
  where: string;
  start: number;
  end: number;
  quote?: string;
  labels: string[];
  note: string;
  attribution: string;
  confidence: Confidence | null;
}

export function importLabelStudio(fileText: string, options: ImportOptions = {}): Result<ParsedImport> {
  const json = readJsonImport(fileText);
  if (!json.ok) return json;
  const tasks = z.array(z.unknown()).max(IMPORT_LIMITS.maxDocuments).safeParse(Array.isArray(json.value) ? json.value : [json.value]);
  if (!tasks.success) return fail('too-large', `The file has more than ${IMPORT_LIMITS.maxDocuments} tasks.`);
  const problems = new ImportProblems();
  const documents: ImportedDocumentData[] = [];
  const annotations: ImportedAnnotation[] = [];
  const refs = new Set<string>();

  tasks.data.forEach((raw, t) => {
    const where = `[${t}]`;
    const parsed = task.safeParse(raw);
    if (!parsed.success) return problems.rejectZod(parsed.error, where);
    const { data } = parsed.data;
    const problem = documentTextProblem(data.text);
    if (problem) return problems.reject(`${where}.data.text`, problem);
    let ref = data.document ?? `label-studio-${parsed.data.id ?? t + 1}`;
    if (refs.has(ref)) ref = `${ref}-${t + 1}`;
    refs.add(ref);
    const target = textTarget(ref, data.text);
    documents.push({ ref, title: data.title ?? `Task ${parsed.data.id ?? t + 1}`, source: '', text: data.text });

    (parsed.data.annotations ?? []).forEach((rawEntry, k) => {
      const at = `${where}.annotations[${k}]`;
      const entry = annotationEntry.safeParse(rawEntry);
      if (!entry.success) return problems.rejectZod(entry.error, at);
      const e = entry.data;
      if (e.was_cancelled) return problems.skip(at, 'skipped: the annotation was cancelled in Label Studio');
      const annotator = annotatorOf(e, options.annotator);
      if (!annotator) return problems.reject(`${at}.completed_by`, 'no annotator: the annotation names none and no default annotator was given');
      for (const region of collectRegions(e.result, at, problems)) {
        const span = resolveSpan(target, { start: region.start, end: region.end, quote: region.quote });
        if (!span.ok) {
          problems.reject(region.where, span.reason);
          continue;
        }
        if (annotations.length + region.labels.length > IMPORT_LIMITS.maxAnnotations) return problems.reject(region.where, 'too many annotations');
        region.labels.forEach((label, n) =>
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
            ...(e.created_at !== undefined ? { createdAt: e.created_at } : {}),
            ...(e.updated_at !== undefined ? { updatedAt: e.updated_at } : {}),
          }),
        );
      }
    });
  });

  const annotators = new Map<string, { id?: string; name: string }>();
  for (const a of annotations) annotators.set(a.annotatorId ?? a.annotator, { ...(a.annotatorId !== undefined ? { id: a.annotatorId } : {}), name: a.annotator });
  return problems.finish(
    { format: 'labelstudio', documents, annotators: [...annotators.values()], annotations, labels: [...new Set(annotations.map((a) => a.label))].map((id) => ({ id })) },
    options.partial,
  );
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

/** Groups "labels" results with the per-region note/attribution/confidence results sharing their id. */
function collectRegions(results: unknown[], at: string, problems: ImportProblems): Region[] {
  const regions: Region[] = [];
  const byId = new Map<string, Region>();
  const extras: Array<{ where: string; id?: string; fromName?: string; type: string; value: unknown }> = [];
  results.forEach((raw, r) => {
    const where = `${at}.result[${r}]`;
    const item = resultItem.safeParse(raw);
    if (!item.success) return problems.rejectZod(item.error, where);
    const { id, type, from_name: fromName, value } = item.data;
    if (type !== 'labels') return extras.push({ where, id, fromName, type, value });
    const v = labelsValue.safeParse(value);
    if (!v.success) return problems.rejectZod(v.error, `${where}.value`);
    const region: Region = { where, start: v.data.start, end: v.data.end, quote: v.data.text, labels: v.data.labels, note: '', attribution: '', confidence: null };
    regions.push(region);
    if (id !== undefined) {
      regionIds.set(region, id);
      byId.set(id, region);
    }
  });
  for (const x of extras) {
    const region = x.id !== undefined ? byId.get(x.id) : undefined;
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
  return regions;
}
