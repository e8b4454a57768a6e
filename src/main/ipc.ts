import type { IpcMain } from 'electron';
import { API_METHODS, channelFor } from '../shared/api-methods';
import { fail } from '../shared/result';
import type { Dispatch } from '../core/api/dispatch';
import { isTrustedSender } from './security/trusted-sender';

/** One handler per contract method: sender check first, then the validating dispatch. */
export function registerIpcHandlers(ipcMain: IpcMain, dispatch: Dispatch, trustedOrigins: readonly string[]): void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelFor(method), (event, payload: unknown) => {
      if (!isTrustedSender(event, trustedOrigins)) return fail('invalid-input', 'Request refused: it did not come from claimtag.');
      return dispatch(method, payload);
    });
  }
}
