// W3C Web Annotation Data Model (JSON-LD). TextPositionSelector offsets are code points.
// A claim's structure (#20): attribute values are extra bodies naming their attribute
// (`claimtag:attribute`) — an option or a date as a TextualBody ("classifying" / "describing"),
// each evidence link as a SpecificResource with purpose "linking"; each link from a claim to its
// source or cue is a linking annotation whose target is the claim's annotation and body the
// source's or cue's (by their ids), its kind in `claimtag:linkKind`.
import { createHash } from 'node:crypto';
import type { Bundle } from '../../shared/types';
import { attributeEntries, valueList } from './claim-links';
import { codePointSpan, selectForExport } from './export-selection';
import { eachDocument, jsonWithListParts } from './stream-parts';
import type { ExportOptions } from './types';
import { claimtagUrn } from './urn';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Extension terms for what the model has no property for. */
export const CLAIMTAG_W3C_CONTEXT = {
  claimtag: 'urn:claimtag:vocab:',
  attribution: 'claimtag:attribution',
  confidence: 'claimtag:confidence',
  attribute: 'claimtag:attribute',
  linkKind: 'claimtag:linkKind',
} as const;

export function exportW3c(bundle: Bundle, options: ExportOptions = {}): string {
  return [...w3cParts(bundle, options)].join('');
}

type Selection = ReturnType<typeof selectForExport>;
type Claim = Selection['documents'][number]['annotations'][number];

/**
 * The collection a document's annotations at a time (#14), then the links. A first pass keeps
 * only what the head needs (the count, a hash of the ids) and the claims that links start from.
 */
export function* w3cParts(bundle: Bundle, options: ExportOptions = {}): Generator<string> {
  const selection = selectForExport(bundle, options);
  const linked = new Set(selection.relations.map((r) => r.claimId));
  const claimOf = new Map<string, Claim>();
  // The model requires ids on the collection and its page; the same selection gets the same ids
  // (a hash of the JSON list of the items' ids, fed an id at a time).
  const ids = createHash('sha256').update('[', 'utf8');
  let total = 0;
  const addId = (itemId: string) => ids.update(`${total++ === 0 ? '' : ','}${JSON.stringify(itemId)}`, 'utf8');
  for (const d of selection.documents)
    for (const a of d.annotations) {
      addId(claimtagUrn('annotation', a.id));
      if (linked.has(a.id)) claimOf.set(a.id, a);
    }
  for (const r of selection.relations) if (claimOf.has(r.claimId)) addId(claimtagUrn('relation', r.id));
  const id = claimtagUrn('collection', ids.update(']', 'utf8').digest('hex').slice(0, 32));
  const collection = {
    '@context': [W3C_CONTEXT, CLAIMTAG_W3C_CONTEXT],
    id,
    type: 'AnnotationCollection',
    label: options.title ?? 'claimtag annotations',
    total,
    first: { id: `${id}:page:1`, type: 'AnnotationPage', startIndex: 0, items: [] },
  };
  yield* jsonWithListParts(collection, 'items', w3cItems(selection, options, claimOf));
}

function* w3cItems(selection: Selection, options: ExportOptions, claimOf: ReadonlyMap<string, Claim>): Generator<object> {
  for (const { document, annotations, offsets } of eachDocument(selection, options))
    for (const a of annotations) {
      const { start, end } = codePointSpan(offsets, a);
      const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: a.labelId }];
      if (a.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' });
      for (const e of attributeEntries(a, selection.labelById.get(a.labelId))) {
        // Links are stored in their URI form (src/shared/attribute-rules.ts), as the model's resources must be.
        if (e.type === 'links') body.push(...valueList(e.value).map((url) => ({ type: 'SpecificResource', source: url, purpose: 'linking', attribute: e.key })));
        else body.push({ type: 'TextualBody', purpose: e.type === 'date' ? 'describing' : 'classifying', value: valueList(e.value)[0], attribute: e.key });
      }
      yield {
        id: claimtagUrn('annotation', a.id),
        type: 'Annotation',
        motivation: 'tagging',
        created: a.createdAt,
        modified: a.updatedAt,
        creator: { id: claimtagUrn('annotator', a.annotatorId), type: 'Person', name: selection.annotatorName(a) },
        body,
        target: {
          source: claimtagUrn('document', document.id),
          selector: [
            { type: 'TextQuoteSelector', exact: a.quote, prefix: a.prefix, suffix: a.suffix },
            { type: 'TextPositionSelector', start, end },
          ],
        },
        ...(a.attribution !== '' ? { attribution: a.attribution } : {}),
        ...(a.confidence !== null ? { confidence: a.confidence } : {}),
      };
    }
  for (const r of selection.relations) {
    const claim = claimOf.get(r.claimId);
    if (!claim) continue;
    yield {
      id: claimtagUrn('relation', r.id),
      type: 'Annotation',
      motivation: 'linking',
      created: r.createdAt,
      creator: { id: claimtagUrn('annotator', claim.annotatorId), type: 'Person', name: selection.annotatorName(claim) },
      body: claimtagUrn('annotation', r.targetId),
      target: claimtagUrn('annotation', r.claimId),
      linkKind: r.kind,
    };
  }
}
