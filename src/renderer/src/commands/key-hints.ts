import { ariaKeyShortcut, chordLabel, COMMANDS, type CommandId } from '../../../shared/commands';

const MAC = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** A command's first key as people read it (`Ctrl+E`), for titles and <kbd> hints. */
export const keyLabel = (id: CommandId): string => chordLabel(COMMANDS[id].keys[0] ?? '', MAC);

/** A command's keys for `aria-keyshortcuts`. */
export const ariaKeys = (id: CommandId): string => COMMANDS[id].keys.map((k) => ariaKeyShortcut(k, MAC)).join(' ');
