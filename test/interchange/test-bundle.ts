// Test fixtures (not shipped code): the sample article as a Bundle with overlapping claims,
// two annotators and hostile notes, plus a short document with emoji, Urdu and combining marks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Annotation, Bundle, DocumentRecord, Label } from '../../src/shared/types';
import { paragraphBlocks } from '../../src/core/interchange/bundle-from-import';
import { sha256Hex } from '../../src/core/interchange/import-text';

export const SAMPLE_ARTICLE_PATH = join(__dirname, '../../resources/pakistan-afghanistan-ties.txt');

export const LABELS: Label[] = [
  { id: 'fact', name: 'Fact', color: '#1b7f5a', shortcut: '1', definition: 'Verifiable statement about the world.', archived: false, sortOrder: 0 },
  { id: 'opinion', name: 'Opinion', color: '#3b5bdb', shortcut: '2', definition: 'Judgement or interpretation.', archived: false, sortOrder: 1 },
  { id: 'allegation', name: 'Allegation', color: '#c2410c', shortcut: '3', definition: 'Claim attributed to someone, not established.', archived: false, sortOrder: 2 },
];

export const NAUGHTY_NOTE = `<img src=x onerror=alert(1)> "quoted", 'single' & </style></script>\n=HYPERLINK("http://evil")\t| *bold* [link](javascript:alert(1)) \u202Eevil\u202C 😀`;

const T0 = '2025-06-01T09:00:00.000Z';

export function makeDocument(id: string, title: string, source: string, text: string): DocumentRecord {
  return { id, title, source, text, sha256: sha256Hex(text), blocks: paragraphBlocks(text), createdAt: T0 };
}

interface Spec {
  doc: DocumentRecord;
  quote: string;
  occurrence?: number;
  label: string;
  annotator?: 'ayesha' | 'bilal';
  note?: string;
  attribution?: string;
  confidence?: Annotation['confidence'];
}

let counter = 0;
export function annotationFor(spec: Spec): Annotation {
  let start = -1;
  for (let k = 0; k <= (spec.occurrence ?? 0); k++) start = spec.doc.text.indexOf(spec.quote, start + 1);
  if (start < 0) throw new Error(`fixture quote not found: ${spec.quote}`);
  const end = start + spec.quote.length;
  const annotator = spec.annotator ?? 'ayesha';
  counter++;
  return {
    id: `a${String(counter).padStart(2, '0')}`,
    documentId: spec.doc.id,
    annotatorId: annotator,
    annotatorName: annotator === 'ayesha' ? 'Ayesha Khan' : 'Bilal <b>Ahmed</b>',
    labelId: spec.label,
    start,
    end,
    quote: spec.quote,
    prefix: spec.doc.text.slice(Math.max(0, start - 32), start),
    suffix: spec.doc.text.slice(end, end + 32),
    note: spec.note ?? '',
    attribution: spec.attribution ?? '',
    confidence: spec.confidence ?? null,
    createdAt: new Date(Date.UTC(2025, 5, 2, 10, counter)).toISOString(),
    updatedAt: new Date(Date.UTC(2025, 5, 2, 11, counter)).toISOString(),
    deletedAt: null,
  };
}

