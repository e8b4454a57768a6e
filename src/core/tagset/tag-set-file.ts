// The tag-set file: a label scheme on its own, to share guidelines between analysts.
//   {"format":"claimtag-tagset","version":2,"labels":[{id,name,color,shortcut,definition,examples,archived,role,attributes}]}
// Version 2 (#20) adds each label's role (claim, source, cue) and typed attributes; version 1
// files (without them) are still read, and leave the role and attributes of labels already here as they are.
// Reading is strict: unknown keys, prototype-polluting keys, a newer version or any rule a
// library keeps (colour contrast, one label per key and per name) make the whole file fail.
import { z } from 'zod';
import { LABEL_ID_MAX_LENGTH, LABEL_ID_PATTERN } from '../../shared/label-id';
import { fail, ok, type Result } from '../../shared/result';
import type { Label } from '../../shared/types';
import { parseJsonSafely } from '../interchange/safe-json';
import { contrastVerdict } from '../../shared/contrast';
import { ATTRIBUTE_TYPES, LABEL_ROLES } from '../../shared/claim-structure';
import { checkAttributeDefinitions } from '../../shared/attribute-rules';

export const TAG_SET_FORMAT = 'claimtag-tagset';
export const TAG_SET_VERSION = 2;
/** A tag set is a few kilobytes; anything this large is not one. */
export const MAX_TAG_SET_BYTES = 2 * 1024 * 1024;
const MAX_DETAILS = 5;

const fileLabelV1 = z
  .object({
    id: z.string().min(1).max(LABEL_ID_MAX_LENGTH).regex(LABEL_ID_PATTERN, 'use lower-case letters, digits and dashes'),
    name: z.string().trim().min(1).max(60),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'use a colour like #2f7d4f'),
    shortcut: z.string().regex(/^[1-9]?$/, 'use one digit from 1 to 9, or none'),
    definition: z.string().max(4_000),
    examples: z.object({ positive: z.array(z.string().max(2_000)).max(50), negative: z.array(z.string().max(2_000)).max(50) }).strict(),
    archived: z.boolean(),
  })
  .strict();

const attributeKey = z.string().min(1).max(100);
const fileAttribute = z
  .object({
    key: attributeKey,
    name: z.string().max(200),
    type: z.enum(ATTRIBUTE_TYPES),
    options: z.array(z.object({ key: attributeKey, name: z.string().max(200) }).strict()).max(100),
  })
  .strict();

const fileLabelV2 = fileLabelV1.extend({ role: z.enum(LABEL_ROLES), attributes: z.array(fileAttribute).max(50) }).strict();

const labelsOf = <T extends z.ZodType>(label: T) => z.array(label).min(1, 'a tag set needs at least one label').max(200);
const fileSchemaV1 = z.object({ format: z.literal(TAG_SET_FORMAT), version: z.literal(1), labels: labelsOf(fileLabelV1) }).strict();
const fileSchemaV2 = z.object({ format: z.literal(TAG_SET_FORMAT), version: z.literal(2), labels: labelsOf(fileLabelV2) }).strict();

/** A label as a file gives it: version 1 files say nothing of role and attributes. */
export type TagSetEntry = z.infer<typeof fileLabelV1> & Partial<Pick<z.infer<typeof fileLabelV2>, 'role' | 'attributes'>>;
export interface TagSetFile {
  format: typeof TAG_SET_FORMAT;
  version: 1 | 2;
  labels: TagSetEntry[];
}

