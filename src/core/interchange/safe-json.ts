import { fail, ok, type Result } from '../../shared/result';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class ForbiddenKeyError extends Error {}

/**
 * JSON.parse that refuses keys able to reach Object.prototype when the result is later merged
 * or spread. Every key, at any depth, is checked before anything is returned.
 */
export function parseJsonSafely(text: string, where = 'file'): Result<unknown> {
  try {
    const value: unknown = JSON.parse(text);
    assertNoForbiddenKeys(value);
    return ok(value);
  } catch (e) {
    if (e instanceof ForbiddenKeyError) return fail('invalid-input', `The ${where} contains a forbidden key.`, [`${where}: ${e.message}`]);
    const reason = e instanceof Error ? e.message : String(e);
    return fail('invalid-input', `The ${where} is not valid JSON.`, [`${where}: ${reason}`]);
  }
}

/**
 * Throws on the first forbidden key, in the order a JSON.parse reviver would meet it (a key
 * after everything inside its value). A walk over the parsed value instead of a reviver:
 * a reviver costs a call into JavaScript per value, several times JSON.parse itself on a large
 * file. JSON.parse stores "__proto__" as an own property, so the walk sees it like any key.
 * Nesting too deep for the walk throws RangeError, as a reviver does.
 */
function assertNoForbiddenKeys(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) assertNoForbiddenKeys(item);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  // for…in visits own keys in the order Object.keys gives (a parsed object inherits none),
  // without allocating the array of keys.
  for (const key in record) {
    const item = record[key];
    if (typeof item === 'object' && item !== null) assertNoForbiddenKeys(item);
    if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(`the key "${key}" is not allowed (it could alter JavaScript objects)`);
  }
}
