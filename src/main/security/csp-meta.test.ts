import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from './csp';

// The page shell carries the policy twice: as the header the app:// handler sends (RENDERER_CSP)
// and as a <meta> tag in index.html. Both apply; this keeps them from drifting apart.
// frame-ancestors is header-only (browsers ignore it in <meta>), so the meta copy leaves it out.
const ROOT = path.resolve(__dirname, '../../..');
const directives = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .sort();
const metaPolicy = (html: string) => {
  const tag = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i);
  return tag ? tag[1] : null;
};

describe('the CSP in index.html', () => {
  const expected = directives(RENDERER_CSP).filter((d) => !d.startsWith('frame-ancestors'));
  // (the build copies this tag verbatim into out/renderer/index.html)
  it('has the production policy in its <meta> tag', () => {
    const policy = metaPolicy(fs.readFileSync(path.join(ROOT, 'src/renderer/index.html'), 'utf8'));
    expect(policy, 'no CSP <meta> tag').not.toBeNull();
    expect(directives(policy!)).toEqual(expected);
  });
});
