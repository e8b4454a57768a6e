// The ClaimReview export checked against schema.org's own vocabulary (release 30.0, committed as
// a fixture with its licence): every @type and property exists, each property's domain includes
// its subject's type and its range the value's type, following subClassOf.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { STRUCTURE_SOURCE, structureBundle } from '../../../test/interchange/structure-bundle';
import { exportClaimReview, exportClaimReviewWithReport } from './claimreview';
import { exportFormats, summaryFor } from './index';

const VOCABULARY = path.join(__dirname, '../../../test/fixtures/schemaorg/schemaorg-current-https.jsonld.gz');

type Ref = { '@id': string } | Array<{ '@id': string }> | undefined;
const ids = (r: Ref): string[] => (r === undefined ? [] : (Array.isArray(r) ? r : [r]).map((x) => x['@id'].replace(/^schema:/, '')));

interface Vocabulary {
  classes: Map<string, string[]>;
  properties: Map<string, { domains: string[]; ranges: string[] }>;
}

function loadVocabulary(): Vocabulary {
  const graph = (JSON.parse(gunzipSync(readFileSync(VOCABULARY)).toString('utf8')) as { '@graph': Array<Record<string, unknown>> })['@graph'];
  const classes = new Map<string, string[]>();
  const properties = new Map<string, { domains: string[]; ranges: string[] }>();
  for (const node of graph) {
    const id = String(node['@id']).replace(/^schema:/, '');
    const types = ([] as unknown[]).concat(node['@type']);
    if (types.includes('rdfs:Class')) classes.set(id, ids(node['rdfs:subClassOf'] as Ref));
    if (types.includes('rdf:Property')) properties.set(id, { domains: ids(node['schema:domainIncludes'] as Ref), ranges: ids(node['schema:rangeIncludes'] as Ref) });
  }
  return { classes, properties };
}

const vocabulary = loadVocabulary();

/** The type and every class above it. */
function lineage(type: string): Set<string> {
  const seen = new Set<string>();
  const todo = [type];
  while (todo.length > 0) {
    const t = todo.pop() as string;
    if (seen.has(t)) continue;
    seen.add(t);
    todo.push(...(vocabulary.classes.get(t) ?? []));
  }
  return seen;
}

