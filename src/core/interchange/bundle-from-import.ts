// Turns a ParsedImport into a Bundle without touching a database: for previews, the CLI and
// round-trip tests. Merging into the library is the store's job, not this.
import type { Relation } from '../../shared/claim-structure';
import type { Annotation, Annotator, Block, Bundle, Label } from '../../shared/types';
import { labelsWithStructure } from './import-structure';
import { sha256Hex } from './import-text';
import type { ParsedImport } from './types';

const CONTEXT_UNITS = 32;

export function bundleFromImport(parsed: ParsedImport, now = '1970-01-01T00:00:00.000Z'): Bundle {
  const annotators = new Map<string, Annotator>();
  for (const a of parsed.annotators) {
    const id = a.id ?? `annotator:${a.name}`;
    annotators.set(id, { id, name: a.name });
  }
  const labels = new Map<string, Label>();
  labelsWithStructure(parsed.labels, parsed.annotations, parsed.relations ?? []).forEach((l, i) => labels.set(l.id, labelWithDefaults(l, i)));
  const annotations: Annotation[] = parsed.annotations.map((a, i) => {
    const annotatorId = a.annotatorId ?? `annotator:${a.annotator}`;
    if (!annotators.has(annotatorId)) annotators.set(annotatorId, { id: annotatorId, name: a.annotator });
    if (!labels.has(a.label)) labels.set(a.label, labelWithDefaults({ id: a.label }, labels.size));
    const text = parsed.documents.find((d) => d.ref === a.documentRef)?.text ?? '';
    return {
      id: a.ref ?? `imported-${i + 1}`,
      documentId: a.documentRef,
      annotatorId,
      annotatorName: a.annotator,
      labelId: a.label,
      start: a.start,
      end: a.end,
      quote: a.quote,
      prefix: a.prefix ?? contextBefore(text, a.start),
      suffix: a.suffix ?? contextAfter(text, a.end),
      note: a.note,
      attribution: a.attribution,
      confidence: a.confidence,
      ...(a.attributes && Object.keys(a.attributes).length > 0 ? { attributes: a.attributes } : {}),
      createdAt: a.createdAt ?? now,
      updatedAt: a.updatedAt ?? a.createdAt ?? now,
      deletedAt: null,
    };
  });
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const relations: Relation[] = (parsed.relations ?? []).flatMap((r, i) => {
    const claim = byId.get(r.claimRef);
    if (!claim || !byId.has(r.targetRef)) return [];
    return [{ id: r.ref ?? `imported-relation-${i + 1}`, documentId: claim.documentId, annotatorId: claim.annotatorId, annotatorName: claim.annotatorName, kind: r.kind, claimId: r.claimRef, targetId: r.targetRef, createdAt: r.createdAt ?? now, deletedAt: null }];
  });
  return {
    documents: parsed.documents.map((d) => ({
      id: d.ref,
      title: d.title,
      source: d.source,
      text: d.text,
      sha256: d.sha256 ?? sha256Hex(d.text),
      blocks: paragraphBlocks(d.text),
      createdAt: d.createdAt ?? now,
    })),
    annotators: [...annotators.values()],
    labels: [...labels.values()],
    annotations,
    ...(relations.length > 0 ? { relations } : {}),
  };
}

function labelWithDefaults(l: ParsedImport['labels'][number], index: number): Label {
  return {
    id: l.id,
    name: l.name ?? l.id,
    color: l.color ?? '#777777',
    shortcut: l.shortcut ?? '',
    definition: l.definition ?? '',
    archived: l.archived ?? false,
    sortOrder: l.sortOrder ?? index,
    ...(l.role !== undefined && l.role !== 'claim' ? { role: l.role } : {}),
    ...(l.attributes && l.attributes.length > 0 ? { attributes: l.attributes } : {}),
  };
}

/** One paragraph per non-empty line. */
export function paragraphBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const re = /[^\r\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push({ kind: 'paragraph', start: m.index, end: m.index + m[0].length });
  return blocks;
}

export function contextBefore(text: string, start: number): string {
  let from = Math.max(0, start - CONTEXT_UNITS);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from++;
  return text.slice(from, start);
}

export function contextAfter(text: string, end: number): string {
  let to = Math.min(text.length, end + CONTEXT_UNITS);
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to--;
  return text.slice(end, to);
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
