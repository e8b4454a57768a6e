import fs from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { RENDERER_CSP } from './security/csp';
import { resolveBundlePath } from './security/bundle-path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'claimtag';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from app://claimtag/, refusing anything outside the bundle. */
export function serveRendererBundle(bundleRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveBundlePath(bundleRoot, request.url, APP_HOST);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        headers: {
          'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'content-security-policy': RENDERER_CSP,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
