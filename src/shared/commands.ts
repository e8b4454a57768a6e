// The command table: every command a key, the application menu or the shortcuts sheet can start,
// declared once as data (id, title, keys, when-contexts, menu label). The renderer binds what
// each command does (src/renderer/src/commands/) and dispatches keydown by these entries; the
// sheet and main's menu are generated from them. Modelled on VS Code's CommandsRegistry and
// KeybindingsRegistry (a command id, keybindings with `when` context expressions), kept small.
//
// Adding a command is one entry below (plus its handler where the view binds its handlers).

import { SHORTCUT_KEYS } from './label-rules';

/**
 * Facts a `when` can test, computed at each keydown. Views (`workbench`, `compareView`,
 * `studyDashboard`) are one at a time. Two are implied for every command:
 * - `!modalOpen` unless the command's `when` names `modalOpen` (a modal dialog is open: every
 *   other shortcut stays quiet, whatever is behind it);
 * - `!typingInField` unless the command sets `inFields` (focus is in an input, text area or select).
 */
export const CONTEXT_KEYS = [
  'workbench',
  'compareView',
  'studyDashboard',
  'modalOpen',
  'typingInField',
  /** Article text is selected (not collapsed). */
  'textSelected',
  /** An annotation (hers or another layer's) is selected. */
  'annotationSelected',
  /** Focus is in the workbench's annotation list. */
  'annotationListFocus',
  /** Focus is in Compare's list of differences. */
  'differenceListFocus',
  /** Compare has an active difference and focus is on it or nowhere in particular. */
  'differenceActive',
  /** Compare shows only the differences of one confusion-table cell. */
  'compareCellOpen',
  /** The workbench is marking the selected claim's source or cue (#20). */
  'linking',
] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];
/** A term of a `when`: the fact holds, or (with `!`) does not. A `when` holds when all its terms do. */
export type WhenTerm = ContextKey | `!${ContextKey}`;
export type Contexts = Partial<Record<ContextKey, boolean>>;

/** Views: at most one holds at a time (used to tell that two bindings of one key cannot meet). */
export const VIEW_CONTEXTS: readonly ContextKey[] = ['workbench', 'compareView', 'studyDashboard'];

/**
 * A key chord: modifiers in the order `Mod+Alt+Shift+`, then the key. `Mod` is Ctrl (Cmd on a
 * Mac). Letters are upper case (`Shift+A` is a capital A, `A` a lower-case one); other characters
 * stand for themselves (`?`, `1`), and named keys are KeyboardEvent names (`Delete`, `ArrowDown`).
 */
export type Chord = string;

export const COMMAND_GROUPS = ['Tagging', 'Moving around', 'Details of the selected annotation', 'Compare', 'Library and files', 'Dialogs'] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

export const MENUS = ['File', 'Edit', 'View', 'Help'] as const;
export type MenuName = (typeof MENUS)[number];

export interface CommandSpec {
  /** What it does, in the words of the shortcuts sheet. */
  readonly title: string;
  readonly group: CommandGroup;
  /** Keys that start it; the first is the one the menu shows. */
  readonly keys: readonly Chord[];
  readonly when?: readonly WhenTerm[];
  /** Also while typing in a field (the file commands: Ctrl+O and Ctrl+E work from anywhere). */
  readonly inFields?: true;
  /** How the sheet shows its keys when listing them one by one would not read well. */
  readonly keysShown?: string;
  /** An item of the application menu: its menu and label. */
  readonly menu?: { readonly in: MenuName; readonly label: string };
}


