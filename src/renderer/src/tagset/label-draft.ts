// The label being edited in the Tag set dialog: its draft, how a new one starts, how its id is
// made from its name, and how the core's refusal is put next to the fields it is about.

import type { AppError } from '../../../shared/result';
import type { Label } from '../../../shared/types';
import type { AttributeDefinition, LabelRole } from '../../../shared/claim-structure';

export type Field = 'name' | 'color' | 'shortcut' | 'definition' | 'examples' | 'role' | 'attributes';
export type Errors = Partial<Record<Field | 'general', string>>;

export interface Draft {
  /** Empty for a label not saved yet; its id is made from the name. */
  id: string;
  name: string;
  color: string;
  shortcut: string;
  definition: string;
  positive: string[];
  negative: string[];
  role: LabelRole;
  attributes: AttributeDefinition[];
}

const NEW_COLORS = ['#7a5c99', '#9a6b1f', '#3f7f7f', '#8a3b5c', '#4d6b2f', '#5a5a8a'];
const FIELDS: readonly Field[] = ['name', 'color', 'shortcut', 'definition', 'examples', 'role', 'attributes'];
const SHORTCUTS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const draftOf = (l: Label): Draft => ({
  id: l.id,
  name: l.name,
  color: l.color,
  shortcut: l.shortcut,
  definition: l.definition,
  positive: [...(l.examples?.positive ?? [])],
  negative: [...(l.examples?.negative ?? [])],
  role: l.role ?? 'claim',
  attributes: (l.attributes ?? []).map((a) => ({ ...a, options: a.options.map((o) => ({ ...o })) })),
});

export function newDraft(labels: readonly Label[], role: LabelRole = 'claim'): Draft {
  const used = new Set(labels.filter((l) => !l.archived).map((l) => l.shortcut));
  const colors = new Set(labels.map((l) => l.color.toLowerCase()));
  return {
    id: '',
    name: '',
    color: NEW_COLORS.find((c) => !colors.has(c)) ?? NEW_COLORS[labels.length % NEW_COLORS.length],
    shortcut: SHORTCUTS.find((k) => !used.has(k)) ?? '',
    definition: '',
    positive: [],
    negative: [],
    role,
    attributes: [],
  };
}

/** A lower-case slug (letters, digits, dashes) from a name, not clashing with `taken`. */
export function slugFor(name: string, taken: Iterable<string>, fallback = 'label', max = 34): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max) || fallback;
  const ids = new Set(taken);
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Puts each "field: message" detail next to its field; anything else is a general error. */
export function errorsFrom(error: AppError): Errors {
  const errors: Errors = {};
  for (const d of error.details ?? []) {
    const m = /^([a-z]+)(?:\.[\w.]*)?: (.*)$/.exec(d);
    const field = m?.[1] as Field | undefined;
    if (m && field && FIELDS.includes(field) && !errors[field]) errors[field] = m[2];
  }
  if (Object.keys(errors).length === 0) errors.general = error.message;
  return errors;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
