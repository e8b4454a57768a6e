import { describe, expect, it } from 'vitest';
import { canMeet, COMMAND_IDS, COMMANDS, keysLabel, type CommandId } from '../../../shared/commands';
import { shortcutSheet } from './shortcut-sheet';

describe('the shortcuts sheet', () => {
  it('lists every command that has keys once, with the keys and words of the table', () => {
    const rows = shortcutSheet().flatMap((g) => g.rows.map((r) => ({ ...r, group: g.title })));
    const withKeys = COMMAND_IDS.filter((id) => COMMANDS[id].keys.length > 0);
    expect(rows.map((r) => r.id).sort()).toEqual([...withKeys].sort());
    for (const r of rows) {
      expect(r.keys.join(', ')).toBe(keysLabel(COMMANDS[r.id]));
      expect(r.title).toBe(COMMANDS[r.id].title);
      expect(r.group).toBe(COMMANDS[r.id].group);
    }
  });

  it('documents both keys that delete an annotation', () => {
    const del = shortcutSheet().flatMap((g) => g.rows).find((r) => r.id === 'delete');
    expect(del?.keys).toEqual(['Delete', 'Backspace']);
  });

  it('shows no key twice within one group for bindings that could apply at once', () => {
    const twice: string[] = [];
    for (const g of shortcutSheet()) {
      const seen = new Map<string, CommandId[]>();
      for (const r of g.rows) {
        for (const k of COMMANDS[r.id].keys) {
          for (const other of seen.get(k) ?? []) if (canMeet(COMMANDS[other], COMMANDS[r.id])) twice.push(`${g.title}: ${k} for ${other} and ${r.id}`);
          seen.set(k, [...(seen.get(k) ?? []), r.id]);
        }
      }
    }
    expect(twice).toEqual([]);
  });
});
