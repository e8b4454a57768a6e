import { fail, ok, type Result } from '../../shared/result';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

class ForbiddenKeyError extends Error {}

/**
 * JSON.parse that refuses keys able to reach Object.prototype when the result is later merged
 * or spread. The reviver sees every key, at any depth, before anything is returned.
 */
export function parseJsonSafely(text: string, where = 'file'): Result<unknown> {
  try {
    const value: unknown = JSON.parse(text, function reviver(key: string, v: unknown) {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(`the key "${key}" is not allowed (it could alter JavaScript objects)`);
      return v;
    });
    return ok(value);
  } catch (e) {
    if (e instanceof ForbiddenKeyError) return fail('invalid-input', `The ${where} contains a forbidden key.`, [`${where}: ${e.message}`]);
    const reason = e instanceof Error ? e.message : String(e);
    return fail('invalid-input', `The ${where} is not valid JSON.`, [`${where}: ${reason}`]);
  }
}
