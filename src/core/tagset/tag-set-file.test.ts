import { describe, expect, it } from 'vitest';
import type { Label } from '../../shared/types';
import { CHECK_WORTHINESS_PRESET, VERDICT_SCALE_PRESET } from '../../shared/claim-structure';
import { parseTagSet, planTagSetImport, serializeTagSet } from './tag-set-file';

const label = (id: string, name: string, shortcut: string, extra: Partial<Label> = {}): Label => ({
  id,
  name,
  color: '#2f7d4f',
  shortcut,
  definition: `${name} def`,
  archived: false,
  sortOrder: 1,
  examples: { positive: [`a ${name}`], negative: [] },
  ...extra,
});

const LIB = [label('fact', 'Fact', '1'), label('opinion', 'Opinion', '2'), label('allegation', 'Allegation', '3')];
const file = (labels: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'claimtag-tagset', version: 2, labels, ...extra });
const entry = (l: Label) => JSON.parse(serializeTagSet([l])).labels[0];

describe('tag-set file version 2: roles and attributes (#20)', () => {
  const verdictFact = label('fact', 'Fact', '1', { attributes: [CHECK_WORTHINESS_PRESET, VERDICT_SCALE_PRESET] });
  const speaker = label('speaker', 'Speaker', '', { role: 'source' });

  it('writes every label’s role and attributes and reads them back as the library holds them', () => {
    const text = serializeTagSet([verdictFact, speaker, LIB[1]]);
    const written = JSON.parse(text);
    expect(written.version).toBe(2);
    expect(written.labels.map((l: { role: string; attributes: unknown[] }) => [l.role, l.attributes.length])).toEqual([
      ['claim', 2],
      ['source', 0],
      ['claim', 0],
    ]);
    const parsed = parseTagSet(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const plan = planTagSetImport(parsed.value, [], 1);
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.add.map(({ sortOrder: _s, ...l }) => l)).toEqual([verdictFact, speaker, LIB[1]].map(({ sortOrder: _s, ...l }) => l));
    // the same file over the same labels changes nothing
    const again = planTagSetImport(parsed.value, [verdictFact, speaker, LIB[1]], 9);
    expect(again.ok && again.value).toEqual({ add: [], update: [], clearShortcuts: [] });
  });

  it('reads a version 1 file unchanged; the labels it updates keep their role and attributes', () => {
    const v1 = JSON.stringify({
      format: 'claimtag-tagset',
      version: 1,
      labels: [{ id: 'fact', name: 'Checked fact', color: '#2f7d4f', shortcut: '1', definition: 'Fact def', examples: { positive: ['a Fact'], negative: [] }, archived: false }],
    });
    const parsed = parseTagSet(v1);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.labels[0]).not.toHaveProperty('role');
    const plan = planTagSetImport(parsed.value, [verdictFact, speaker], 5);
    expect(plan.ok && plan.value.update).toEqual([{ ...verdictFact, name: 'Checked fact', definition: 'Fact def' }]);
    // version 1 has no role: a key it does not know makes the file malformed
    const withRole = v1.replace('"archived":false', '"archived":false,"role":"source"');
    expect(parseTagSet(withRole)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'The tag-set file is malformed; nothing was changed.' } });
  });

  it('refuses attribute definitions a library would refuse, naming the label and field', () => {
    const oneOption = { ...VERDICT_SCALE_PRESET, options: VERDICT_SCALE_PRESET.options.slice(0, 1) };
    const result = parseTagSet(file([{ ...entry(LIB[0]), attributes: [oneOption] }]));
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: 'The tag set cannot be imported: Fact: Give “Verdict” at least two options to choose from. (attributes.0.options) Nothing was changed.' },
    });
    expect(parseTagSet(file([{ ...entry(LIB[0]), role: 'speaker' }]))).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});

describe('tag-set file', () => {
  it('round-trips labels with examples and archived state', () => {
    const text = serializeTagSet([...LIB, label('old', 'Old', '', { archived: true })]);
    const parsed = parseTagSet(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.format).toBe('claimtag-tagset');
    expect(parsed.value.labels.map((l) => [l.id, l.shortcut, l.archived])).toEqual([
      ['fact', '1', false],
      ['opinion', '2', false],
      ['allegation', '3', false],
      ['old', '', true],
    ]);
    expect(parsed.value.labels[0].examples).toEqual({ positive: ['a Fact'], negative: [] });
  });

  it.each([
    ['not JSON', '{"format":', /not valid JSON/],
    ['another format', JSON.stringify({ format: 'claimtag', version: 1, labels: [] }), /not a claimtag tag-set file/],
    ['an array', '[]', /not a claimtag tag-set file/],
    ['a newer version', file([], { version: 3 }), /newer claimtag \(file version 3\); this version reads version 2/],
    ['an unknown key', file([{ ...entry(LIB[0]), extra: 1 }]), /malformed/],
    ['a missing field', file([{ id: 'x', name: 'X' }]), /malformed/],
    ['no labels', file([]), /malformed/],
    ['a bad colour', file([{ ...entry(LIB[0]), color: 'red' }]), /malformed/],
    ['a shortcut clash inside the file', file([entry(LIB[0]), { ...entry(LIB[1]), shortcut: '1' }]), /1 is the shortcut for both Fact and Opinion/],
    ['a repeated id', file([entry(LIB[0]), { ...entry(LIB[0]), name: 'Other', shortcut: '' }]), /id "fact" appears twice/],
    ['a repeated name', file([entry(LIB[0]), { ...entry(LIB[1]), name: 'fact' }]), /Two labels are called/],
    ['__proto__', `{"format":"claimtag-tagset","version":1,"labels":[{"__proto__":{"polluted":true}}]}`, /forbidden key/],
    ['constructor', `{"format":"claimtag-tagset","version":1,"constructor":{"prototype":{}},"labels":[]}`, /forbidden key/],
  ])('rejects %s with the reason', (_what, text, reason) => {
    const parsed = parseTagSet(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect([parsed.error.message, ...(parsed.error.details ?? [])].join(' ')).toMatch(reason);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('plans updates by id, additions after the existing order, and skips unchanged labels', () => {
    const parsed = parseTagSet(file([entry({ ...LIB[0], name: 'Checked fact' }), entry(LIB[1]), entry(label('statistic', 'Statistic', '4'))]));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const plan = planTagSetImport(parsed.value, LIB, 7);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.value.update.map((l) => l.name)).toEqual(['Checked fact']);
    expect(plan.value.add.map((l) => [l.id, l.sortOrder])).toEqual([['statistic', 7]]);
  });

  it('refuses a shortcut or name that a label outside the file already uses, and frees keys of archived ones', () => {
    const clash = parseTagSet(file([entry(label('statistic', 'Statistic', '3'))]));
    if (!clash.ok) throw new Error(clash.error.message);
    const plan = planTagSetImport(clash.value, LIB, 4);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.error.message).toMatch(/3 is already the shortcut for Allegation, which the file does not include/);

    const named = parseTagSet(file([entry(label('stat', 'Opinion', ''))]));
    if (!named.ok) throw new Error(named.error.message);
    expect(planTagSetImport(named.value, LIB, 4)).toMatchObject({ ok: false, error: { message: /already the name of the label "opinion"/ } });

    const withArchived = [...LIB, label('old', 'Old', '4', { archived: true })];
    const freed = planTagSetImport({ ...clash.value, labels: [{ ...clash.value.labels[0], shortcut: '4' }] }, withArchived, 5);
    expect(freed).toMatchObject({ ok: true, value: { clearShortcuts: ['old'] } });
  });
});
