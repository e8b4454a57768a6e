// Test fixture (never imported by production code): claims with structure (#20) in a Unicode-heavy
// article — RTL Urdu, CJK, combining marks, emoji sequences — with source and cue spans, one source
// backing two claims, and every attribute type (choice, scale, links, date), two annotators.
import { CHECK_WORTHINESS_PRESET, CLAIM_DATE_PRESET, EVIDENCE_LINKS_PRESET, VERDICT_SCALE_PRESET, type Relation } from '../../src/shared/claim-structure';
import type { Annotation, Bundle, Label } from '../../src/shared/types';
import { makeDocument } from './test-bundle';

// The bundled presets themselves, so a change to them is exercised by every structure test.
export const VERDICT = VERDICT_SCALE_PRESET;
export const EVIDENCE = EVIDENCE_LINKS_PRESET;
export const CLAIM_DATE = CLAIM_DATE_PRESET;

export const STRUCTURE_LABELS: Label[] = [
  { id: 'fact', name: 'Fact', color: '#1b7f5a', shortcut: '1', definition: 'Verifiable statement.', archived: false, sortOrder: 0, attributes: [CHECK_WORTHINESS_PRESET, VERDICT, EVIDENCE, CLAIM_DATE] },
  { id: 'opinion', name: 'Opinion', color: '#3b5bdb', shortcut: '2', definition: 'Judgement.', archived: false, sortOrder: 1 },
  { id: 'source', name: 'Source', color: '#7048e8', shortcut: '3', definition: 'Who asserts the claim.', archived: false, sortOrder: 2, role: 'source' },
  { id: 'cue', name: 'Cue', color: '#868e96', shortcut: '4', definition: 'The words that report it.', archived: false, sortOrder: 3, role: 'cue' },
];

export const STRUCTURE_TEXT = [
  'Foreign Minister Ishaq Dar said “prices rose 😀 by 20%”.',
  'وزیر خارجہ نے کہا کہ تعلقات بہتر ہوں گے۔',
  '東京の報道官は「輸出が倍増した」と述べた。',
  'Cafe\u0301 owner 🇵🇰 claimed the 👨‍👩‍👧 family left and rents fell.',
  '',
].join('\n');

export const STRUCTURE_ANNOTATORS = [
  { id: 'u1', name: 'Ann Lee' },
  { id: 'u2', name: 'عائشہ' },
];

/** The article's http(s) address, for ClaimReview's `appearance`. */
export const STRUCTURE_SOURCE = 'https://news.example.org/2025/05/28/ties?lang=ur';

export function structureBundle(): Bundle {
  const doc = makeDocument('struct-1', 'Claims 😀 دعوے 主張', STRUCTURE_SOURCE, STRUCTURE_TEXT);
  const annotations: Annotation[] = [];
  const relations: Relation[] = [];
  const span = (id: string, quote: string, labelId: string, who: 0 | 1, extra: Partial<Annotation> = {}): Annotation => {
    const start = doc.text.indexOf(quote);
    if (start < 0) throw new Error(`fixture quote not found: ${quote}`);
    const a: Annotation = {
      id,
      documentId: doc.id,
      annotatorId: STRUCTURE_ANNOTATORS[who].id,
      annotatorName: STRUCTURE_ANNOTATORS[who].name,
      labelId,
      start,
      end: start + quote.length,
      quote,
      prefix: doc.text.slice(Math.max(0, start - 32), start),
      suffix: doc.text.slice(start + quote.length, start + quote.length + 32),
      note: '',
      attribution: '',
      confidence: null,
      createdAt: `2025-05-28T10:0${annotations.length % 10}:00.000Z`,
      updatedAt: `2025-05-28T11:0${annotations.length % 10}:00.000Z`,
      deletedAt: null,
      ...extra,
    };
    annotations.push(a);
    return a;
  };
  const link = (claim: Annotation, target: Annotation, kind: Relation['kind']) =>
    relations.push({ id: `rel-${relations.length + 1}`, documentId: doc.id, annotatorId: claim.annotatorId, annotatorName: claim.annotatorName, kind, claimId: claim.id, targetId: target.id, createdAt: '2025-05-28T12:00:00.000Z', deletedAt: null });

  const dar = span('s-dar', 'Foreign Minister Ishaq Dar', 'source', 0);
  const said = span('c-said', 'said', 'cue', 0);
  const prices = span('k-prices', 'prices rose 😀 by 20%', 'fact', 0, {
    confidence: 'high',
    note: 'checked\twith «CPI»',
    attributes: { 'check-worthiness': 'check-worthy', verdict: 'mostly-false', evidence: ['https://stats.example.gov/cpi?year=2025&m=5', 'https://xn--r8jz45g.jp/%E8%A8%BC%E6%8B%A0/%F0%9F%98%80'], 'claim-date': '2025-05-28' },
  });
  link(prices, dar, 'source');
  link(prices, said, 'cue');

  const minister = span('s-wazir', 'وزیر خارجہ', 'source', 0);
  const kaha = span('c-kaha', 'نے کہا', 'cue', 0);
  const ties = span('k-ties', 'تعلقات بہتر ہوں گے', 'fact', 0, { attributes: { verdict: 'true' } });
  link(ties, minister, 'source');
  link(ties, kaha, 'cue');

  const spokes = span('s-tokyo', '東京の報道官', 'source', 1);
  const nobeta = span('c-nobeta', '述べた', 'cue', 1);
  const exports = span('k-exports', '輸出が倍増した', 'fact', 1, { attributes: { verdict: 'false', 'check-worthiness': 'not-factual', 'claim-date': '2024-02-29' } });
  link(exports, spokes, 'source');
  link(exports, nobeta, 'cue');

  // One source backs two claims.
  const owner = span('s-owner', 'Cafe\u0301 owner 🇵🇰', 'source', 1);
  const family = span('k-family', 'the 👨‍👩‍👧 family left', 'opinion', 1, { attribution: 'Cafe\u0301 owner' });
  const rents = span('k-rents', 'rents fell', 'fact', 1, { attributes: { 'check-worthiness': 'check-worthy' } });
  link(family, owner, 'source');
  link(rents, owner, 'source');
  // A claim with no structure at all, by the first annotator.
  span('k-plain', 'family left', 'opinion', 0);

  // Copies: a test may change its bundle without changing the next test's.
  return { documents: [doc], annotators: structuredClone(STRUCTURE_ANNOTATORS), labels: structuredClone(STRUCTURE_LABELS), annotations, relations };
}
