import { Menu, type BrowserWindow } from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../shared/api-methods';
import { appMenuTemplate } from './app-menu-template';

/** Installs the application menu; our own commands go to the page, which owns their behaviour. */
export function installAppMenu(getWindow: () => BrowserWindow | null): void {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(MENU_CHANNEL, command);
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(send, process.platform === 'darwin')));
}
