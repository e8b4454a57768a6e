import { z } from 'zod';
import { splitsSurrogatePair } from '../../shared/offsets';
import { fail, type Result } from '../../shared/result';
import { RELATION_KINDS } from '../../shared/claim-structure';
import { ImportProblems } from './import-problems';
import { checkAttributeValue, checkRelations, labelsWithStructure, setAttribute } from './import-structure';
import { arrayOfAtMost, confidence, isoDateTime, noteString, offset, shortString } from './import-schema';
import { documentTextProblem, preview, resolveSpan, textTarget, type SpanResult, type TextTarget } from './import-text';
import { IMPORT_LIMITS } from './limits';
import { readJsonImport } from './read-import-file';
import type { ImportOptions, ImportedAnnotation, ImportedDocumentData, ImportedRelation, ParsedImport } from './types';
import { parseClaimtagUrn } from './urn';

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]));

const quoteSelector = z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1), prefix: shortString.optional(), suffix: shortString.optional() });
const positionSelector = z.object({ type: z.literal('TextPositionSelector'), start: offset, end: offset });
const otherSelector = z.object({ type: z.string() }).refine((s) => s.type !== 'TextQuoteSelector' && s.type !== 'TextPositionSelector');
const selector = z.union([quoteSelector, positionSelector, otherSelector]);

const textualBody = z.object({ type: z.literal('TextualBody').optional(), purpose: z.string().optional(), value: noteString, attribute: shortString.optional() });
/** An evidence link (#20): a SpecificResource body naming its attribute. */
const resourceBody = z.object({ type: z.literal('SpecificResource'), source: z.string().max(4_000), purpose: z.string().optional(), attribute: shortString.optional() });
const body = z.union([textualBody, resourceBody, z.string()]);

/** A link from a claim to its source or cue (#20): a linking annotation between two annotations' ids. */
const resourceRef = z.union([shortString, z.object({ id: shortString }).transform((r) => r.id), z.object({ source: shortString }).transform((r) => r.source)]);
const linkingShape = z.object({
  id: shortString.optional(),
  type: z.literal('Annotation'),
  motivation: z.literal('linking'),
  created: isoDateTime.optional(),
  body: resourceRef,
  target: resourceRef,
  linkKind: z.enum(RELATION_KINDS, { error: 'linkKind must be "source" or "cue"' }).optional(),
});

const creator = z.union([z.string(), z.object({ id: z.string().optional(), name: shortString.optional(), nickname: shortString.optional() })]);

const annotationShape = z.object({
  id: shortString.optional(),
  type: z.union([z.literal('Annotation'), z.array(z.string()).refine((t) => t.includes('Annotation'))], { error: 'type must be "Annotation"' }),
  created: isoDateTime.optional(),
  modified: isoDateTime.optional(),
  creator: oneOrMany(creator).optional(),
  body: oneOrMany(body).optional(),
  target: z.object({ source: shortString, selector: oneOrMany(selector) }),
  attribution: shortString.optional(),
  confidence: confidence.optional(),
});

const container = z.union([
  z.array(z.unknown()),
  z.object({ type: z.literal('AnnotationCollection'), first: z.object({ items: z.array(z.unknown()) }) }).transform((c) => c.first.items),
  z.object({ type: z.literal('AnnotationPage'), items: z.array(z.unknown()) }).transform((p) => p.items),
  z.object({ type: z.literal('Annotation') }).loose().transform((a) => [a]),
]);

