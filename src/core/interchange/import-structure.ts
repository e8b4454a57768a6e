// Checks shared by the importers that read a claim's structure (claim-structure.ts): attribute
// values as the model allows them, links whose both ends are in the file, and what a label's
// role and attributes are when the file only shows them in use.
import { ATTRIBUTE_LIMITS, type AttributeDefinition, type AttributeType, type AttributeValues, type RelationKind } from '../../shared/claim-structure';
import { ISO_DATE, inferAttributeType } from './claim-links';
import type { ImportProblems } from './import-problems';
import { preview } from './import-text';
import type { ImportedAnnotation, ImportedLabel, ImportedRelation } from './types';

/** Attribute and option keys: lower-case letters, digits and single dashes. */
export const ATTRIBUTE_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function keyProblem(key: string, what: string): string | null {
  if (key.length > ATTRIBUTE_LIMITS.keyLength) return `${what} ${preview(key)} is longer than ${ATTRIBUTE_LIMITS.keyLength} characters`;
  return ATTRIBUTE_KEY.test(key) ? null : `${what} ${preview(key)} must be lower-case letters, digits and dashes`;
}

/** Why a date is not a calendar date YYYY-MM-DD, or null. */
export function dateProblem(value: string): string | null {
  if (!ISO_DATE.test(value)) return `${preview(value)} is not a date like 2025-05-28`;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? `${preview(value)} is not a calendar date` : null;
}

/** Why a link cannot be kept, or null: evidence links are https: URLs only. */
export function linkProblem(value: string): string | null {
  if (value.length > ATTRIBUTE_LIMITS.urlLength) return `a link is longer than ${ATTRIBUTE_LIMITS.urlLength} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${preview(value)} is not a web address`;
  }
  return url.protocol === 'https:' ? null : `${preview(value)} is not an https: link`;
}

/** Why a value cannot be an attribute of `type`, or null. */
export function attributeValueProblem(key: string, type: AttributeType, value: string | string[], definition?: AttributeDefinition): string | null {
  const bad = keyProblem(key, 'attribute');
  if (bad) return bad;
  if (type === 'links') {
    const links = Array.isArray(value) ? value : [value];
    if (links.length > ATTRIBUTE_LIMITS.linksPerValue) return `${key} has more than ${ATTRIBUTE_LIMITS.linksPerValue} links`;
    for (const link of links) {
      const problem = linkProblem(link);
      if (problem) return `${key}: ${problem}`;
    }
    return null;
  }
  if (Array.isArray(value)) return value.length === 1 ? attributeValueProblem(key, type, value[0], definition) : `${key} takes one value, not ${value.length}`;
  if (type === 'date') {
    const problem = dateProblem(value);
    return problem ? `${key}: ${problem}` : null;
  }
  const option = keyProblem(value, `${key} value`);
  if (option) return option;
  if (definition && !definition.options.some((o) => o.key === value)) return `${preview(value)} is not one of the values of ${key} (${definition.options.map((o) => o.key).join(', ')})`;
  return null;
}

/** Stores a value the way the model keeps it: links as a list, anything else as one string. */
export function setAttribute(values: AttributeValues, key: string, type: AttributeType, value: string | string[]): void {
  if (type === 'links') values[key] = [...(Array.isArray(values[key]) ? (values[key] as string[]) : []), ...(Array.isArray(value) ? value : [value])];
  else values[key] = Array.isArray(value) ? value[0] : value;
}

/**
 * The links whose both ends are claims of the file, in the same document and layer. The others
 * are rejected naming where and why (an import with any fails unless `partial`).
 */
export function checkRelations(annotations: readonly ImportedAnnotation[], relations: readonly ImportedRelation[], problems: ImportProblems): ImportedRelation[] {
  const byRef = new Map<string, ImportedAnnotation | null>();
  for (const a of annotations) if (a.ref !== undefined) byRef.set(a.ref, byRef.has(a.ref) ? null : a);
  const seen = new Set<string>();
  const kept: ImportedRelation[] = [];
  for (const r of relations) {
    const where = r.where ?? `link ${r.claimRef} → ${r.targetRef}`;
    const claim = byRef.get(r.claimRef);
    const target = byRef.get(r.targetRef);
    const missing = [r.claimRef, r.targetRef].filter((ref) => byRef.get(ref) === undefined);
    if (missing.length > 0) {
      problems.reject(where, `the ${r.kind} link names ${missing.map((m) => preview(m)).join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not a claim in this file (a dangling link)`);
      continue;
    }
    if (claim === null || target === null) {
      problems.reject(where, `the ${r.kind} link names an id that more than one claim in the file has`);
      continue;
    }
    if (!claim || !target) continue;
    if (r.claimRef === r.targetRef) {
      problems.reject(where, `a claim cannot be its own ${r.kind}`);
      continue;
    }
    if (claim.documentRef !== target.documentRef) {
      problems.reject(where, `the ${r.kind} link joins spans of two different documents`);
      continue;
    }
    if ((claim.annotatorId ?? claim.annotator) !== (target.annotatorId ?? target.annotator)) {
      problems.reject(where, `the ${r.kind} link joins the work of two different annotators`);
      continue;
    }
    const key = JSON.stringify([r.kind, r.claimRef, r.targetRef]);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(r);
  }
  return kept;
}

/**
 * Labels with the role and attributes their use in the file shows, where the file did not define
 * them: a label linked to as a source is a source label; each attribute key in use becomes an
 * attribute of the type its values have, with the option keys seen (sorted) as its options.
 */
export function labelsWithStructure(labels: readonly ImportedLabel[], annotations: readonly ImportedAnnotation[], relations: readonly ImportedRelation[]): ImportedLabel[] {
  const out = new Map(labels.map((l) => [l.id, { ...l }]));
  const labelOfRef = new Map(annotations.filter((a) => a.ref !== undefined).map((a) => [a.ref as string, a.label]));
  const roles = new Map<string, RelationKind>();
  for (const r of relations) {
    const label = labelOfRef.get(r.targetRef);
    if (label !== undefined && !roles.has(label)) roles.set(label, r.kind);
  }
  for (const [id, role] of roles) {
    const l = out.get(id) ?? { id };
    if (l.role === undefined) l.role = role;
    out.set(id, l);
  }
  const used = new Map<string, Map<string, { type: AttributeType; options: Set<string> }>>();
  for (const a of annotations) {
    for (const [key, value] of Object.entries(a.attributes ?? {})) {
      let keys = used.get(a.label);
      if (!keys) used.set(a.label, (keys = new Map()));
      let seen = keys.get(key);
      if (!seen) keys.set(key, (seen = { type: inferAttributeType(value), options: new Set() }));
      if (seen.type === 'choice' && typeof value === 'string') seen.options.add(value);
    }
  }
  for (const [id, keys] of used) {
    const l = out.get(id) ?? { id };
    const defined = [...(l.attributes ?? [])];
    for (const [key, { type, options }] of [...keys].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      if (defined.some((d) => d.key === key)) continue;
      defined.push({ key, name: key, type, options: [...options].sort().map((o) => ({ key: o, name: o })) });
    }
    l.attributes = defined;
    out.set(id, l);
  }
  return [...out.values()];
}
