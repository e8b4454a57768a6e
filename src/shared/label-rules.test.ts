import { describe, expect, it } from 'vitest';
import type { Label } from './types';
import { checkLabel, freeShortcut, inUseMessage } from './label-rules';

const label = (id: string, name: string, shortcut: string, archived = false): Label => ({
  id,
  name,
  color: '#2f7d4f',
  shortcut,
  definition: '',
  archived,
  sortOrder: 1,
});
const LIB = [label('fact', 'Fact', '1'), label('opinion', 'Opinion', '2'), label('allegation', 'Allegation', '3'), label('old', 'Old', '5', true)];
const draft = (over: Partial<Label>) => ({ id: 'statistic', name: 'Statistic', color: '#7a5c99', shortcut: '4', definition: '', ...over });

describe('label rules', () => {
  it('accepts a new label with a free key or none', () => {
    expect(checkLabel(draft({}), LIB)).toEqual([]);
    expect(checkLabel(draft({ shortcut: '' }), LIB)).toEqual([]);
  });

  it('names the label that already uses a shortcut', () => {
    expect(checkLabel(draft({ shortcut: '2' }), LIB)).toEqual([{ field: 'shortcut', message: '2 is already the shortcut for Opinion.' }]);
    // a label keeps its own key
    expect(checkLabel({ ...draft({ shortcut: '2' }), id: 'opinion', name: 'Opinion' }, LIB)).toEqual([]);
    // an archived label's key is free to take
    expect(checkLabel(draft({ shortcut: '5' }), LIB)).toEqual([]);
  });

  it('refuses a name another label has, in any case', () => {
    expect(checkLabel(draft({ name: ' opinion ' }), LIB)).toEqual([{ field: 'name', message: 'Another label is already called “Opinion”.' }]);
  });

  it('takes a light highlighter colour (the badge letter turns dark), refuses one that is not a colour', () => {
    expect(checkLabel(draft({ color: '#f0e68c' }), LIB)).toEqual([]);
    const [p] = checkLabel(draft({ color: '#f0e6' }), LIB);
    expect(p).toEqual({ field: 'color', message: 'Use a colour like #2f7d4f.' });
  });

  it('explains why a used label cannot be deleted and what to do', () => {
    expect(inUseMessage({ name: 'Opinion' }, 3)).toBe(
      '“Opinion” is used by 3 annotations, so it cannot be deleted. Merge it into another label to relabel them, or archive it to stop using it while keeping them.',
    );
    expect(inUseMessage({ name: 'Opinion' }, 1)).toMatch(/used by 1 annotation,/);
  });

  it('finds the first free key among active labels', () => {
    expect(freeShortcut(LIB)).toBe('4');
  });
});