/** W3C files do not contain the document texts: pass them in `options.documents`. */
export function importW3c(fileText: string, options: ImportOptions = {}): Result<ParsedImport> {
  const json = readJsonImport(fileText);
  if (!json.ok) return json;
  const items = container.safeParse(json.value);
  if (!items.success) return fail('invalid-input', 'This is not a W3C Web Annotation file (expected an AnnotationCollection, AnnotationPage, Annotation or array of them).');
  const count = arrayOfAtMost(IMPORT_LIMITS.maxAnnotations, 'annotations').safeParse(items.data);
  if (!count.success) return fail('too-large', `The file has more than ${IMPORT_LIMITS.maxAnnotations.toLocaleString('en-US')} annotations.`);
  const known = options.documents ?? options.findDocuments?.(targetSources(items.data));
  // A library asked for the documents named finds none: every annotation is then rejected as pointing elsewhere.
  if (!known || (known.length === 0 && !options.findDocuments)) {
    return fail('invalid-input', 'W3C annotation files do not contain the article text; choose the documents they belong to first.');
  }

  const problems = new ImportProblems();
  const documents: ImportedDocumentData[] = [];
  const targets = new Map<string, TextTarget>();
  for (const d of known) {
    const problem = documentTextProblem(d.text);
    if (problem) {
      problems.reject(`document ${JSON.stringify(d.ref)}`, problem);
      continue;
    }
    const target = textTarget(d.ref, d.text);
    documents.push({ ref: d.ref, title: d.title ?? d.ref, source: d.source ?? '', text: d.text });
    for (const key of [d.ref, `urn:claimtag:document:${encodeURIComponent(d.ref)}`, d.source]) if (key) targets.set(key, target);
  }

  const annotations: ImportedAnnotation[] = [];
  const links: ImportedRelation[] = [];
  items.data.forEach((raw, i) => {
    const where = `annotations[${i}]`;
    if (typeof raw === 'object' && raw !== null && (raw as { motivation?: unknown }).motivation === 'linking') {
      const link = linkingShape.safeParse(raw);
      if (!link.success) return problems.rejectZod(link.error, where);
      const l = link.data;
      if (!l.linkKind) return problems.skip(where, 'not imported: a linking annotation without claimtag:linkKind (source or cue)');
      const ref = (iri: string) => parseClaimtagUrn('annotation', iri) ?? iri;
      return links.push({
        ...(l.id !== undefined ? { ref: parseClaimtagUrn('relation', l.id) ?? l.id } : {}),
        kind: l.linkKind,
        claimRef: ref(l.target),
        targetRef: ref(l.body),
        where,
        ...(l.created !== undefined ? { createdAt: l.created } : {}),
      });
    }
    const parsed = annotationShape.safeParse(raw);
    if (!parsed.success) return problems.rejectZod(parsed.error, where);
    const a = parsed.data;
    const target = targets.get(a.target.source);
    if (!target) return problems.reject(`${where}.target.source`, `document ${JSON.stringify(a.target.source)} is not one of the chosen documents`);

    const person = a.creator?.find((c) => typeof c !== 'string');
    const creatorObject = person && typeof person !== 'string' ? person : undefined;
    const annotatorName = creatorObject?.name ?? creatorObject?.nickname ?? options.annotator?.trim();
    if (!annotatorName) return problems.reject(`${where}.creator`, 'no annotator: the annotation has no creator name and no default annotator was given');
    const annotatorId = creatorObject?.id !== undefined ? (parseClaimtagUrn('annotator', creatorObject.id) ?? creatorObject.id) : undefined;

    const objects = (a.body ?? []).filter((b) => typeof b !== 'string');
    const bodies = objects.filter((b): b is z.infer<typeof textualBody> => b.type !== 'SpecificResource');
    const tags = bodies.filter((b) => b.purpose === 'tagging' && b.attribute === undefined).map((b) => b.value);
    if (tags.length === 0) return problems.reject(`${where}.body`, 'no tagging body: nothing says which label the claim has');
    const note = bodies.filter((b) => b.purpose === 'commenting' && b.attribute === undefined).map((b) => b.value).join('\n\n');
    const attributes: Record<string, string | string[]> = {};
    for (const [k, b] of objects.entries()) {
      if (b.attribute === undefined) continue;
      const type = b.type === 'SpecificResource' ? 'links' : b.purpose === 'describing' ? 'date' : 'choice';
      const v = b.type === 'SpecificResource' ? b.source : b.value;
      const checked = checkAttributeValue(b.attribute, type, v);
      if (checked.problem !== null) return problems.reject(`${where}.body[${k}]`, checked.problem);
      setAttribute(attributes, b.attribute, type, checked.value);
    }

    const span = locate(target, a.target.selector);
    if (!span.ok) return problems.reject(`${where}.target.selector`, span.reason);
    const ref = a.id !== undefined ? (parseClaimtagUrn('annotation', a.id) ?? a.id) : undefined;
    const quoteSel = a.target.selector.find((s) => s.type === 'TextQuoteSelector') as z.infer<typeof quoteSelector> | undefined;
    tags.forEach((label, k) => {
      annotations.push({
        ...(ref !== undefined ? { ref: k === 0 ? ref : `${ref}#${k + 1}` } : {}),
        documentRef: target.ref,
        annotator: annotatorName,
        ...(annotatorId !== undefined ? { annotatorId } : {}),
        label,
        start: span.start,
        end: span.end,
        quote: span.quote,
        ...(quoteSel?.prefix !== undefined ? { prefix: quoteSel.prefix } : {}),
        ...(quoteSel?.suffix !== undefined ? { suffix: quoteSel.suffix } : {}),
        note,
        attribution: a.attribution ?? '',
        confidence: a.confidence ?? null,
        ...(Object.keys(attributes).length > 0 ? { attributes: { ...attributes } } : {}),
        ...(a.created !== undefined ? { createdAt: a.created } : {}),
        ...(a.modified !== undefined ? { updatedAt: a.modified } : {}),
      });
    });
  });

  const annotators = new Map<string, { id?: string; name: string }>();
  for (const a of annotations) annotators.set(a.annotatorId ?? a.annotator, { ...(a.annotatorId !== undefined ? { id: a.annotatorId } : {}), name: a.annotator });
  const relations = checkRelations(annotations, links, problems);
  const labels = labelsWithStructure([...new Set(annotations.map((a) => a.label))].map((id) => ({ id })), annotations, relations);
  return problems.finish({ format: 'w3c', documents, annotators: [...annotators.values()], annotations, labels, ...(relations.length > 0 ? { relations } : {}) }, options.partial);
}

