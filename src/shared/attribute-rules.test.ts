// The attribute rules are pure: the renderer's forms and the core run the same checks.
import { describe, expect, it } from 'vitest';
import { checkAttributeDefinitions, checkAttributeValues, evidenceLinkProblem, isCalendarDate, valuesThatStillHold } from './attribute-rules';
import { ATTRIBUTE_PRESETS, CHECK_WORTHINESS_PRESET, VERDICT_SCALE_PRESET } from './claim-structure';

describe('attribute rules', () => {
  it('accept every bundled preset, the verdict scale best first', () => {
    expect(checkAttributeDefinitions(ATTRIBUTE_PRESETS)).toEqual([]);
    expect(VERDICT_SCALE_PRESET.options.map((o) => o.key)).toEqual(['true', 'mostly-true', 'half-true', 'mostly-false', 'false']);
    expect(CHECK_WORTHINESS_PRESET.options.map((o) => o.name)).toEqual(['Check-worthy', 'Not worth checking', 'Not factual']);
  });

  it('know a calendar date from a date-shaped string', () => {
    for (const d of ['2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01']) expect(isCalendarDate(d), d).toBe(true);
    for (const d of ['2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-1-01', '24-01-01', '2024-01-01T00:00', '0000-01-01', '']) expect(isCalendarDate(d), d).toBe(false);
  });

  it('keep only absolute https: links without credentials, as the URL standard writes them', () => {
    expect(evidenceLinkProblem('https://EXAMPLE.org/a b')).toMatchObject({ problem: 'A link cannot contain spaces or invisible characters.' });
    expect(evidenceLinkProblem('https://example.org/\u202eevil')).toMatchObject({ problem: 'A link cannot contain spaces or invisible characters.' });
    expect(evidenceLinkProblem('  https://EXAMPLE.org/a?b=1#c ')).toEqual({ problem: null, url: 'https://example.org/a?b=1#c' });
    expect(evidenceLinkProblem('https://münchen.example/')).toEqual({ problem: null, url: 'https://xn--mnchen-3ya.example/' });
    expect(evidenceLinkProblem('//example.org/a').problem).toMatch(/not a web address/);
    expect(evidenceLinkProblem('data:text/html,hi').problem).toMatch(/Only https:/);
    expect(evidenceLinkProblem('https://:pw@example.org/').problem).toMatch(/password/);
  });

  it('drop what a new label cannot carry and keep the rest', () => {
    const values = { verdict: 'half-true', 'check-worthiness': 'check-worthy', mood: 'calm' };
    expect(valuesThatStillHold(values, [VERDICT_SCALE_PRESET])).toEqual({ verdict: 'half-true' });
    expect(valuesThatStillHold(values, [])).toEqual({});
    // "__proto__" arriving as data is an unknown attribute, never the object's prototype
    expect(checkAttributeValues(JSON.parse('{"__proto__": "x"}'), [VERDICT_SCALE_PRESET], 'Fact')).toEqual({
      values: {},
      problems: [{ field: 'values.__proto__', message: '“Fact” has no attribute “__proto__”.' }],
    });
  });
});
