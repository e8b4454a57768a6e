// W3C Web Annotation Data Model (JSON-LD). TextPositionSelector offsets are code points.
import { createHash } from 'node:crypto';
import type { Bundle } from '../../shared/types';
import { codePointSpan, selectForExport } from './export-selection';
import type { ExportOptions } from './types';
import { claimtagUrn } from './urn';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Extension terms for what the model has no property for. */
export const CLAIMTAG_W3C_CONTEXT = {
  claimtag: 'urn:claimtag:vocab:',
  attribution: 'claimtag:attribution',
  confidence: 'claimtag:confidence',
} as const;

export function exportW3c(bundle: Bundle, options: ExportOptions = {}): string {
  const selection = selectForExport(bundle, options);
  const items = selection.documents.flatMap(({ document, annotations, offsets }) =>
    annotations.map((a) => {
      const { start, end } = codePointSpan(offsets, a);
      const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: a.labelId }];
      if (a.note !== '') body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' });
      return {
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
    }),
  );
  // The model requires ids on the collection and its page; the same selection gets the same ids.
  const id = claimtagUrn('collection', createHash('sha256').update(JSON.stringify(items.map((a) => a.id)), 'utf8').digest('hex').slice(0, 32));
  const collection = {
    '@context': [W3C_CONTEXT, CLAIMTAG_W3C_CONTEXT],
    id,
    type: 'AnnotationCollection',
    label: options.title ?? 'claimtag annotations',
    total: items.length,
    first: { id: `${id}:page:1`, type: 'AnnotationPage', startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
