import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_LIMITS, VERDICT_SCALE_PRESET, type AttributeDefinition } from '../../../shared/claim-structure';
import { addAttribute, addOption, addPreset, attributeProblem, changeAttribute, moveOption, PRESETS, removeOption } from './attribute-draft';

const NONE = new Set<string>();

describe('editing a label’s attributes', () => {
  it('adds presets as copies, a second one under a fresh key', () => {
    const once = addPreset([], VERDICT_SCALE_PRESET);
    const twice = addPreset(once, VERDICT_SCALE_PRESET);
    expect(twice.map((a) => a.key)).toEqual(['verdict', 'verdict-2']);
    twice[0].options[0].name = 'Changed';
    expect(VERDICT_SCALE_PRESET.options[0].name).toBe('True');
    expect(PRESETS.map((p) => p.id)).toEqual(['check-worthiness', 'verdict', 'evidence', 'claim-date']);
  });

  it('lets a new attribute’s key follow its name, never a saved one’s', () => {
    const list = addAttribute(addPreset([], VERDICT_SCALE_PRESET));
    const named = changeAttribute(list, 1, { name: 'Checked by desk' }, new Set(['verdict']));
    expect(named[1].key).toBe('checked-by-desk');
    const renamedSaved = changeAttribute(named, 0, { name: 'Rating' }, new Set(['verdict']));
    expect(renamedSaved[0]).toMatchObject({ key: 'verdict', name: 'Rating' });
  });

  it('orders a scale’s options (first = best) and drops options when the type takes none', () => {
    let list: AttributeDefinition[] = addPreset([], VERDICT_SCALE_PRESET);
    list = moveOption(list, 0, 4, -1);
    expect(list[0].options.map((o) => o.key)).toEqual(['true', 'mostly-true', 'half-true', 'false', 'mostly-false']);
    expect(moveOption(list, 0, 0, -1)).toEqual(list);
    expect(moveOption(list, 0, 4, 1)).toEqual(list);
    list = addOption(list, 0, 'Pants on fire');
    expect(list[0].options.at(-1)).toEqual({ key: 'pants-on-fire', name: 'Pants on fire' });
    list = removeOption(list, 0, 0);
    expect(list[0].options[0].key).toBe('mostly-true');
    expect(changeAttribute(list, 0, { type: 'links' }, NONE)[0].options).toEqual([]);
  });

  it('says what is wrong in the shared rule’s words before anything is sent', () => {
    expect(attributeProblem(addPreset([], VERDICT_SCALE_PRESET))).toBeNull();
    expect(attributeProblem(addAttribute([]))).toBe('Give the attribute a name.');
    const oneOption = addOption(changeAttribute(addAttribute([]), 0, { name: 'Rating' }, NONE), 0, 'Good');
    expect(attributeProblem(oneOption)).toBe('Give “Rating” at least two options to choose from.');
  });

  it('stops adding at the limit', () => {
    let list: AttributeDefinition[] = [];
    for (let i = 0; i < ATTRIBUTE_LIMITS.attributesPerLabel + 2; i++) list = addAttribute(list);
    expect(list).toHaveLength(ATTRIBUTE_LIMITS.attributesPerLabel);
    expect(new Set(list.map((a) => a.key)).size).toBe(list.length);
  });
});
