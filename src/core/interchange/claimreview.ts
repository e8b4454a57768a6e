// schema.org ClaimReview (JSON-LD) for every claim with a verdict: what fact-check aggregators,
// Google's Fact Check Explorer / Tools API and researchers read. (Google stopped showing
// ClaimReview rich results in search in 2025; the markup is still collected and read elsewhere.)
//
// - claimReviewed: the claim's words; itemReviewed: a Claim whose author is the linked source
//   (or the free-text attribution), appearance the article when its source is an http(s) address,
//   datePublished the claim-date attribute.
// - reviewRating: the verdict on its scale; the scale's options are best first, so the best is
//   rated N and the worst 1 (bestRating N, worstRating 1), alternateName the option's name.
// - author: the desk (options.desk); datePublished: the day the verdict was last changed;
//   isBasedOn: the evidence links.
import type { AttributeDefinition } from '../../shared/claim-structure';
import type { Annotation, Bundle, DocumentRecord, Label } from '../../shared/types';
import { linksByClaim, roleOf, valueList } from './claim-links';
import { selectForExport, type ExportSelection } from './export-selection';
import { eachDocument, jsonWithListParts } from './stream-parts';
import { LeftOut } from './export-summary';
import type { Desk, ExportOptions } from './types';

export const SCHEMA_ORG_CONTEXT = 'https://schema.org';


/** Source labels whose id or name says organisation write their sources as schema.org Organization; others as Person. */
const ORGANIZATION_LABEL = /organi[sz]ation|^org$/i;

type Thing = Record<string, unknown>;

export function exportClaimReview(bundle: Bundle, options: ExportOptions = {}): string {
  return exportClaimReviewWithReport(bundle, options).text;
}

export function exportClaimReviewWithReport(bundle: Bundle, options: ExportOptions = {}): { text: string; leftOut: string[] } {
  const stream = claimReviewParts(bundle, options);
  const text = [...stream.parts].join('');
  return { text, leftOut: stream.leftOut() };
}

/** The same file a review at a time (#14); `leftOut` is complete once every part was read. */
export function claimReviewParts(bundle: Bundle, options: ExportOptions = {}): { parts: Iterable<string>; leftOut: () => string[] } {
  const leftOut = new LeftOut();
  const parts = (function* () {
    const selection = selectForExport(bundle, options);
    yield* jsonWithListParts({ '@context': SCHEMA_ORG_CONTEXT, '@graph': [] }, '@graph', reviewsOf(selection, options, leftOut));
  })();
  return { parts, leftOut: () => leftOut.lines() };
}

function* reviewsOf(selection: ExportSelection, options: ExportOptions, leftOut: LeftOut): Generator<Thing> {
  const links = linksByClaim(selection);
  const desk = usableDesk(options.desk);
  let reviews = 0;
  for (const { document, annotations } of eachDocument(selection, options)) {
    for (const a of annotations) {
      const label = selection.labelById.get(a.labelId);
      if (roleOf(label) !== 'claim') continue;
      const verdict = verdictOf(a, label);
      if (!verdict) {
        if (Object.values(a.attributes ?? {}).length > 0 && (label?.attributes ?? []).every((d) => d.type !== 'scale')) leftOut.add('claims with attributes but no rating scale in their label');
        continue;
      }
      const sources = links(a.id).source.map((s) => person(s.quote, selection.labelById.get(s.labelId)));
      if (sources.length === 0 && a.attribution.trim() !== '') sources.push(person(a.attribution.trim(), undefined));
      if (sources.length === 0) leftOut.add('reviews whose claim has no linked source or attribution (no Claim author)');
      reviews++;
      yield review(a, document, verdict, sources, label, desk);
    }
  }
  if (!desk) leftOut.add('reviews without an author: no desk name was set (the ClaimReview desk in the export dialog, or --desk-name)', reviews);
}

interface Verdict {
  definition: AttributeDefinition;
  index: number;
}

/** The claim's value on its label's first rating scale that has one. */
export function verdictOf(a: Annotation, label: Label | undefined): Verdict | null {
  for (const definition of label?.attributes ?? []) {
    if (definition.type !== 'scale') continue;
    const value = a.attributes?.[definition.key];
    if (typeof value !== 'string') continue;
    const index = definition.options.findIndex((o) => o.key === value);
    if (index >= 0) return { definition, index };
  }
  return null;
}

function review(a: Annotation, document: DocumentRecord, verdict: Verdict, sources: Thing[], label: Label | undefined, desk: Desk | null): Thing {
  const n = verdict.definition.options.length;
  const claimDate = (label?.attributes ?? []).map((d) => (d.type === 'date' ? a.attributes?.[d.key] : undefined)).find((v): v is string => typeof v === 'string');
  const evidence = (label?.attributes ?? []).filter((d) => d.type === 'links').flatMap((d) => (a.attributes?.[d.key] !== undefined ? valueList(a.attributes[d.key]) : []));
  const claim: Thing = {
    '@type': 'Claim',
    ...(sources.length > 0 ? { author: sources.length === 1 ? sources[0] : sources } : {}),
    ...(isWebAddress(document.source) ? { appearance: { '@type': 'CreativeWork', url: document.source, name: document.title } } : {}),
    ...(claimDate !== undefined ? { datePublished: claimDate } : {}),
  };
  return {
    '@type': 'ClaimReview',
    claimReviewed: a.quote,
    itemReviewed: claim,
    reviewRating: {
      '@type': 'Rating',
      ratingValue: n - verdict.index,
      bestRating: n,
      worstRating: 1,
      alternateName: verdict.definition.options[verdict.index].name,
    },
    ...(desk ? { author: { '@type': 'Organization', name: desk.name, ...(desk.url ? { url: desk.url } : {}) } } : {}),
    datePublished: a.updatedAt.slice(0, 10),
    ...(evidence.length > 0 ? { isBasedOn: evidence } : {}),
  };
}

function person(name: string, label: Label | undefined): Thing {
  const organization = label !== undefined && (ORGANIZATION_LABEL.test(label.id) || ORGANIZATION_LABEL.test(label.name));
  return { '@type': organization ? 'Organization' : 'Person', name };
}

export const isWebAddress = (text: string): boolean => {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** The desk with a name, its address kept only when it is http(s). */
function usableDesk(desk: Desk | undefined): Desk | null {
  const name = desk?.name.trim();
  if (!name) return null;
  const url = desk?.url?.trim();
  return { name, ...(url && isWebAddress(url) ? { url } : {}) };
}
