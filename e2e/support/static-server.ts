import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { RENDERER_CSP } from '../../src/main/security/csp';
import { resolveBundlePath } from '../../src/main/security/bundle-path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * Serves the built renderer the way the app's protocol handler does: same path check,
 * same CSP header. Only the scheme differs (http on loopback instead of app://).
 */
export async function serveRenderer(
  bundleRoot: string,
  /** Extra JSON responses by URL path (the benchmark's stand-in for IPC result transfer). */
  extra?: (urlPath: string) => string | undefined,
): Promise<{ origin: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    requests.push(req.url ?? '');
    const body = extra?.(req.url ?? '');
    if (body !== undefined) return void res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    const host = req.headers.host ?? '';
    const file = resolveBundlePath(bundleRoot, `http://${host}${req.url ?? '/'}`, host);
    if (!file) return void res.writeHead(404).end();
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': RENDERER_CSP });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
