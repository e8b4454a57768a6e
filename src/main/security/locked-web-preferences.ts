import type { WebPreferences } from 'electron';

/**
 * The security preferences every claimtag window shares (the main window and the offscreen
 * window that prints reports): isolated, sandboxed, no Node anywhere, web security on.
 * Windows add only what differs (a preload, scripts off, spellcheck).
 */
export const LOCKED_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
} as const satisfies WebPreferences);