/** The table. Order matters only where one key has several bindings (the first that applies runs). */
export const COMMANDS = {
  // Tagging
  tag: { title: 'Tag the selected text with that label, or relabel your selected annotation', group: 'Tagging', keys: SHORTCUT_KEYS, keysShown: `${SHORTCUT_KEYS[0]} … ${SHORTCUT_KEYS[SHORTCUT_KEYS.length - 1]}`, when: ['workbench'] },
  delete: { title: 'Delete your selected annotation', group: 'Tagging', keys: ['Delete', 'Backspace'], when: ['workbench', 'annotationSelected'] },
  'copy-to-mine': { title: 'Copy the selected colleague’s or reference annotation to your own work', group: 'Tagging', keys: ['M'], when: ['workbench', 'annotationSelected'] },
  undo: { title: 'Undo your last annotation action', group: 'Tagging', keys: ['Mod+Z'], when: ['workbench'], menu: { in: 'Edit', label: 'Undo' } },
  redo: { title: 'Redo', group: 'Tagging', keys: ['Mod+Shift+Z', 'Mod+Y'], when: ['workbench'], menu: { in: 'Edit', label: 'Redo' } },

  // Moving around
  'next-annotation': { title: 'Next of your annotations', group: 'Moving around', keys: ['J'], when: ['workbench'] },
  'previous-annotation': { title: 'Previous of your annotations', group: 'Moving around', keys: ['K'], when: ['workbench'] },
  'list-next': { title: 'Next annotation (in the list)', group: 'Moving around', keys: ['ArrowDown'], when: ['workbench', 'annotationListFocus'] },
  'list-previous': { title: 'Previous annotation (in the list)', group: 'Moving around', keys: ['ArrowUp'], when: ['workbench', 'annotationListFocus'] },
  'clear-selection': { title: 'Clear the selection', group: 'Moving around', keys: ['Escape'], when: ['workbench', '!linking'] },
  find: { title: 'Find in the document (Enter: next, Shift+Enter: previous)', group: 'Moving around', keys: ['Mod+F'], when: ['workbench'], menu: { in: 'Edit', label: 'Find in Document…' } },
  'next-search-hit': { title: 'Next library search hit, on into the next document', group: 'Moving around', keys: ['F3'], when: ['workbench'], inFields: true },
  'previous-search-hit': { title: 'Previous library search hit, back into the previous document', group: 'Moving around', keys: ['Shift+F3'], when: ['workbench'], inFields: true },
  guidelines: { title: 'Show or hide the label definitions', group: 'Moving around', keys: [], when: ['workbench'], menu: { in: 'View', label: 'Guidelines' } },

  // Details of the selected annotation
  note: { title: 'Write a note', group: 'Details of the selected annotation', keys: ['N'], when: ['workbench', 'annotationSelected'] },
  attribution: { title: 'Type the attribution (who makes the claim)', group: 'Details of the selected annotation', keys: ['A'], when: ['workbench', 'annotationSelected'] },
  'attribute-to-selection': { title: 'Attribute to the text selected in the article', group: 'Details of the selected annotation', keys: ['Shift+A'], when: ['workbench', 'annotationSelected', 'textSelected'] },
  confidence: { title: 'Cycle confidence: low, medium, high, none', group: 'Details of the selected annotation', keys: ['C'], when: ['workbench', 'annotationSelected'] },
  // claims with structure (#20)
  'mark-source': { title: 'Mark the selected claim’s source: select its words, then Enter', group: 'Details of the selected annotation', keys: ['S'], when: ['workbench', 'annotationSelected'] },
  'mark-cue': { title: 'Mark the selected claim’s cue (“said”): select its words, then Enter', group: 'Details of the selected annotation', keys: ['U'], when: ['workbench', 'annotationSelected'] },
  'link-confirm': { title: 'Link the selected words (or the source under the caret) while marking', group: 'Details of the selected annotation', keys: ['Enter'], when: ['workbench', 'linking'] },
  'link-cancel': { title: 'Stop marking a source or cue', group: 'Details of the selected annotation', keys: ['Escape'], when: ['workbench', 'linking'] },
  attributes: { title: 'Choose the claim’s attributes (verdict, evidence…): digits pick an option', group: 'Details of the selected annotation', keys: ['V'], when: ['workbench', 'annotationSelected'] },

  // Compare
  'compare-next': { title: 'Next difference', group: 'Compare', keys: ['J'], when: ['compareView'] },
  'compare-previous': { title: 'Previous difference', group: 'Compare', keys: ['K'], when: ['compareView'] },
  'compare-list-next': { title: 'Next difference (in the list)', group: 'Compare', keys: ['ArrowDown'], when: ['compareView', 'differenceListFocus'] },
  'compare-list-previous': { title: 'Previous difference (in the list)', group: 'Compare', keys: ['ArrowUp'], when: ['compareView', 'differenceListFocus'] },
  'compare-decide': { title: 'Decide the active difference (reference version)', group: 'Compare', keys: ['Enter'], when: ['compareView', 'differenceActive'] },
  'compare-clear-cell': { title: 'Show all differences (leave a table cell)', group: 'Compare', keys: ['Escape'], when: ['compareView', 'compareCellOpen'] },
  compare: { title: 'Compare annotators', group: 'Compare', keys: [], menu: { in: 'View', label: 'Compare Annotators' } },

  // Library and files
  import: { title: 'Import articles or annotation files', group: 'Library and files', keys: ['Mod+O'], inFields: true, menu: { in: 'File', label: 'Import…' } },
  paste: { title: 'New article from the clipboard', group: 'Library and files', keys: [], menu: { in: 'File', label: 'New from Clipboard…' } },
  export: { title: 'Export reports and data', group: 'Library and files', keys: ['Mod+E'], inFields: true, menu: { in: 'File', label: 'Export…' } },
  studies: { title: 'Study dashboard', group: 'Library and files', keys: ['Mod+Shift+D'], inFields: true },
  'close-studies': { title: 'Leave the study dashboard', group: 'Library and files', keys: ['Escape'], when: ['studyDashboard'] },
  'rename-annotator': { title: 'Change your name', group: 'Library and files', keys: [], menu: { in: 'File', label: 'Change Annotator Name…' } },
  shortcuts: { title: 'This list', group: 'Library and files', keys: ['?'], menu: { in: 'Help', label: 'Keyboard Shortcuts' } },

  // Dialogs
  'close-dialog': { title: 'Close the dialog', group: 'Dialogs', keys: ['Escape'], when: ['modalOpen'], inFields: true },
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof COMMANDS;
export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];
export const commandSpec = (id: CommandId): CommandSpec => COMMANDS[id];

