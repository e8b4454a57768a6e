import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { acceleratorFor, COMMANDS, MENU_COMMANDS, type MenuCommand } from '../shared/commands';
import { appMenuTemplate } from './app-menu-template';

/** Our items of the menu, with the command each sends. */
function ourItems(isMac: boolean): Array<{ menu: string; item: MenuItemConstructorOptions; command: MenuCommand }> {
  const sent = new Map<() => void, MenuCommand>();
  const send = (command: MenuCommand) => {
    const click = () => undefined;
    sent.set(click, command);
    return click;
  };
  const out: Array<{ menu: string; item: MenuItemConstructorOptions; command: MenuCommand }> = [];
  for (const top of appMenuTemplate(send, isMac)) {
    for (const item of (top.submenu ?? []) as MenuItemConstructorOptions[]) {
      const command = item.click ? sent.get(item.click as () => void) : undefined;
      if (command) out.push({ menu: top.label ?? '', item, command });
    }
  }
  return out;
}

describe('the application menu', () => {
  it.each([false, true])('takes every label and accelerator from the command table (mac: %s)', (isMac) => {
    const items = ourItems(isMac);
    expect(items.map((i) => i.command).sort()).toEqual([...MENU_COMMANDS].sort());
    for (const { menu, item, command } of items) {
      const spec = COMMANDS[command];
      expect(item.label).toBe(spec.menu.label);
      expect(menu).toBe(spec.menu.in);
      const first = spec.keys[0] as string | undefined;
      expect(item.accelerator).toBe(first === undefined ? undefined : acceleratorFor(first));
      // The page owns the keys: the menu shows them without registering them a second time.
      expect(item.registerAccelerator).toBe(false);
    }
  });

  it('shows the keys the page answers to', () => {
    const byCommand = Object.fromEntries(ourItems(false).map((i) => [i.command, i.item.accelerator]));
    expect(byCommand).toMatchObject({ import: 'CmdOrCtrl+O', export: 'CmdOrCtrl+E', undo: 'CmdOrCtrl+Z', redo: 'CmdOrCtrl+Shift+Z', find: 'CmdOrCtrl+F', shortcuts: '?' });
  });
});
