// Checks shared by the importers that read a claim's structure (claim-structure.ts): attribute
// values as the model allows them, links whose both ends are in the file, and what a label's
// role and attributes are when the file only shows them in use.
import { ATTRIBUTE_KEY_PATTERN, evidenceLinkProblem, isCalendarDate } from '../../shared/attribute-rules';
import { ATTRIBUTE_LIMITS, type AttributeDefinition, type AttributeType, type AttributeValues, type RelationKind } from '../../shared/claim-structure';
import { inferAttributeType } from './claim-links';
import type { ImportProblems } from './import-problems';
import { preview } from './import-text';
import type { ImportedAnnotation, ImportedLabel, ImportedRelation } from './types';

/** Why a key cannot be an attribute or option key (the shared rules' pattern), or null. */
export function keyProblem(key: string, what: string): string | null {
  if (key.length > ATTRIBUTE_LIMITS.keyLength) return `${what} ${preview(key)} is longer than ${ATTRIBUTE_LIMITS.keyLength} characters`;
  return ATTRIBUTE_KEY_PATTERN.test(key) && key !== 'constructor' && key !== 'prototype' ? null : `${what} ${preview(key)} must be lower-case letters, digits and dashes`;
}

/**
 * Why a value cannot be an attribute of `type`, or null with the value as claimtag stores it
 * (links normalised by the shared attribute rules, src/shared/attribute-rules.ts).
 */
export function checkAttributeValue(key: string, type: AttributeType, value: string | string[], definition?: AttributeDefinition): { problem: string } | { problem: null; value: string | string[] } {
  const bad = keyProblem(key, 'attribute');
  if (bad) return { problem: bad };
  if (type === 'links') {
    const links = Array.isArray(value) ? value : [value];
    if (links.length > ATTRIBUTE_LIMITS.linksPerValue) return { problem: `${key} has more than ${ATTRIBUTE_LIMITS.linksPerValue} links` };
    const kept: string[] = [];
    for (const link of links) {
      const checked = evidenceLinkProblem(link);
      if (checked.problem !== null) return { problem: `${key}: ${checked.problem}` };
      kept.push(checked.url);
    }
    return { problem: null, value: kept };
  }
  if (Array.isArray(value)) return value.length === 1 ? checkAttributeValue(key, type, value[0], definition) : { problem: `${key} takes one value, not ${value.length}` };
  if (type === 'date') return isCalendarDate(value) ? { problem: null, value } : { problem: `${key}: ${preview(value)} is not a calendar date written year-month-day, e.g. 2025-05-28` };
  const option = keyProblem(value, `${key} value`);
  if (option) return { problem: option };
  if (definition && !definition.options.some((o) => o.key === value)) return { problem: `${preview(value)} is not one of the values of ${key} (${definition.options.map((o) => o.key).join(', ')})` };
  return { problem: null, value };
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