export function sampleBundle(): Bundle {
  counter = 0;
  const article = makeDocument('dawn-2025-05-28', 'Pakistan–Afghanistan ties <script>alert("t")</script>', 'Dawn, 28 May 2025', readFileSync(SAMPLE_ARTICLE_PATH, 'utf8'));
  const mixed = makeDocument('mixed-scripts', 'Emoji 😀 & اردو', 'Test desk', 'Family 👨‍👩‍👧 arrived.\nوزیر خارجہ نے کہا کہ تعلقات بہتر ہوں گے۔\nCafe\u0301 owner 🇵🇰 said “prices rose”.');
  const annotations = [
    annotationFor({ doc: article, quote: 'Pakistan and Afghanistan have agreed to upgrade their diplomatic relations to ambassador level', label: 'fact', confidence: 'high', attribution: 'Dawn' }),
    annotationFor({ doc: article, quote: 'signalling a major shift in bilateral ties', label: 'opinion', note: NAUGHTY_NOTE, confidence: 'medium' }),
    // Overlaps the first two.
    annotationFor({ doc: article, quote: 'upgrade their diplomatic relations to ambassador level, signalling a major shift', label: 'opinion', annotator: 'bilal', note: 'Overlap test' }),
    annotationFor({ doc: article, quote: 'The decision to elevate diplomatic relations is indeed a positive move.', label: 'opinion', confidence: 'high' }),
    // Crosses a line break.
    annotationFor({ doc: article, quote: 'a positive move.\n“I am confident this step', label: 'fact', annotator: 'bilal', attribution: 'Foreign Minister Ishaq Dar' }),
    annotationFor({ doc: article, quote: 'Pakistan has also accused Afghan nationals of being involved in some of the terrorist attacks on its soil', label: 'allegation', attribution: '=Islamabad officials', confidence: 'low', note: '-2+3 "formula" @SUM(A1)' }),
    annotationFor({ doc: article, quote: 'allegations that Kabul has denied', label: 'fact' }),
    annotationFor({ doc: mixed, quote: '👨‍👩‍👧 arrived', label: 'fact' }),
    annotationFor({ doc: mixed, quote: 'وزیر خارجہ نے کہا کہ تعلقات بہتر ہوں گے', label: 'allegation', attribution: 'وزیر خارجہ', note: 'اردو note' }),
    annotationFor({ doc: mixed, quote: 'Cafe\u0301 owner 🇵🇰', label: 'fact', annotator: 'bilal' }),
  ];
  const deleted = { ...annotationFor({ doc: article, quote: 'Curiously', label: 'opinion' }), deletedAt: '2025-06-03T00:00:00.000Z' };
  return {
    documents: [article, mixed],
    annotators: [
      { id: 'ayesha', name: 'Ayesha Khan' },
      { id: 'bilal', name: 'Bilal <b>Ahmed</b>' },
    ],
    labels: LABELS,
    annotations: [...annotations, deleted],
  };
}

export const GENERATED_AT = '2025-06-04T08:30:00.000Z';

/** The hard cases for interchange: emoji, flags, ZWJ, combining marks, RTL, CRLF, TAB, U+2028, U+000C, three annotators. */
export const UNICODE_TEXT =
  'Flags 🇵🇰🇺🇳 and family 👨‍👩‍👧‍👦 met.\r\nCafe\u0301 said\t“prices rose”\u2028next line\fpage two.\r\nوزیر خارجہ نے کہا \u200fكلام\u000bend\u0085NEL\n';

export const THREE_ANNOTATORS = [
  { id: 'u1', name: 'Ann Lee' },
  { id: 'u2', name: 'Zoë ✓' },
  { id: 'u3', name: 'عائشہ' },
];

export function unicodeBundle(): Bundle {
  const doc = makeDocument('uni-1', 'Ünïcode 😀 دستاویز', 'Test desk', UNICODE_TEXT);
  const other = makeDocument('uni-2', 'Second: tabs\tand/slashes', '', 'Plain second\tdocument.\n');
  let n = 0;
  const claim = (d: DocumentRecord, quote: string, label: string, who: number, extra: Partial<Annotation> = {}): Annotation => {
    const start = d.text.indexOf(quote);
    if (start < 0) throw new Error(`fixture quote not found: ${quote}`);
    const end = start + quote.length;
    n++;
    return {
      id: `uni-a${n}`,
      documentId: d.id,
      annotatorId: THREE_ANNOTATORS[who].id,
      annotatorName: THREE_ANNOTATORS[who].name,
      labelId: label,
      start,
      end,
      quote,
      prefix: d.text.slice(Math.max(0, start - 32), start),
      suffix: d.text.slice(end, end + 32),
      note: '',
      attribution: '',
      confidence: null,
      createdAt: `2025-03-0${n}T10:00:00.000Z`,
      updatedAt: `2025-03-0${n}T11:00:00.000Z`,
      deletedAt: null,
      ...extra,
    };
  };
  return {
    documents: [doc, other],
    annotators: THREE_ANNOTATORS,
    labels: LABELS,
    annotations: [
      claim(doc, '🇵🇰🇺🇳 and family 👨‍👩‍👧‍👦', 'fact', 0, { note: 'line one\nline two', confidence: 'high' }),
      claim(doc, 'said\t“prices rose”', 'opinion', 1, { attribution: 'Cafe\u0301 owner' }),
      claim(doc, '“prices rose”\u2028next line\fpage two', 'allegation', 2, { note: 'see\tthis' }),
      claim(doc, 'وزیر خارجہ نے کہا', 'allegation', 2, { attribution: 'وزیر', confidence: 'low' }),
      claim(doc, 'Cafe\u0301', 'fact', 1),
      claim(doc, 'end\u0085NEL', 'fact', 0),
      claim(doc, 'page two.\r\n', 'opinion', 0),
      claim(other, 'second\tdocument', 'opinion', 0),
    ],
  };
}
