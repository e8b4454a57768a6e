import { chordLabel, COMMAND_GROUPS, COMMAND_IDS, COMMANDS, type CommandGroup, type CommandId } from '../../../shared/commands';

export interface SheetGroup {
  title: CommandGroup;
  rows: Array<{ id: CommandId; keys: string[]; title: string }>;
}

/** A command's keys as the sheet shows them, one chip each (a family like 1 … 9 as one). */
function keysShown(id: CommandId, mac: boolean): string[] {
  const spec = COMMANDS[id];
  return 'keysShown' in spec ? [spec.keysShown] : spec.keys.map((k) => chordLabel(k, mac));
}

/** The shortcuts sheet's content: every command that has keys, in the table's groups and order. */
export function shortcutSheet(mac = false): SheetGroup[] {
  return COMMAND_GROUPS.map((title) => ({
    title,
    rows: COMMAND_IDS.filter((id) => COMMANDS[id].group === title && COMMANDS[id].keys.length > 0).map((id) => ({ id, keys: keysShown(id, mac), title: COMMANDS[id].title })),
  })).filter((g) => g.rows.length > 0);
}
