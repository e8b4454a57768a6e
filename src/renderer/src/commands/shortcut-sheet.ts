import { COMMAND_GROUPS, COMMAND_IDS, COMMANDS, keysLabel, type CommandGroup, type CommandId } from '../../../shared/commands';

export interface SheetGroup {
  title: CommandGroup;
  rows: Array<{ id: CommandId; keys: string; title: string }>;
}

/** The shortcuts sheet's content: every command that has keys, in the table's groups and order. */
export function shortcutSheet(mac = false): SheetGroup[] {
  return COMMAND_GROUPS.map((title) => ({
    title,
    rows: COMMAND_IDS.filter((id) => COMMANDS[id].group === title && COMMANDS[id].keys.length > 0).map((id) => ({ id, keys: keysLabel(COMMANDS[id], mac), title: COMMANDS[id].title })),
  })).filter((g) => g.rows.length > 0);
}