/** The schema.org data types a JSON value is, most specific first. */
function valueTypes(v: unknown): string[] {
  if (typeof v === 'number') return Number.isInteger(v) ? ['Integer'] : ['Number'];
  if (typeof v === 'boolean') return ['Boolean'];
  if (typeof v !== 'string') return [];
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return ['Date', 'Text'];
  if (/^https?:\/\//.test(v)) return ['URL'];
  return ['Text'];
}

/** Every way `node` departs from the vocabulary, as readable lines. */
function problems(node: Record<string, unknown>, at = '$'): string[] {
  const out: string[] = [];
  const type = node['@type'];
  if (typeof type !== 'string') return [`${at}: no single @type`];
  if (!vocabulary.classes.has(type)) return [`${at}: ${type} is not a schema.org type`];
  const subject = lineage(type);
  for (const [key, raw] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const property = vocabulary.properties.get(key);
    if (!property) {
      out.push(`${at}.${key}: not a schema.org property`);
      continue;
    }
    if (!property.domains.some((d) => subject.has(d))) out.push(`${at}.${key}: ${type} is not in its domain (${property.domains.join(', ')})`);
    (Array.isArray(raw) ? raw : [raw]).forEach((v, i) => {
      const where = Array.isArray(raw) ? `${at}.${key}[${i}]` : `${at}.${key}`;
      if (typeof v === 'object' && v !== null) {
        const inner = v as Record<string, unknown>;
        out.push(...problems(inner, where));
        if (typeof inner['@type'] === 'string' && !property.ranges.some((r) => lineage(inner['@type'] as string).has(r))) out.push(`${where}: ${inner['@type'] as string} is not in its range (${property.ranges.join(', ')})`);
        return;
      }
      const fits = valueTypes(v).some((t) => property.ranges.some((r) => lineage(t).has(r)));
      if (!fits) out.push(`${where}: ${JSON.stringify(v)} (${valueTypes(v).join('/') || typeof v}) is not in its range (${property.ranges.join(', ')})`);
    });
  }
  return out;
}

const DESK = { name: 'Desk 🔎 ڈیسک', url: 'https://factcheck.example.org/' };
const reviews = (text: string) => (JSON.parse(text) as { '@context': string; '@graph': Array<Record<string, unknown>> })['@graph'];

describe('ClaimReview against the schema.org vocabulary', () => {
  it('the vocabulary fixture is the real one: ClaimReview is a Review, Claim a CreativeWork, URL a Text', () => {
    expect([...lineage('ClaimReview')]).toEqual(expect.arrayContaining(['Review', 'CreativeWork', 'Thing']));
    expect(lineage('Claim').has('CreativeWork')).toBe(true);
    expect(lineage('URL').has('Text')).toBe(true);
    expect(vocabulary.properties.get('claimReviewed')).toEqual({ domains: ['ClaimReview'], ranges: ['Text'] });
  });

  it('every type and property of the export exists, with its domain and range', () => {
    const out = exportClaimReview(structureBundle(), { desk: DESK });
    const graph = JSON.parse(out) as { '@context': string; '@graph': Array<Record<string, unknown>> };
    expect(graph['@context']).toBe('https://schema.org');
    expect(graph['@graph'].length).toBe(3);
    for (const [i, r] of graph['@graph'].entries()) expect(problems(r, `@graph[${i}]`)).toEqual([]);
  });

  it('the check catches a property on the wrong type, a value outside the range and an unknown term (it can fail)', () => {
    const [first] = reviews(exportClaimReview(structureBundle(), { desk: DESK }));
    expect(problems({ ...first, itemReviewed: { '@type': 'Claim', reviewRating: first.reviewRating } })).toEqual(['$.itemReviewed.reviewRating: Claim is not in its domain (Review)']);
    expect(problems({ ...first, author: 'https://factcheck.example.org/' })).toEqual(['$.author: "https://factcheck.example.org/" (URL) is not in its range (Organization, Person)']);
    expect(problems({ ...first, reviewRating: { '@type': 'Rating', ratingValue: { '@type': 'Person', name: 'x' } } })).toEqual(['$.reviewRating.ratingValue: Person is not in its range (Text, Number)']);
    expect(problems({ ...first, verdict: 'false' })).toEqual(['$.verdict: not a schema.org property']);
    expect(problems({ ...first, '@type': 'FactCheck' })).toEqual(['$: FactCheck is not a schema.org type']);
    expect(problems({ ...first, datePublished: { '@type': 'Person', name: 'x' } })).toEqual(['$.datePublished: Person is not in its range (Date, DateTime)']);
  });

  it('one review per rated claim: the claim, its source as author, the article, its date, the verdict on the scale (best = highest), the desk', () => {
    const [prices, ties, exports] = reviews(exportClaimReview(structureBundle(), { desk: DESK }));
    expect(prices).toEqual({
      '@type': 'ClaimReview',
      claimReviewed: 'prices rose 😀 by 20%',
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Foreign Minister Ishaq Dar' },
        appearance: { '@type': 'CreativeWork', url: STRUCTURE_SOURCE, name: 'Claims 😀 دعوے 主張' },
        datePublished: '2025-05-28',
      },
      reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Mostly false' },
      author: { '@type': 'Organization', name: 'Desk 🔎 ڈیسک', url: 'https://factcheck.example.org/' },
      datePublished: '2025-05-28',
      isBasedOn: ['https://stats.example.gov/cpi?year=2025&m=5', 'https://xn--r8jz45g.jp/%E8%A8%BC%E6%8B%A0/%F0%9F%98%80'],
    });
    expect([ties.claimReviewed, (ties.itemReviewed as { author: unknown }).author, ties.reviewRating]).toEqual([
      'تعلقات بہتر ہوں گے',
      { '@type': 'Person', name: 'وزیر خارجہ' },
      { '@type': 'Rating', ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'True' },
    ]);
    expect([(exports.reviewRating as { ratingValue: number }).ratingValue, (exports.itemReviewed as { datePublished: string }).datePublished]).toEqual([1, '2024-02-29']);
  });

  it('without a desk the reviews have no author, and the summary says so; unrated claims are not reviews', () => {
    const out = exportFormats.claimreview.export(structureBundle());
    expect(out.kind === 'file' && reviews(out.text).every((r) => r.author === undefined)).toBe(true);
    const summary = summaryFor('claimreview', out) ?? '';
    expect(summary).toContain('- reviews without an author: no desk name was set');
    expect(summary).toContain('claims without a verdict on a scale');
    expect(exportClaimReviewWithReport(structureBundle(), { desk: { name: ' ', url: 'javascript:alert(1)' } }).leftOut[0]).toMatch(/^reviews without an author/);
    expect(reviews(exportClaimReview(structureBundle(), { desk: { name: 'D', url: 'javascript:alert(1)' } }))[0].author).toEqual({ '@type': 'Organization', name: 'D' });
  });
});
