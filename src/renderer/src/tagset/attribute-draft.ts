// Editing a label's attribute definitions in the Tag set dialog: pure steps (add, retype, rename,
// add/move/remove options, presets), so the editor component only wires them to controls.

import { ATTRIBUTE_LIMITS, ATTRIBUTE_PRESETS, type AttributeDefinition, type AttributeType } from '../../../shared/claim-structure';
import { checkAttributeDefinitions, normalizeAttributeDefinitions } from '../../../shared/attribute-rules';
import { slugFor } from './label-draft';

/** What each preset's button says (the presets themselves are shared: claim-structure.ts). */
const PRESET_TITLES: Record<string, string> = {
  'check-worthiness': 'Check-worthiness (ClaimBuster)',
  verdict: 'Verdict scale (true … false)',
  evidence: 'Evidence links',
  'claim-date': 'Claim date',
};
export const PRESETS = ATTRIBUTE_PRESETS.map((attribute) => ({ id: attribute.key, title: PRESET_TITLES[attribute.key] ?? attribute.name, attribute }));

export const TYPE_NAMES: Record<AttributeType, string> = {
  choice: 'Choice (one of a list)',
  scale: 'Rating scale (ordered, best first)',
  links: 'Links (https:)',
  date: 'Date',
};

export const hasOptions = (type: AttributeType) => type === 'choice' || type === 'scale';

const copy = (a: AttributeDefinition): AttributeDefinition => ({ ...a, options: a.options.map((o) => ({ ...o })) });

export const canAddAttribute = (list: readonly AttributeDefinition[]) => list.length < ATTRIBUTE_LIMITS.attributesPerLabel;

export function addAttribute(list: readonly AttributeDefinition[]): AttributeDefinition[] {
  if (!canAddAttribute(list)) return [...list];
  const key = slugFor('attribute', list.map((a) => a.key), 'attribute', ATTRIBUTE_LIMITS.keyLength);
  return [...list, { key, name: '', type: 'choice', options: [] }];
}

/** Adds a preset; a second copy gets a fresh key so keys stay unique within the label. */
export function addPreset(list: readonly AttributeDefinition[], preset: AttributeDefinition): AttributeDefinition[] {
  if (!canAddAttribute(list)) return [...list];
  const key = slugFor(preset.key, list.map((a) => a.key), preset.key, ATTRIBUTE_LIMITS.keyLength);
  return [...list, { ...copy(preset), key }];
}

export function removeAttribute(list: readonly AttributeDefinition[], i: number): AttributeDefinition[] {
  return list.filter((_, j) => j !== i);
}

/** `saved`: keys of the attributes already saved; theirs never change (files and values use them), a new one's follows its name. */
export function changeAttribute(
  list: readonly AttributeDefinition[],
  i: number,
  patch: Partial<Pick<AttributeDefinition, 'name' | 'type'>>,
  saved: ReadonlySet<string>,
): AttributeDefinition[] {
  return list.map((a, j) => {
    if (j !== i) return a;
    const next = { ...a, ...patch };
    if (patch.name !== undefined && !saved.has(a.key)) next.key = slugFor(patch.name, list.filter((_, k) => k !== i).map((x) => x.key), a.key, ATTRIBUTE_LIMITS.keyLength);
    if (patch.type && !hasOptions(patch.type)) next.options = [];
    return next;
  });
}

export const canAddOption = (a: AttributeDefinition) => a.options.length < ATTRIBUTE_LIMITS.optionsPerAttribute;

export function addOption(list: readonly AttributeDefinition[], i: number, name: string): AttributeDefinition[] {
  return list.map((a, j) => {
    if (j !== i || !canAddOption(a) || !name.trim()) return a;
    const key = slugFor(name, a.options.map((o) => o.key), 'option', ATTRIBUTE_LIMITS.keyLength);
    return { ...a, options: [...a.options, { key, name: name.trim() }] };
  });
}

export function renameOption(list: readonly AttributeDefinition[], i: number, o: number, name: string): AttributeDefinition[] {
  return list.map((a, j) => (j !== i ? a : { ...a, options: a.options.map((x, k) => (k === o ? { ...x, name } : x)) }));
}

export function removeOption(list: readonly AttributeDefinition[], i: number, o: number): AttributeDefinition[] {
  return list.map((a, j) => (j !== i ? a : { ...a, options: a.options.filter((_, k) => k !== o) }));
}

/** Moves option `o` one place up (-1) or down (+1); on a scale the first is the best rating. */
export function moveOption(list: readonly AttributeDefinition[], i: number, o: number, by: -1 | 1): AttributeDefinition[] {
  return list.map((a, j) => {
    const to = o + by;
    if (j !== i || to < 0 || to >= a.options.length) return a;
    const options = [...a.options];
    [options[o], options[to]] = [options[to], options[o]];
    return { ...a, options };
  });
}

/** The first thing wrong with the definitions before they are sent (the shared rule the core applies too), or null. */
export function attributeProblem(list: readonly AttributeDefinition[]): string | null {
  return checkAttributeDefinitions(normalizeAttributeDefinitions(list))[0]?.message ?? null;
}
