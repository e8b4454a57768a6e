import { describe, expect, it } from 'vitest';
import { acceleratorFor, ariaKeyShortcut, canMeet, chordLabel, chordOf, COMMAND_IDS, COMMANDS, MENU_COMMANDS, whenHolds, type CommandSpec } from './commands';

const press = (key: string, mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) =>
  chordOf({ key, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, altKey: !!mods.alt, shiftKey: !!mods.shift });

describe('the command table', () => {
  it('binds no key twice where both bindings could apply at once', () => {
    const clashes: string[] = [];
    for (const [i, a] of COMMAND_IDS.entries()) {
      for (const b of COMMAND_IDS.slice(i + 1)) {
        const shared = COMMANDS[a].keys.filter((k) => (COMMANDS[b].keys as readonly string[]).includes(k));
        if (shared.length && canMeet(COMMANDS[a], COMMANDS[b])) clashes.push(`${shared.join(',')}: ${a} / ${b}`);
      }
      const keys = COMMANDS[a].keys;
      if (new Set(keys).size !== keys.length) clashes.push(`${a} lists a key twice`);
    }
    expect(clashes).toEqual([]);
  });

  it('tells clashing bindings from ones that cannot meet', () => {
    const spec = (when: CommandSpec['when'], inFields?: true): CommandSpec => ({ title: 't', group: 'Tagging', keys: ['J'], when, ...(inFields ? { inFields } : {}) });
    expect(canMeet(spec(['workbench']), spec(['workbench', 'annotationSelected']))).toBe(true);
    expect(canMeet(spec(['workbench']), spec([]))).toBe(true);
    expect(canMeet(spec(['workbench']), spec(['compareView']))).toBe(false);
    expect(canMeet(spec(['workbench', 'textSelected']), spec(['workbench', '!textSelected']))).toBe(false);
    expect(canMeet(spec(['workbench']), spec(['modalOpen']))).toBe(false);
  });

  it('keeps every shortcut quiet under a modal dialog, except closing it', () => {
    const everything = { workbench: true, compareView: true, studyDashboard: true, annotationSelected: true, textSelected: true, annotationListFocus: true, differenceListFocus: true, differenceActive: true, compareCellOpen: true };
    const underModal = COMMAND_IDS.filter((id) => whenHolds(COMMANDS[id], { ...everything, modalOpen: true }));
    expect(underModal).toEqual(['close-dialog']);
    expect(whenHolds(COMMANDS.export, { modalOpen: false })).toBe(true);
    expect(whenHolds(COMMANDS.shortcuts, { modalOpen: true })).toBe(false);
  });

  it('lets only the file commands, the library search-hit steps (F3 types nothing) and closing a dialog through while typing in a field', () => {
    const all = { workbench: true, compareView: true, studyDashboard: true, annotationSelected: true, textSelected: true, annotationListFocus: true, differenceListFocus: true, differenceActive: true, compareCellOpen: true, typingInField: true };
    expect(COMMAND_IDS.filter((id) => whenHolds(COMMANDS[id], all)).sort()).toEqual(['export', 'import', 'next-search-hit', 'previous-search-hit', 'studies']);
    expect(whenHolds(COMMANDS['close-dialog'], { ...all, modalOpen: true })).toBe(true);
  });

  it('needs what a command acts on: Shift+A needs an annotation and selected text', () => {
    expect(whenHolds(COMMANDS['attribute-to-selection'], { workbench: true, annotationSelected: true })).toBe(false);
    expect(whenHolds(COMMANDS['attribute-to-selection'], { workbench: true, annotationSelected: true, textSelected: true })).toBe(true);
    expect(whenHolds(COMMANDS.delete, { workbench: true })).toBe(false);
  });

  it('lists the menu commands from the table', () => {
    expect([...MENU_COMMANDS].sort()).toEqual(COMMAND_IDS.filter((id) => 'menu' in COMMANDS[id]).sort());
    expect(MENU_COMMANDS).toEqual(expect.arrayContaining(['import', 'export', 'undo', 'redo', 'find', 'shortcuts', 'rename-annotator']));
  });
});

describe('chords', () => {
  it('reads a key press as the table writes it', () => {
    expect(press('z', { ctrl: true })).toBe('Mod+Z');
    expect(press('z', { meta: true })).toBe('Mod+Z');
    expect(press('Z', { ctrl: true, shift: true })).toBe('Mod+Shift+Z');
    expect(press('A', { shift: true })).toBe('Shift+A');
    expect(press('a')).toBe('A');
    expect(press('?', { shift: true })).toBe('?');
    expect(press('1')).toBe('1');
    expect(press('!', { shift: true })).toBe('!');
    expect(press('Backspace')).toBe('Backspace');
    expect(press('Enter', { shift: true })).toBe('Shift+Enter');
    expect(press('Shift', { shift: true })).toBeNull();
    expect(press('d', { ctrl: true, shift: true })).toBe('Mod+Shift+D');
  });

  it('shows chords to people and to Electron', () => {
    expect(chordLabel('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(chordLabel('Mod+Shift+Z', true)).toBe('⌘⇧Z');
    expect(chordLabel('ArrowDown')).toBe('↓');
    expect(acceleratorFor('Mod+E')).toBe('CmdOrCtrl+E');
    expect(acceleratorFor('?')).toBe('?');
  });

  it('every key in the table is one a key press can make', () => {
    const pressable = (chord: string) => {
      const parts = chord.split('+');
      const key = parts.pop()!;
      const k = /^[A-Z]$/.test(key) && !parts.includes('Shift') ? key.toLowerCase() : key;
      return press(k, { ctrl: parts.includes('Mod'), alt: parts.includes('Alt'), shift: parts.includes('Shift') || key === '?' });
    };
    for (const id of COMMAND_IDS) for (const chord of COMMANDS[id].keys) expect(pressable(chord), `${id}: ${chord}`).toBe(chord);
  });
});

describe('aria-keyshortcuts', () => {
  it('writes Mod as the platform’s modifier', () => {
    expect(ariaKeyShortcut('Mod+Shift+Z')).toBe('Control+Shift+Z');
    expect(ariaKeyShortcut('Mod+E', true)).toBe('Meta+E');
    expect(ariaKeyShortcut('Delete')).toBe('Delete');
    expect(ariaKeyShortcut('Shift+A')).toBe('Shift+A');
  });
});
