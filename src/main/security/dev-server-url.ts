/**
 * The dev server's URL from electron-vite, honoured only in development and only for
 * http on this machine: a packaged app must never load (and trust) a page named by an
 * environment variable.
 */
export function developmentServerUrl(raw: string | undefined, isPackaged: boolean): string | undefined {
  if (!raw || isPackaged) return undefined;
  try {
    const url = new URL(raw);
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && local ? url.href : undefined;
  } catch {
    return undefined;
  }
}
