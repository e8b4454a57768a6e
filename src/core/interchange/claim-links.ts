// What exporters need to write a claim's structure (claim-structure.ts): its linked source and
// cue spans, and its attribute values in the order its label defines them.
import type { AttributeDefinition, AttributeType, AttributeValues, RelationKind } from '../../shared/claim-structure';
import type { Annotation, Label } from '../../shared/types';
import { compareText, type ExportSelection } from './export-selection';

export type ClaimLinks = Record<RelationKind, Annotation[]>;

const NO_LINKS: ClaimLinks = Object.freeze({ source: [], cue: [] }) as ClaimLinks;

/** The linked annotations of each exported claim, per kind, in text order. */
export function linksByClaim(selection: ExportSelection): (claimId: string) => ClaimLinks {
  if (selection.relations.length === 0) return () => NO_LINKS;
  // Only the spans links point at are kept, not every claim of the export.
  const targets = new Set(selection.relations.map((r) => r.targetId));
  const byId = new Map<string, Annotation>();
  for (const d of selection.documents) for (const a of d.annotations) if (targets.has(a.id)) byId.set(a.id, a);
  const links = new Map<string, ClaimLinks>();
  for (const r of selection.relations) {
    const target = byId.get(r.targetId);
    if (!target) continue;
    let mine = links.get(r.claimId);
    if (!mine) links.set(r.claimId, (mine = { source: [], cue: [] }));
    mine[r.kind].push(target);
  }
  for (const l of links.values()) for (const list of Object.values(l)) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return (claimId) => links.get(claimId) ?? NO_LINKS;
}

export interface AttributeEntry {
  key: string;
  /** The label's definition of this attribute; absent when the tag set no longer defines it. */
  definition?: AttributeDefinition;
  /** The definition's type, or (without one) read off the value: a list is links, YYYY-MM-DD a date, else an option key. */
  type: AttributeType;
  value: string | string[];
}

/**
 * An annotation's attribute values, by key in code point order — never in the tag set's order,
 * so formats that do not carry the definitions write the same file again after a round trip.
 */
export function attributeEntries(a: Annotation, label: Label | undefined): AttributeEntry[] {
  const values: AttributeValues = a.attributes ?? {};
  const entries: AttributeEntry[] = [];
  for (const key of Object.keys(values).sort(compareText)) {
    const value = values[key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const definition = label?.attributes?.find((d) => d.key === key);
    entries.push({ key, ...(definition ? { definition } : {}), type: definition?.type ?? inferAttributeType(value), value });
  }
  return entries;
}

/** A value's type when no definition says: a list is links, YYYY-MM-DD a date, anything else an option key. */
export const inferAttributeType = (value: string | string[]): AttributeType => (Array.isArray(value) ? 'links' : ISO_DATE.test(value) ? 'date' : 'choice');

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Values as a list: one option key or date, or the links. */
export const valueList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** What a reader sees for a value: the option's name, the date, the links joined by `separator`. */
export function displayValue(entry: AttributeEntry, separator = ' · '): string {
  const { definition, type, value } = entry;
  if (type === 'choice' || type === 'scale') {
    const key = valueList(value)[0] ?? '';
    return definition?.options.find((o) => o.key === key)?.name ?? key;
  }
  return valueList(value).join(separator);
}

/** The role a label marks; absent means 'claim'. */
export const roleOf = (label: Label | undefined): 'claim' | RelationKind => label?.role ?? 'claim';

/** Attribute definitions of the exported labels, each key once (the first label that defines it wins). */
export function attributeKeys(labels: readonly Label[]): Map<string, { definition: AttributeDefinition; labels: Label[] }> {
  const keys = new Map<string, { definition: AttributeDefinition; labels: Label[] }>();
  for (const label of labels) {
    for (const definition of label.attributes ?? []) {
      const known = keys.get(definition.key);
      if (known) known.labels.push(label);
      else keys.set(definition.key, { definition, labels: [label] });
    }
  }
  return keys;
}
