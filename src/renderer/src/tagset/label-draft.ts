// The label being edited in the Tag set dialog: its draft, how a new one starts, how its id is
// made from its name, and how the core's refusal is put next to the fields it is about.

import { freeShortcut, newLabelColor } from '../../../shared/label-rules';
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

const FIELDS: readonly Field[] = ['name', 'color', 'shortcut', 'definition', 'examples', 'role', 'attributes'];

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
  return {
    id: '',
    name: '',
    color: newLabelColor(labels),
    shortcut: freeShortcut(labels),
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

/** Puts each problem the core mapped to a field (AppError.fields) next to it; anything else is a general error. */
export function errorsFrom(error: AppError): Errors {
  const errors: Errors = {};
  for (const field of FIELDS) if (error.fields?.[field]) errors[field] = error.fields[field];
  if (Object.keys(errors).length === 0) errors.general = error.message;
  return errors;
}
