// The sandboxed preload: exposes one frozen object of named functions, one per contract
// method, plus a menu-command subscription. No channel strings, no ipcRenderer and no
// Electron objects (not even the IPC event) reach the page.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, JOB_CHANNEL, MENU_CHANNEL, MENU_COMMANDS, channelFor, type MenuCommand } from '../shared/api-methods';
import type { ClaimtagBridge } from '../shared/contract';
import { isJobEvent, type JobEvent } from '../shared/jobs';

const calls = Object.fromEntries(API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(channelFor(method), input)]));

function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  const handler = (_event: unknown, command: unknown) => {
    if (typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command)) listener(command as MenuCommand);
  };
  ipcRenderer.on(MENU_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(MENU_CHANNEL, handler);
  };
}

function onJobEvent(listener: (event: JobEvent) => void): () => void {
  const handler = (_event: unknown, event: unknown) => {
    if (isJobEvent(event)) listener(event);
  };
  ipcRenderer.on(JOB_CHANNEL, handler);
  return () => {
    ipcRenderer.removeListener(JOB_CHANNEL, handler);
  };
}

const bridge = Object.freeze({ ...calls, onMenuCommand, onJobEvent }) as unknown as ClaimtagBridge;

contextBridge.exposeInMainWorld('claimtag', bridge);
