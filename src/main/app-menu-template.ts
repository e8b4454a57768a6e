import type { MenuItemConstructorOptions } from 'electron';
import { acceleratorFor, COMMANDS, type MenuCommand } from '../shared/commands';

/**
 * The application menu's layout. Each of our items takes its label and accelerator from the
 * command table; its click is sent to the page, which owns the behaviour and the keys (so the
 * accelerator is shown, not registered twice).
 */
export function appMenuTemplate(send: (command: MenuCommand) => () => void, isMac: boolean): MenuItemConstructorOptions[] {
  const item = (command: MenuCommand): MenuItemConstructorOptions => {
    const spec = COMMANDS[command];
    const first = spec.keys[0] as string | undefined;
    return { label: spec.menu.label, click: send(command), accelerator: first === undefined ? undefined : acceleratorFor(first), registerAccelerator: false };
  };
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [item('import'), item('paste'), { type: 'separator' }, item('export'), { type: 'separator' }, item('rename-annotator'), { type: 'separator' }, isMac ? { role: 'close' } : { role: 'quit' }],
    },
    {
      label: 'Edit',
      submenu: [item('undo'), item('redo'), { type: 'separator' }, { role: 'copy' }, { role: 'selectAll' }, { type: 'separator' }, item('find')],
    },
    {
      label: 'View',
      submenu: [item('compare'), item('guidelines'), { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' }],
    },
    { label: 'Help', submenu: [item('shortcuts')] },
  ];
}
