// Seeded, deterministic inputs for the benchmarks. Nothing generated here is written to the
// repository: every run builds the same article and annotations from the same seed.
import { createHash } from 'node:crypto';
import { seededRandom } from '../../test/agreement/synthetic-document';
import { blocksOfLines } from '../../src/core/library-io/merge-import';
import { Library } from '../../src/core/store/library';
import type { Annotation, Block, Bundle, Label } from '../../src/shared/types';

const WORDS = [
  'the', 'minister', 'said', 'officials', 'claimed', 'reportedly', 'border', 'trade', 'talks', 'Dr.', 'U.S.', 'sources',
  'according', 'to', 'allegedly', 'new', 'policy', '🇵🇰', 'week', 'denied', 'government', 'would', 'not', 'comment', 'on',
  'a', 'report', 'that', 'prices', 'rose', 'by', 'percent', 'in', 'March', 'critics', 'called', 'decision', 'reckless',
  'ambassador', 'level', 'Kabul', 'Islamabad', 'مذاکرات', 'agreement', 'signed', 'after', 'months', 'of', 'negotiations',
];
export const LABEL_IDS = ['fact', 'opinion', 'allegation'] as const;

export interface Article {
  text: string;
  blocks: Block[];
}

/** ~`targetLength` UTF-16 units in paragraphs of 1–4 sentences (~200 characters): 1 MB ≈ 5,000 paragraphs. */
export function makeArticle(seed = 11, targetLength = 1_000_000): Article {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const paragraphs: string[] = [];
  let length = 0;
  while (length < targetLength) {
    const sentences: string[] = [];
    const count = 1 + Math.floor(random() * 3);
    for (let s = 0; s < count; s++) {
      const words: string[] = [];
      const n = 7 + Math.floor(random() * 14);
      for (let w = 0; w < n; w++) words.push(pick(WORDS));
      words[0] = words[0][0].toUpperCase() + words[0].slice(1);
      sentences.push(words.join(' ') + pick(['.', '.', '.', '!', '?']));
    }
    const p = sentences.join(' ');
    paragraphs.push(p);
    length += p.length + 1;
  }
  const text = paragraphs.join('\n').slice(0, targetLength).trimEnd();
  return { text, blocks: blocksOfLines(text) };
}

export interface Span {
  start: number;
  end: number;
  label: (typeof LABEL_IDS)[number];
}

/** `count` non-overlapping whole-word spans, each inside one paragraph, spread evenly over the text. */
export function makeSpans(article: Article, count: number, seed = 5): Span[] {
  const { text, blocks } = article;
  const random = seededRandom(seed);
  const slot = Math.floor(text.length / count);
  const blockEnds = blocks.map((b) => b.end);
  const blockAt = (pos: number) => {
    let lo = 0;
    let hi = blockEnds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (blockEnds[mid] <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const spans: Span[] = [];
  for (let k = 0; k < count; k++) {
    const slotStart = k * slot;
    const slotEnd = slotStart + slot;
    for (let attempt = 0; attempt < 8; attempt++) {
      let start = slotStart + Math.floor(random() * (slot / 2));
      // forward to the start of a word
      while (start < slotEnd && (text[start] === ' ' || text[start] === '\n' || (start > 0 && text[start - 1] !== ' ' && text[start - 1] !== '\n'))) start++;
      const block = blocks[blockAt(start)];
      if (!block || start < block.start || start >= block.end || start >= slotEnd) continue;
      let end = Math.min(block.end, slotEnd, start + 12 + Math.floor(random() * 60));
      // back to the end of a word
      while (end > start && end < block.end && text[end] !== ' ') end--;
      if (end <= start || text.slice(start, end).trim() === '') continue;
      spans.push({ start, end, label: LABEL_IDS[Math.floor(random() * LABEL_IDS.length)] });
      break;
    }
  }
  return spans.slice(0, count);
}

export const BENCH_ANNOTATOR = 'Bench Analyst';

/** Writes a document and its annotations into a library in one transaction; sets the current annotator and open document. */
export function seedLibrary(dbPath: string, article: Article, spans: readonly Span[]): { documentId: string; seedMs: number } {
  const library = Library.open(dbPath);
  try {
    const t0 = performance.now();
    const documentId = library.transaction(() => {
      const { document } = library.documents.add({ title: 'Benchmark article (1 MB)', source: 'bench', text: article.text, blocks: article.blocks });
      const annotator = library.annotators.add(BENCH_ANNOTATOR);
      library.settings.set('current-annotator', annotator.id);
      library.settings.set('last-document', document.id);
      for (const s of spans) library.annotations.add({ documentId: document.id, annotatorId: annotator.id, labelId: s.label, start: s.start, end: s.end }, article.text);
      return document.id;
    });
    return { documentId, seedMs: performance.now() - t0 };
  } finally {
    library.close();
  }
}

export const BENCH_LABELS: Label[] = [
  { id: 'fact', name: 'Fact', color: '#2f7d4f', shortcut: '1', definition: '', archived: false, sortOrder: 1, examples: { positive: [], negative: [] } },
  { id: 'opinion', name: 'Opinion', color: '#2d6cb5', shortcut: '2', definition: '', archived: false, sortOrder: 2, examples: { positive: [], negative: [] } },
  { id: 'allegation', name: 'Allegation', color: '#b5562d', shortcut: '3', definition: '', archived: false, sortOrder: 3, examples: { positive: [], negative: [] } },
];

/** The 1 MB article and its 10k annotations as an export bundle (what the export dialog builds from the library). */
export function makeBundle(article: Article, spans: readonly Span[]): Bundle {
  const createdAt = '2025-06-02T10:00:00.000Z';
  const annotations: Annotation[] = spans.map((s, i) => ({
    id: `a${i}`, documentId: 'bench', annotatorId: 'u1', annotatorName: BENCH_ANNOTATOR, labelId: s.label, start: s.start, end: s.end,
    quote: article.text.slice(s.start, s.end), prefix: article.text.slice(Math.max(0, s.start - 32), s.start), suffix: article.text.slice(s.end, s.end + 32),
    note: i % 5 === 0 ? `Note ${i} <b>&</b>` : '', attribution: i % 7 === 0 ? 'Officials' : '', confidence: i % 2 ? 'high' : null,
    createdAt, updatedAt: createdAt, deletedAt: null,
  }));
  return {
    documents: [{ id: 'bench', title: 'Benchmark article (1 MB)', source: 'bench', text: article.text, sha256: createHash('sha256').update(article.text).digest('hex'), blocks: article.blocks, createdAt }],
    annotators: [{ id: 'u1', name: BENCH_ANNOTATOR }],
    labels: BENCH_LABELS,
    annotations,
  };
}
