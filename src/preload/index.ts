// The sandboxed preload: exposes one object of named functions, one per contract method.
// No channel strings, no ipcRenderer and no Electron objects reach the page.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, channelFor } from '../shared/api-methods';
import type { ClaimtagApi } from '../shared/contract';

const api = Object.freeze(
  Object.fromEntries(
    API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(channelFor(method), input)]),
  ),
) as unknown as ClaimtagApi;

contextBridge.exposeInMainWorld('claimtag', api);
