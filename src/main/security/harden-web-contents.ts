import { shell, type App, type Session, type WebContents } from 'electron';
import { safeExternalUrl } from './external-url';

/**
 * Applied centrally to every web contents the app ever creates: no navigation away
 * from the bundle, no new windows, no webview tags. Links the user clicks that are safe
 * (https:, mailto:) open in the system browser instead.
 */
export function hardenAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.on('will-frame-navigate', (e) => e.preventDefault());
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const safe = safeExternalUrl(url);
      if (safe) void shell.openExternal(safe);
      return { action: 'deny' };
    });
  });
}

/** The app needs no camera, microphone, notifications, geolocation or anything else. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
