// The rules label attributes keep (#20), as pure checks every process can run: the core applies
// them before anything is saved, the renderer's forms show the same problems beside the field.
// A problem names its field ("attributes.1.options", "values.verdict") and says, in the analyst's
// words, what to change.

import { ATTRIBUTE_LIMITS, ATTRIBUTE_TYPES, type AttributeDefinition, type AttributeValues } from './claim-structure';

export interface FieldProblem {
  /** Where the problem is, e.g. "attributes.0.key" or "values.evidence". */
  field: string;
  message: string;
}

/** Attribute and option keys: lower-case letters, digits and dashes (like label ids). */
export const ATTRIBUTE_KEY_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** Words that mean something to every JavaScript object: never a key of stored values. */
const RESERVED_KEYS = new Set(['constructor', 'prototype', '__proto__']);
/** Control and invisible characters that must not hide in a link. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0020\u007f-\u00a0\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/;

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function keyProblem(key: string, what: string): string | null {
  if (!key) return `Give the ${what} a key.`;
  if (key.length > ATTRIBUTE_LIMITS.keyLength) return `Keep the ${what}'s key to ${ATTRIBUTE_LIMITS.keyLength} characters.`;
  if (!ATTRIBUTE_KEY_PATTERN.test(key)) return `Use lower-case letters, digits and dashes for the ${what}'s key.`;
  if (RESERVED_KEYS.has(key)) return `“${key}” cannot be used as a key; choose another.`;
  return null;
}

function nameProblem(name: string, what: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return `Give the ${what} a name.`;
  if (trimmed.length > ATTRIBUTE_LIMITS.nameLength) return `Keep the ${what}'s name to ${ATTRIBUTE_LIMITS.nameLength} characters.`;
  return null;
}

/** What is wrong with a label's attribute definitions (an empty list when nothing is). */
export function checkAttributeDefinitions(definitions: readonly AttributeDefinition[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (definitions.length > ATTRIBUTE_LIMITS.attributesPerLabel) {
    problems.push({ field: 'attributes', message: `A label carries at most ${ATTRIBUTE_LIMITS.attributesPerLabel} attributes.` });
  }
  definitions.forEach((d, i) => {
    const at = `attributes.${i}`;
    const key = keyProblem(d.key, 'attribute');
    if (key) problems.push({ field: `${at}.key`, message: key });
    else if (definitions.findIndex((o) => o.key === d.key) !== i) problems.push({ field: `${at}.key`, message: `Another attribute of this label already has the key “${d.key}”.` });
    const name = nameProblem(d.name, 'attribute');
    if (name) problems.push({ field: `${at}.name`, message: name });
    else if (definitions.findIndex((o) => sameName(o.name, d.name)) !== i) problems.push({ field: `${at}.name`, message: `Another attribute of this label is already called “${d.name.trim()}”.` });
    if (!(ATTRIBUTE_TYPES as readonly string[]).includes(d.type)) {
      problems.push({ field: `${at}.type`, message: `Choose one of the attribute types: ${ATTRIBUTE_TYPES.join(', ')}.` });
      return;
    }
    if (d.type === 'links' || d.type === 'date') {
      if (d.options.length > 0) problems.push({ field: `${at}.options`, message: `A ${d.type === 'links' ? 'links' : 'date'} attribute has no options.` });
      return;
    }
    if (d.options.length < 2) problems.push({ field: `${at}.options`, message: `Give “${d.name.trim() || d.key}” at least two options to choose from.` });
    if (d.options.length > ATTRIBUTE_LIMITS.optionsPerAttribute) problems.push({ field: `${at}.options`, message: `An attribute has at most ${ATTRIBUTE_LIMITS.optionsPerAttribute} options.` });
    d.options.forEach((o, j) => {
      const ok = keyProblem(o.key, 'option');
      if (ok) problems.push({ field: `${at}.options.${j}.key`, message: ok });
      else if (d.options.findIndex((p) => p.key === o.key) !== j) problems.push({ field: `${at}.options.${j}.key`, message: `Another option already has the key “${o.key}”.` });
      const on = nameProblem(o.name, 'option');
      if (on) problems.push({ field: `${at}.options.${j}.name`, message: on });
      else if (d.options.findIndex((p) => sameName(p.name, o.name)) !== j) problems.push({ field: `${at}.options.${j}.name`, message: `Another option is already called “${o.name.trim()}”.` });
    });
  });
  return problems;
}

/** Definitions as they are saved: names trimmed, options dropped from links and date attributes. */
export function normalizeAttributeDefinitions(definitions: readonly AttributeDefinition[]): AttributeDefinition[] {
  return definitions.map((d) => ({
    key: d.key,
    name: d.name.trim(),
    type: d.type,
    options: d.type === 'choice' || d.type === 'scale' ? d.options.map((o) => ({ key: o.key, name: o.name.trim() })) : [],
  }));
}

/** Why `text` is not an evidence link claimtag keeps, or null with the link as stored. */
export function evidenceLinkProblem(text: string): { problem: string; url?: undefined } | { problem: null; url: string } {
  const raw = text.trim();
  if (raw.length > ATTRIBUTE_LIMITS.urlLength) return { problem: `A link is at most ${ATTRIBUTE_LIMITS.urlLength} characters long.` };
  if (UNPRINTABLE.test(raw)) return { problem: 'A link cannot contain spaces or invisible characters.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: `“${preview(raw)}” is not a web address; paste a full link starting with https://.` };
  }
  if (url.protocol !== 'https:') return { problem: `Only https:// links are kept as evidence; “${preview(raw)}” is not one.` };
  if (url.username || url.password) return { problem: 'A link cannot carry a user name or password; remove the part before “@”.' };
  if (!url.hostname) return { problem: `“${preview(raw)}” names no web site.` };
  if (url.href.length > ATTRIBUTE_LIMITS.urlLength) return { problem: `A link is at most ${ATTRIBUTE_LIMITS.urlLength} characters long.` };
  return { problem: null, url: url.href };
}

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const preview = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/**
 * Checks values against a label's definitions and returns them as stored: links trimmed,
 * normalised and deduplicated, empty values dropped (an attribute with no value is absent),
 * keys in the order the label defines them.
 */
export function checkAttributeValues(
  values: AttributeValues,
  definitions: readonly AttributeDefinition[],
  labelName: string,
): { values: AttributeValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(values)) {
    if (!definitions.some((d) => d.key === key)) problems.push({ field: `values.${key}`, message: `“${labelName}” has no attribute “${preview(key)}”.` });
  }
  const out: Array<[string, string | string[]]> = [];
  for (const d of definitions) {
    if (!has(values, d.key)) continue;
    const value = values[d.key];
    const field = `values.${d.key}`;
    if (d.type === 'links') {
      const list = typeof value === 'string' ? [value] : value;
      const kept: string[] = [];
      for (const item of list) {
        if (item.trim() === '') continue;
        const link = evidenceLinkProblem(item);
        if (link.problem !== null) problems.push({ field, message: link.problem });
        else if (!kept.includes(link.url)) kept.push(link.url);
      }
      if (kept.length > ATTRIBUTE_LIMITS.linksPerValue) problems.push({ field, message: `Keep at most ${ATTRIBUTE_LIMITS.linksPerValue} links for “${d.name}”.` });
      if (kept.length > 0) out.push([d.key, kept]);
      continue;
    }
    if (typeof value !== 'string') {
      problems.push({ field, message: `“${d.name}” takes one value.` });
      continue;
    }
    const text = value.trim();
    if (text === '') continue;
    if (d.type === 'date') {
      if (isCalendarDate(text)) out.push([d.key, text]);
      else problems.push({ field, message: `“${preview(text)}” is not a date; write it as year-month-day, e.g. 2026-03-14.` });
      continue;
    }
    if (d.options.some((o) => o.key === text)) out.push([d.key, text]);
    else problems.push({ field, message: `“${preview(text)}” is not one of the choices for “${d.name}”: ${d.options.map((o) => o.name).join(', ')}.` });
  }
  return { values: Object.fromEntries(out), problems };
}

/**
 * The values that still hold under other definitions (a claim moved to another label, or a
 * label's attributes changed): each value is kept only where it would pass checkAttributeValues.
 */
export function valuesThatStillHold(values: AttributeValues, definitions: readonly AttributeDefinition[]): AttributeValues {
  const kept: Array<[string, string | string[]]> = [];
  for (const d of definitions) {
    if (!has(values, d.key)) continue;
    const one = checkAttributeValues({ [d.key]: values[d.key] }, [d], '');
    if (one.problems.length === 0 && has(one.values, d.key)) kept.push([d.key, one.values[d.key]]);
  }
  return Object.fromEntries(kept);
}

/** "field: message" lines, the shape AppError.details uses for forms. */
export const problemDetails = (problems: readonly FieldProblem[]): string[] => problems.map((p) => `${p.field}: ${p.message}`);
