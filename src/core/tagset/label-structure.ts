// What a label's role and attributes may become (#20), checked against the annotations that
// already use the label: nothing saved is lost or silently reinterpreted. A role changes only
// while no link touches the label's annotations; an attribute or option in use stays until the
// values using it are cleared; labels merge only when they mark the same thing and the merged
// annotations' values fit the label they join.
import type { AttributeDefinition, AttributeValues, LabelRole } from '../../shared/claim-structure';
import { checkAttributeDefinitions, normalizeAttributeDefinitions, problemDetails, valuesThatStillHold } from '../../shared/attribute-rules';
import { fail, ok, type Result } from '../../shared/result';
import type { Label } from '../../shared/types';
import type { Library } from '../store/library';
import { plural } from '../../shared/label-rules';

const ROLE_WORDS: Record<LabelRole, string> = { claim: 'claims', source: 'sources', cue: 'cues' };

/** Keys whose values would not survive `definitions`, and on how many annotations. */
function valuesLost(stored: readonly AttributeValues[], definitions: readonly AttributeDefinition[]): { annotations: number; keys: string[] } {
  let annotations = 0;
  const keys = new Set<string>();
  for (const values of stored) {
    const kept = valuesThatStillHold(values, definitions);
    const lost = Object.keys(values).filter((k) => JSON.stringify(kept[k]) !== JSON.stringify(values[k]));
    if (lost.length > 0) annotations++;
    for (const k of lost) keys.add(k);
  }
  return { annotations, keys: [...keys] };
}

/** The role and attributes a label is saved with (the existing ones where the input leaves them out), or why not. */
export function checkLabelStructure(
  library: Library,
  existing: Label | null,
  role: LabelRole | undefined,
  attributes: AttributeDefinition[] | undefined,
): Result<{ role: LabelRole; attributes: AttributeDefinition[] }> {
  const nextRole = role ?? existing?.role ?? 'claim';
  const nextAttributes = attributes ? normalizeAttributeDefinitions(attributes) : (existing?.attributes ?? []);
  const problems = checkAttributeDefinitions(attributes ?? nextAttributes);
  if (problems.length > 0) {
    return { ok: false, error: { code: 'invalid-input', message: problems[0].message, details: problemDetails(problems) } };
  }
  if (existing && nextRole !== (existing.role ?? 'claim')) {
    const links = library.relations.liveCountForLabel(existing.id);
    if (links > 0) {
      return fail('conflict', `“${existing.name}” is used in ${plural(links, 'link')} between claims and their sources or cues, so it keeps marking ${ROLE_WORDS[existing.role ?? 'claim']}. Remove those links first, or make a new label.`, [
        `role: ${plural(links, 'link')} ${links === 1 ? 'uses' : 'use'} this label`,
      ]);
    }
  }
  if (existing && attributes) {
    const lost = valuesLost(library.annotations.attributeValuesOfLabel(existing.id), nextAttributes);
    if (lost.annotations > 0) {
      const names = lost.keys.map((k) => `“${existing.attributes?.find((d) => d.key === k)?.name ?? k}”`).join(', ');
      return fail('conflict', `${plural(lost.annotations, 'annotation')} of “${existing.name}” ${lost.annotations === 1 ? 'has' : 'have'} values for ${names} that the changed attributes have no place for. Clear those values first, or keep the attribute and its options.`, [
        `attributes: ${plural(lost.annotations, 'annotation')} would lose ${names}`,
      ]);
    }
  }
  return ok({ role: nextRole, attributes: nextAttributes });
}

/** Whether `from`'s annotations can join `into`: the same role, and values `into` accepts. */
export function mergeFits(library: Library, from: Label, into: Label): Result<null> {
  const fromRole = from.role ?? 'claim';
  const intoRole = into.role ?? 'claim';
  if (fromRole !== intoRole) {
    return fail('conflict', `“${from.name}” marks ${ROLE_WORDS[fromRole]} and “${into.name}” marks ${ROLE_WORDS[intoRole]}; merge labels that mark the same thing.`);
  }
  const lost = valuesLost(library.annotations.attributeValuesOfLabel(from.id), into.attributes ?? []);
  if (lost.annotations > 0) {
    return fail('conflict', `${plural(lost.annotations, 'annotation')} of “${from.name}” ${lost.annotations === 1 ? 'carries' : 'carry'} attribute values “${into.name}” has no place for (${lost.keys.join(', ')}). Give “${into.name}” those attributes first, or clear the values.`);
  }
  return ok(null);
}
