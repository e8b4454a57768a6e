// Seeded synthetic documents for benchmarks and property tests: news-like sentences (with a
// few astral characters) and annotators who mostly follow one another with small deviations.

import { seededRandom } from '../../src/core/agreement/seeded-random';
import type { AgreementAnnotation, AgreementInput } from '../../src/shared/agreement';

export { seededRandom } from '../../src/core/agreement/seeded-random';

const WORDS = ['the', 'minister', 'said', 'officials', 'claimed', 'reportedly', 'border', 'trade', 'talks', 'Dr.', 'U.S.', 'sources', 'according', 'to', 'allegedly', 'new', 'policy', '🇵🇰', 'week', 'denied'];
const LABELS = ['fact', 'opinion', 'allegation'];

export interface SyntheticOptions {
  seed: number;
  annotators: number;
  /** Annotations per annotator. */
  annotationsPerAnnotator: number;
  textLength: number;
}

export function syntheticDocument(options: SyntheticOptions): AgreementInput {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const parts: string[] = [];
  let length = 0;
  while (length < options.textLength) {
    const words = 6 + Math.floor(random() * 14);
    const sentence: string[] = [];
    for (let w = 0; w < words; w++) sentence.push(pick(WORDS));
    const first = sentence[0];
    sentence[0] = first[0].toUpperCase() + first.slice(1);
    const text = sentence.join(' ') + pick(['.', '.', '.', '!', '?']) + (random() < 0.1 ? '\n' : ' ');
    parts.push(text);
    length += text.length;
  }
  const text = parts.join('');
  const annotations: AgreementAnnotation[] = [];
  const slot = Math.max(2, Math.floor(text.length / options.annotationsPerAnnotator));
  const base: Array<{ start: number; end: number; label: string }> = [];
  for (let k = 0; k < options.annotationsPerAnnotator; k++) {
    const start = k * slot + Math.floor(random() * (slot / 4));
    const end = Math.min(text.length, start + 1 + Math.floor(random() * (slot / 2)));
    if (end > start) base.push({ start, end, label: pick(LABELS) });
  }
  const safe = (i: number): number => {
    const j = Math.max(0, Math.min(text.length, i));
    const c = text.charCodeAt(j);
    return j > 0 && j < text.length && c >= 0xdc00 && c <= 0xdfff ? j + 1 : j;
  };
  for (let a = 0; a < options.annotators; a++) {
    const annotator = `annotator-${String(a + 1).padStart(3, '0')}`;
    for (const span of base) {
      const r = random();
      if (r < 0.05) continue; // missed
      const start = safe(span.start + (r < 0.3 ? Math.floor(random() * 5) - 2 : 0));
      const end = safe(span.end + (r < 0.3 ? Math.floor(random() * 5) - 2 : 0));
      if (end <= start) continue;
      annotations.push({ annotator, label: r > 0.9 ? pick(LABELS) : span.label, start, end });
    }
  }
  return { documentId: `synthetic-${options.seed}`, text, annotations };
}
