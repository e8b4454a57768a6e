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
  /** Answers POST /__invoke (the benchmark's stand-in for Electron IPC): request body in, JSON out. */
  invoke?: (body: string) => Promise<string>,
): Promise<{ origin: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    requests.push(req.url ?? '');
    if (invoke && req.method === 'POST' && req.url === '/__invoke') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = await invoke(Buffer.concat(chunks).toString('utf8'));
      return void res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', connection: 'close' }).end(body);
    }
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
