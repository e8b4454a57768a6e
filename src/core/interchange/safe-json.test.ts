// parseJsonSafely walks the parsed value instead of using a reviver (for speed); it must refuse
// exactly what the reviver refused, naming the same key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../../shared/result';
import { parseJsonSafely } from './safe-json';

/** The former implementation: a reviver that throws on the first forbidden key it meets. */
function withReviver(text: string): Result<unknown> {
  try {
    return ok(
      JSON.parse(text, (key: string, v: unknown) => {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new Error(key);
        return v;
      }),
    );
  } catch (e) {
    const key = (e as Error).message;
    if (['__proto__', 'constructor', 'prototype'].includes(key)) return fail('invalid-input', 'The file contains a forbidden key.', [`file: the key "${key}" is not allowed (it could alter JavaScript objects)`]);
    return fail('invalid-input', 'The file is not valid JSON.', [`file: ${(e as Error).message}`]);
  }
}

describe('parseJsonSafely', () => {
  it.each([
    '{"a":{"b":[{"constructor":1}]},"__proto__":2}',
    '{"x":{"prototype":{"__proto__":1}}}',
    '{"\\u005f_proto__":{"polluted":true}}',
    '[1,{"ok":[{"constructor":{}}]},{"prototype":[]}]',
    '{"2":{"prototype":1},"1":{"constructor":1}}',
    '{"a":1,"a":{"__proto__":1}}',
    '{"a":{"__proto__":1},"a":2}',
    '{"constructor":null}',
    '"__proto__"',
    '{"ok":["__proto__","constructor"]}',
  ])('refuses what the reviver refused, naming the same key: %s', (text) => {
    expect(parseJsonSafely(text)).toEqual(withReviver(text));
  });

  it('agrees with the reviver on random JSON with forbidden keys mixed in', () => {
    const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', '0', '1', 'a'), fc.string({ maxLength: 4 }));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.array(tie('tree'), { maxLength: 3 }), tie('object')),
      object: fc.array(fc.tuple(key, tie('tree')), { maxLength: 4 }),
    }));
    // Objects are written out by hand so that "__proto__" becomes a key, not a prototype.
    const write = (v: unknown): string =>
      Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string')
        ? `{${(v as Array<[string, unknown]>).map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`).join(',')}}`
        : Array.isArray(v)
          ? `[${v.map(write).join(',')}]`
          : JSON.stringify(v);
    fc.assert(
      fc.property(tree, (v) => {
        const text = write(v);
        expect(parseJsonSafely(text)).toEqual(withReviver(text));
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });

  it('reports nesting too deep to check as invalid JSON, as the reviver did', () => {
    const text = `${'['.repeat(300_000)}${']'.repeat(300_000)}`;
    const r = parseJsonSafely(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('The file is not valid JSON.');
  });
});
