import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBundlePath } from './bundle-path';
import { RENDERER_CSP } from './csp';
import { safeExternalUrl } from './external-url';
import { isTrustedSender } from './trusted-sender';
import { developmentServerUrl } from './dev-server-url';

describe('safeExternalUrl', () => {
  it.each(['https://example.org/a?b=c', 'HTTPS://Example.org', '  https://example.org  ', 'mailto:desk@example.org'])('allows %s', (u) => {
    expect(safeExternalUrl(u)).not.toBeNull();
  });
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'FILE:///C:/Windows/System32/calc.exe',
    '\\\\attacker\\share\\payload.exe',
    '//attacker/share',
    'ms-msdt:/id PCWDiagnostic /skip force',
    'smb://attacker/share',
    'http://example.org',
    'https://user:pass@example.org',
    'https://user@evil.example',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '',
    'not a url',
  ])('refuses %s', (u) => {
    expect(safeExternalUrl(u)).toBeNull();
  });
  it('refuses non-strings and absurdly long input', () => {
    expect(safeExternalUrl(undefined)).toBeNull();
    expect(safeExternalUrl({ href: 'https://x' })).toBeNull();
    expect(safeExternalUrl(`https://example.org/${'a'.repeat(5000)}`)).toBeNull();
  });
});

describe('isTrustedSender', () => {
  const origins = ['app://claimtag'];
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
  it('accepts the main frame of the app', () => {
    expect(isTrustedSender(frame('app://claimtag/index.html'), origins)).toBe(true);
  });
  it.each([
    ['an iframe inside the app', frame('app://claimtag/index.html', {})],
    ['a file:// page', frame('file:///tmp/evil.html')],
    ['a web page', frame('https://claimtag.example/index.html')],
    ['the dev server in production', frame('http://localhost:5173/')],
    ['a look-alike host', frame('app://claimtag.evil/index.html')],
    ['no frame', { senderFrame: null }],
    ['an unparsable URL', frame('::::')],
    ['an opaque origin', frame('data:text/html,hi')],
  ])('refuses %s', (_name, event) => {
    expect(isTrustedSender(event, origins)).toBe(false);
  });
});

describe('resolveBundlePath', () => {
  const root = path.resolve('/opt/claimtag/out/renderer');
  it('serves files inside the bundle', () => {
    expect(resolveBundlePath(root, 'app://claimtag/index.html', 'claimtag')).toBe(path.join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://claimtag/', 'claimtag')).toBe(path.join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://claimtag/assets/a.js', 'claimtag')).toBe(path.join(root, 'assets/a.js'));
  });
  it.each(['app://claimtag/../../etc/passwd', 'app://claimtag/%2e%2e/%2e%2e/etc/passwd'])('keeps %s inside the bundle', (u) => {
    const resolved = resolveBundlePath(root, u, 'claimtag');
    expect(resolved === null || resolved.startsWith(root + path.sep)).toBe(true);
  });
  it.each([
    'app://claimtag/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://claimtag/..%5c..%5cwindows%5cwin.ini',
    'app://claimtag/a%00.html',
    'app://other/index.html',
    'app://claimtag/%E0%A4%A',
    'app://claimtag/..%2frenderer-evil%2findex.html', // a sibling folder whose name starts like the bundle's
    'app://claimtag/%2e%2e',
    'not a url',
  ])('refuses %s', (u) => {
    expect(resolveBundlePath(root, u, 'claimtag')).toBeNull();
  });
});

describe('renderer CSP', () => {
  it('allows no inline script, no remote loads, no framing', () => {
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(RENDERER_CSP).toContain("frame-ancestors 'none'");
  });
});

describe('developmentServerUrl', () => {
  it('is honoured only unpackaged and only for local http', () => {
    expect(developmentServerUrl('http://localhost:5173/', false)).toBe('http://localhost:5173/');
    expect(developmentServerUrl('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173/');
    expect(developmentServerUrl('http://localhost:5173/', true)).toBeUndefined();
    expect(developmentServerUrl('https://evil.example/', false)).toBeUndefined();
    expect(developmentServerUrl('http://localhost.evil.example/', false)).toBeUndefined();
    expect(developmentServerUrl('file:///tmp/x.html', false)).toBeUndefined();
    expect(developmentServerUrl('not a url', false)).toBeUndefined();
    expect(developmentServerUrl(undefined, false)).toBeUndefined();
  });
});
