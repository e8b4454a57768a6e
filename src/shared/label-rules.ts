// The rules a tag set keeps, as pure checks over the labels: no two labels share a name or
// a shortcut key, colours read well, and labels in use are merged or archived, not deleted.
// Common tier: the core's services, the importer and the Tag set dialog all use these.
import type { Label } from './types';
import { contrastVerdict } from './contrast';

export type LabelField = 'name' | 'color' | 'shortcut' | 'definition' | 'examples' | 'id';

export interface LabelProblem {
  field: LabelField;
  message: string;
}

export interface LabelDraft {
  id: string;
  name: string;
  color: string;
  shortcut: string;
  definition: string;
  examples?: { positive: string[]; negative: string[] };
}

/** A colour as labels store it: #rrggbb. */
export const isHexColor = (color: string): boolean => /^#[0-9a-f]{6}$/i.test(color);

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * What is wrong with saving `draft` beside `others` (every other label, archived ones too).
 * An archived label holding the same shortcut is not a problem: it gives the key up.
 */
export function checkLabel(draft: LabelDraft, others: readonly Label[]): LabelProblem[] {
  const problems: LabelProblem[] = [];
  const name = draft.name.trim();
  if (!name) problems.push({ field: 'name', message: 'A label needs a name.' });
  const namesake = others.find((l) => l.id !== draft.id && sameName(l.name, name));
  if (name && namesake) problems.push({ field: 'name', message: `Another label is already called “${namesake.name}”.` });

  if (!isHexColor(draft.color)) problems.push({ field: 'color', message: 'Use a colour like #2f7d4f.' });
  else {
    const verdict = contrastVerdict(draft.color);
    if (!verdict.ok) problems.push({ field: 'color', message: verdict.problem! });
  }

  if (draft.shortcut && !/^[1-9]$/.test(draft.shortcut)) problems.push({ field: 'shortcut', message: 'Use one digit from 1 to 9, or none.' });
  else if (draft.shortcut) {
    const holder = others.find((l) => l.id !== draft.id && !l.archived && l.shortcut === draft.shortcut);
    if (holder) problems.push({ field: 'shortcut', message: shortcutTaken(draft.shortcut, holder.name) });
  }
  return problems;
}

export const shortcutTaken = (key: string, holder: string) => `${key} is already the shortcut for ${holder}.`;

/** Archived labels other than `id` that hold `key` and must give it up. */
export function archivedHolders(key: string, id: string, labels: readonly Label[]): Label[] {
  return key ? labels.filter((l) => l.id !== id && l.archived && l.shortcut === key) : [];
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why a label in use cannot be deleted, and what to do instead. */
export function inUseMessage(label: Pick<Label, 'name'>, live: number): string {
  return `“${label.name}” is used by ${plural(live, 'annotation')}, so it cannot be deleted. Merge it into another label to relabel them, or archive it to stop using it while keeping them.`;
}

/** The keys a label's shortcut may be. */
export const SHORTCUT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** The first key not in `used`, or '' when 1–9 are all taken. */
export const firstFreeKey = (used: ReadonlySet<string>): string => SHORTCUT_KEYS.find((k) => !used.has(k)) ?? '';

/** The first free shortcut key among active labels, or '' when 1–9 are all taken. */
export function freeShortcut(labels: readonly Label[]): string {
  return firstFreeKey(new Set(labels.filter((l) => !l.archived).map((l) => l.shortcut)));
}

/** Colours given to new labels in turn (each reads well under text in both themes). */
export const NEW_LABEL_COLORS = ['#7a5c99', '#9a6b1f', '#3f7f7f', '#8a3b5c', '#4d6b2f', '#5a5a8a'] as const;

/** A new label's colour: the first of NEW_LABEL_COLORS no label has yet, else one in turn. */
export function newLabelColor(labels: readonly Pick<Label, 'color'>[]): string {
  const used = new Set(labels.map((l) => l.color.toLowerCase()));
  return NEW_LABEL_COLORS.find((c) => !used.has(c)) ?? NEW_LABEL_COLORS[labels.length % NEW_LABEL_COLORS.length];
}
