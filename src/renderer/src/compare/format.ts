import type { Coefficient, DifferenceKind } from '../../../shared/compare';

/**
 * Each kind of difference: its name and a mark. Marks are symbols in a round frame, never
 * letters, so they cannot be mistaken for a label's badge (an "A" for Agreement beside an
 * "A" for Allegation).
 */
export const KIND_INFO: Record<DifferenceKind, { mark: string; name: string; hint: string }> = {
  agreement: { mark: '=', name: 'Agreement', hint: 'Everyone marked the same span with the same label.' },
  'label-conflict': { mark: '≠', name: 'Label conflict', hint: 'Same span, different labels.' },
  'boundary-conflict': { mark: '↔', name: 'Boundary conflict', hint: 'Overlapping spans that start or end in different places.' },
  missed: { mark: '∅', name: 'Missed', hint: 'Only some annotators tagged here.' },
};

export const KIND_ORDER: DifferenceKind[] = ['label-conflict', 'boundary-conflict', 'missed', 'agreement'];

export function formatCoefficient(value: Coefficient, digits = 2): string {
  if (value === null) return '—';
  return value.toFixed(digits).replace(/^-/, '−');
}

export function formatPercent(value: Coefficient): string {
  return value === null ? '—' : `${Math.round(value * 100)}%`;
}

/** The note that explains an undefined figure, found by the words it uses. */
export function noteFor(notes: readonly string[], ...words: string[]): string | undefined {
  return notes.find((n) => words.some((w) => n.toLowerCase().includes(w.toLowerCase())));
}

/** Text for a list item: at most `max` characters, cut at a word. */
export function shorten(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}