/** The distinct `target.source` strings of the file's items, before they are checked. */
function targetSources(items: readonly unknown[]): string[] {
  const sources = new Set<string>();
  for (const raw of items) {
    const source = (raw as { target?: { source?: unknown } } | null | undefined)?.target?.source;
    if (typeof source === 'string') sources.add(source);
  }
  return [...sources];
}

type Selector = z.infer<typeof selector>;

/** Position selector when present (checked against the quote), else a unique quote match. */
function locate(target: TextTarget, selectors: Selector[]): SpanResult {
  const position = selectors.find((s): s is z.infer<typeof positionSelector> => s.type === 'TextPositionSelector');
  const quote = selectors.find((s): s is z.infer<typeof quoteSelector> => s.type === 'TextQuoteSelector');
  if (position) return resolveSpan(target, { start: position.start, end: position.end, quote: quote?.exact, prefix: quote?.prefix, suffix: quote?.suffix });
  if (!quote) return { ok: false, reason: 'needs a TextPositionSelector or TextQuoteSelector' };
  const matches: number[] = [];
  for (let i = target.text.indexOf(quote.exact); i >= 0; i = target.text.indexOf(quote.exact, i + 1)) {
    const before = target.text.slice(0, i);
    const after = target.text.slice(i + quote.exact.length);
    if ((quote.prefix === undefined || before.endsWith(quote.prefix)) && (quote.suffix === undefined || after.startsWith(quote.suffix))) matches.push(i);
    if (matches.length > 1) break;
  }
  if (matches.length !== 1) {
    return { ok: false, reason: `quote ${preview(quote.exact)} ${matches.length === 0 ? 'does not occur in the text' : 'occurs more than once; add a TextPositionSelector'}` };
  }
  const from = matches[0];
  const to = from + quote.exact.length;
  if (splitsSurrogatePair(target.text, from) || splitsSurrogatePair(target.text, to)) return { ok: false, reason: 'the quote splits a surrogate pair' };
  return resolveSpan(target, { start: target.offsets.toCodePoint(from), end: target.offsets.toCodePoint(to), quote: quote.exact });
}
