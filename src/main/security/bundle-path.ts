import path from 'node:path';

/**
 * Maps an app:// request URL to a file inside the renderer bundle, or null when the
 * request points anywhere else (traversal, encoded separators, other hosts).
 */
export function resolveBundlePath(bundleRoot: string, requestUrl: string, host: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== host) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(bundleRoot);
  const resolved = path.resolve(root, relative);
  return resolved.startsWith(root + path.sep) ? resolved : null;
}
