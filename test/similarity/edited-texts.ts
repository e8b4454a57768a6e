// Seeded article-like texts and edited copies of them at chosen degrees of change, for the
// similar-document tests: the same texts on every run.
import { seededRandom } from '../../src/core/agreement/seeded-random';

const SYLLABLES = ['ka', 'mi', 'ro', 'tel', 'san', 'du', 'ver', 'lo', 'ni', 'gar', 'pe', 'zu', 'han', 'ti', 'mor', 'el', 'bra', 'qui', 'sol', 'at'];

/** A vocabulary of pronounceable words (about 8,000 distinct), so unrelated texts share few word triples. */
export function vocabulary(seed = 1, size = 8_000): string[] {
  const random = seededRandom(seed);
  const words = new Set<string>();
  while (words.size < size) {
    const n = 1 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/** A text of `words` words in sentences and paragraphs, capitalised and punctuated. */
export function articleText(seed: number, words: number, vocab: readonly string[]): string {
  const random = seededRandom(seed);
  const out: string[] = [];
  let sentence = 0;
  for (let i = 0; i < words; i++) {
    let w = vocab[Math.floor(random() * vocab.length)];
    if (sentence === 0) w = w[0].toUpperCase() + w.slice(1);
    sentence++;
    if (sentence > 8 && random() < 0.15) {
      w += random() < 0.2 ? '.\n' : '.';
      sentence = 0;
    }
    out.push(w);
  }
  return out.join(' ').replace(/\n /g, '\n');
}

export type Edit = 'replace' | 'delete' | 'insert';

/** A copy of `text` with about `rate` of its words replaced, deleted or preceded by a new word. */
export function editedCopy(text: string, rate: number, seed: number, vocab: readonly string[], edits: readonly Edit[] = ['replace', 'delete', 'insert']): string {
  const random = seededRandom(seed);
  return text.replace(/[^\s]+/g, (w) => {
    if (random() >= rate) return w;
    const edit = edits[Math.floor(random() * edits.length)];
    const other = vocab[Math.floor(random() * vocab.length)];
    return edit === 'replace' ? other : edit === 'delete' ? '' : `${other} ${w}`;
  });
}