/** Commands the application menu sends to the page (the page owns what they do). */
export type MenuCommand = { [K in CommandId]: (typeof COMMANDS)[K] extends { menu: object } ? K : never }[CommandId];
export const MENU_COMMANDS = COMMAND_IDS.filter((id): id is MenuCommand => 'menu' in COMMANDS[id]);

/** Whether `when` (with the implied terms) holds for these facts. */
export function whenHolds(spec: CommandSpec, facts: Contexts): boolean {
  const when = spec.when ?? [];
  if (!when.includes('modalOpen') && facts.modalOpen) return false;
  if (!spec.inFields && facts.typingInField) return false;
  return when.every((term) => (term.startsWith('!') ? !facts[term.slice(1) as ContextKey] : !!facts[term as ContextKey]));
}

/** Every term a command's `when` holds, the implied ones included. */
export function effectiveWhen(spec: CommandSpec): WhenTerm[] {
  const when = [...(spec.when ?? [])];
  if (!when.includes('modalOpen')) when.push('!modalOpen');
  if (!spec.inFields) when.push('!typingInField');
  return when;
}

/** Whether two commands' `when`s can hold at once (same key twice would then be ambiguous). */
export function canMeet(a: CommandSpec, b: CommandSpec): boolean {
  const wa = effectiveWhen(a);
  const wb = effectiveWhen(b);
  const contradicts = (x: WhenTerm[], y: WhenTerm[]) => x.some((t) => (t.startsWith('!') ? y.includes(t.slice(1) as ContextKey) : y.includes(`!${t}` as WhenTerm)));
  if (contradicts(wa, wb)) return false;
  const views = (w: WhenTerm[]) => w.filter((t) => VIEW_CONTEXTS.includes(t as ContextKey));
  const [va, vb] = [views(wa), views(wb)];
  return !(va.length > 0 && vb.length > 0 && !va.some((v) => vb.includes(v)));
}

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', Escape: 'Escape', Enter: 'Enter', Delete: 'Delete', Backspace: 'Backspace' };

/** A chord as people read it: `Ctrl+Shift+Z` (or `⌘⇧Z` on a Mac). */
export function chordLabel(chord: Chord, mac = false): string {
  const parts = chord.split('+');
  const key = parts.pop() || '+';
  const shown = KEY_NAMES[key] ?? key;
  if (mac) {
    const symbols: Record<string, string> = { Mod: '⌘', Alt: '⌥', Shift: '⇧' };
    return parts.map((p) => symbols[p] ?? p).join('') + shown;
  }
  return [...parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)), shown].join('+');
}

/** How the sheet lists a command's keys. */
export const keysLabel = (spec: CommandSpec, mac = false): string => spec.keysShown ?? spec.keys.map((k) => chordLabel(k, mac)).join(', ');

/** A chord as an Electron menu accelerator (`Mod` becomes `CmdOrCtrl`). */
export function acceleratorFor(chord: Chord): string {
  const parts = chord.split('+');
  const key = parts.pop() || '+';
  const named: Record<string, string> = { ArrowDown: 'Down', ArrowUp: 'Up', ArrowLeft: 'Left', ArrowRight: 'Right', Escape: 'Esc' };
  return [...parts.map((p) => (p === 'Mod' ? 'CmdOrCtrl' : p)), named[key] ?? key].join('+');
}

/** The chord a key press makes, in the table's form; null for a bare modifier. */
export function chordOf(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): Chord | null {
  if (e.key === 'Control' || e.key === 'Meta' || e.key === 'Alt' || e.key === 'Shift' || e.key === 'Dead' || e.key === 'Unidentified') return null;
  const letter = /^[a-z]$/i.test(e.key);
  // A printable character other than a letter already says whether Shift was down ("?", "!").
  const named = e.key.length > 1;
  const mods = [e.ctrlKey || e.metaKey ? 'Mod' : '', e.altKey ? 'Alt' : '', e.shiftKey && (letter || named) ? 'Shift' : ''].filter(Boolean);
  return [...mods, letter ? e.key.toUpperCase() : e.key].join('+');
}

/** A chord as `aria-keyshortcuts` writes it (`Mod+E` is `Control+E`, `Meta+E` on a Mac). */
export const ariaKeyShortcut = (chord: Chord, mac = false): string =>
  chord
    .split('+')
    .map((p, i, all) => (i < all.length - 1 && p === 'Mod' ? (mac ? 'Meta' : 'Control') : p))
    .join('+');