export function serializeTagSet(labels: readonly Label[]): string {
  const file: TagSetFile = {
    format: TAG_SET_FORMAT,
    version: TAG_SET_VERSION,
    labels: labels.map((l) => ({
      id: l.id,
      name: l.name,
      color: l.color,
      shortcut: l.shortcut,
      definition: l.definition,
      examples: { positive: [...(l.examples?.positive ?? [])], negative: [...(l.examples?.negative ?? [])] },
      archived: l.archived,
      role: l.role ?? 'claim',
      attributes: (l.attributes ?? []).map((a) => ({ key: a.key, name: a.name, type: a.type, options: a.options.map((o) => ({ key: o.key, name: o.name })) })),
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses and checks a tag-set file on its own (not yet against a library). */
export function parseTagSet(text: string): Result<TagSetFile> {
  const json = parseJsonSafely(text, 'tag-set file');
  if (!json.ok) return json;
  const value = json.value;
  const header = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  if (!header || header.format !== TAG_SET_FORMAT) {
    return fail('invalid-input', 'This is not a claimtag tag-set file (it should start with "format": "claimtag-tagset").');
  }
  if (typeof header.version === 'number' && Number.isInteger(header.version) && header.version > TAG_SET_VERSION) {
    return fail(
      'unsupported',
      `This tag set was written by a newer claimtag (file version ${header.version}); this version reads version ${TAG_SET_VERSION}. Nothing was changed.`,
    );
  }
  const parsed = (header.version === 1 ? fileSchemaV1 : fileSchemaV2).safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, MAX_DETAILS).map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`);
    return fail('invalid-input', 'The tag-set file is malformed; nothing was changed.', details);
  }
  const file: TagSetFile = parsed.data;
  const problems: string[] = [];
  const seen = { id: new Map<string, string>(), name: new Map<string, string>(), key: new Map<string, string>() };
  for (const l of file.labels) {
    if (seen.id.has(l.id)) problems.push(`The id "${l.id}" appears twice.`);
    seen.id.set(l.id, l.name);
    const nameKey = l.name.toLocaleLowerCase();
    if (seen.name.has(nameKey)) problems.push(`Two labels are called “${l.name}”.`);
    seen.name.set(nameKey, l.name);
    if (l.shortcut) {
      const holder = seen.key.get(l.shortcut);
      if (holder) problems.push(`${l.shortcut} is the shortcut for both ${holder} and ${l.name}.`);
      else seen.key.set(l.shortcut, l.name);
    }
    const verdict = contrastVerdict(l.color);
    if (!verdict.ok) problems.push(`${l.name}: ${verdict.problem}`);
    for (const p of checkAttributeDefinitions(l.attributes ?? [])) problems.push(`${l.name}: ${p.message} (${p.field})`);
  }
  if (problems.length) return fail('invalid-input', `The tag set cannot be imported: ${problems[0]} Nothing was changed.`, problems.slice(0, MAX_DETAILS));
  return ok(file);
}

export interface TagSetImportPlan {
  add: Label[];
  update: Label[];
  /** Archived library labels not in the file whose shortcut a file label takes. */
  clearShortcuts: string[];
}

/** Matches the file's labels with the library's by id; refuses clashes with labels the file leaves alone. */
export function planTagSetImport(file: TagSetFile, current: readonly Label[], nextSortOrder: number): Result<TagSetImportPlan> {
  const inFile = new Set(file.labels.map((l) => l.id));
  const untouched = current.filter((l) => !inFile.has(l.id));
  const problems: string[] = [];
  const clearShortcuts: string[] = [];
  for (const l of file.labels) {
    const namesake = untouched.find((u) => u.name.trim().toLocaleLowerCase() === l.name.toLocaleLowerCase());
    if (namesake) problems.push(`“${l.name}” is already the name of the label "${namesake.id}", which the file does not include.`);
    if (!l.shortcut) continue;
    for (const u of untouched.filter((x) => x.shortcut === l.shortcut)) {
      if (u.archived) clearShortcuts.push(u.id);
      else problems.push(`${l.shortcut} is already the shortcut for ${u.name}, which the file does not include (wanted by ${l.name}).`);
    }
  }
  if (problems.length) return fail('conflict', `The tag set cannot be imported: ${problems[0]} Nothing was changed.`, problems.slice(0, MAX_DETAILS));

  const byId = new Map(current.map((l) => [l.id, l]));
  const add: Label[] = [];
  const update: Label[] = [];
  let order = nextSortOrder;
  for (const l of file.labels) {
    const existing = byId.get(l.id);
    if (!existing) add.push(withoutDefaults({ ...l, sortOrder: order++ }));
    else {
      // A version 1 file says nothing of role and attributes: the label keeps its own.
      const next: Label = withoutDefaults({ role: existing.role, attributes: existing.attributes, ...l, sortOrder: existing.sortOrder });
      if (!sameLabel(existing, next)) update.push(next);
    }
  }
  return ok({ add, update, clearShortcuts });
}

/** Role and attributes as the library reads them: left out when 'claim' and none. */
function withoutDefaults(l: Label): Label {
  const { role, attributes, ...rest } = l;
  return { ...rest, ...(role && role !== 'claim' ? { role } : {}), ...(attributes && attributes.length > 0 ? { attributes } : {}) };
}

function sameLabel(a: Label, b: Label): boolean {
  const ex = (l: Label) => JSON.stringify([l.examples?.positive ?? [], l.examples?.negative ?? []]);
  const structure = (l: Label) => JSON.stringify([l.role ?? 'claim', l.attributes ?? []]);
  return (
    a.name === b.name &&
    a.color.toLowerCase() === b.color.toLowerCase() &&
    a.shortcut === b.shortcut &&
    a.definition === b.definition &&
    a.archived === b.archived &&
    ex(a) === ex(b) &&
    structure(a) === structure(b)
  );
}
