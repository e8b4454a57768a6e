// IPC fuzz: random and hostile payloads at every method of the contract, through the real
// dispatch and services on a real library. Whatever arrives, the answer is a Result (never a
// throw), errors carry a code from ErrorCode and a message without a stack trace, nothing
// pollutes a prototype, and a call that fails — or only reads — changes nothing in the
// database (a full dump of every table before and after each call).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api-methods';
import { contract } from '../../shared/contract';
import type { ErrorCode, Result } from '../../shared/result';
import { loadBundledSample } from '../store/bundled-sample';
import { Library } from '../store/library';
import { makeTempDir } from '../../../test/support/temp-library';
import { dumpDatabase } from '../../../test/support/db-helpers';
import { createDispatch, type Dispatch } from './dispatch';
import { createServices } from './services';

const naughtyStrings = createRequire(import.meta.url)('big-list-of-naughty-strings') as string[];
const RESOURCES = path.resolve(__dirname, '../../../resources');
const RUNS_PER_METHOD = Number(process.env.CLAIMTAG_FUZZ_RUNS ?? 100);
const SEED = Number(process.env.CLAIMTAG_FUZZ_SEED ?? 20261127);

// Every ErrorCode, checked both ways at compile time against the type in shared/result.
const ERROR_CODES = ['invalid-input', 'not-found', 'conflict', 'unsupported', 'too-large', 'storage', 'disk-full', 'cancelled', 'busy', 'forbidden', 'internal', 'refused', 'unreachable'] as const;
type Listed = (typeof ERROR_CODES)[number];
const allCodesListed: [Exclude<ErrorCode, Listed>, Exclude<Listed, ErrorCode>] extends [never, never] ? true : false = true;
void allCodesListed;

/** Methods that only read: even a successful call must leave the database as it was. */
const READ_ONLY = new Set<string>([
  'getStartupState',
  'listDocuments',
  'listDocumentPage',
  'getDocument',
  'listLabels',
  'listAnnotators',
  'listAnnotations',
  'searchDocuments',
  'chooseImportFiles',
  'exportDocuments',
  'compareDocument',
  'documentLayers',
  'getBlindMode',
]);

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
let baseline: string;
let library: Library;
let dispatch: Dispatch;
const internalErrors: unknown[] = [];
const realIds: string[] = [];

function open(): void {
  library = Library.open(file);
  dispatch = createDispatch(createServices({ library, dataDir: tmp.dir, loadSample: () => loadBundledSample(RESOURCES) }), (err) =>
    internalErrors.push(err),
  );
}

/** After a valid write, back to the starting library, so the dumps stay small and every call meets the same data. */
function reset(): void {
  library.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(baseline, file);
  open();
  resets++;
}
let resets = 0;

beforeAll(async () => {
  tmp = makeTempDir('claimtag-fuzz-');
  file = path.join(tmp.dir, 'claimtag.sqlite');
  baseline = path.join(tmp.dir, 'baseline.sqlite');
  open();
  const state = (await dispatch('getStartupState', {})) as Result<{ initialDocumentId: string }>;
  if (!state.ok) throw new Error(state.error.message);
  const documentId = state.value.initialDocumentId;
  await dispatch('setAnnotatorName', { name: 'Fuzz Lead' });
  const other = library.annotators.add('Second Analyst');
  const text = library.documents.textOf(documentId);
  const made = [];
  for (const [start, end, label] of [[0, 20, 'fact'], [30, 60, 'opinion'], [100, 140, 'allegation']] as const) {
    const r = (await dispatch('createAnnotation', { documentId, labelId: label, start, end })) as Result<{ id: string }>;
    if (r.ok) made.push(r.value.id);
    library.annotations.add({ documentId, annotatorId: other.id, labelId: label, start: start + 2, end }, text);
  }
  await dispatch('deleteAnnotation', { id: made[2] });
  realIds.push(documentId, ...made, other.id, 'fact', 'opinion', 'allegation');
  await library.db.backup(baseline);
  reset();
  resets = 0;
});
afterAll(() => {
  library?.close();
  tmp?.cleanup();
});

// ---- hostile values -------------------------------------------------------------------

const MB = 1024 * 1024;
const hugeAscii = 'A'.repeat(MB + 1);
const hugeAstral = '😀'.repeat(MB / 2 + 1); // 1 MB of UTF-16, every pair intact
const hugeLoneSurrogates = '\ud800'.repeat(MB + 1);
const hugeNul = '\u0000'.repeat(MB + 1);
const deepObject = (() => {
  let v: unknown = 'bottom';
  for (let i = 0; i < 1000; i++) v = { id: v, a: v === 'bottom' ? 1 : undefined };
  return v;
})();
const deepArray = (() => {
  let v: unknown = [];
  for (let i = 0; i < 1000; i++) v = [v];
  return v;
})();
const protoBomb = () => JSON.parse('{"__proto__": {"polluted": "yes", "id": "x"}, "id": "x"}') as unknown;
const constructorBomb = () => ({ constructor: { prototype: { polluted: 'yes' } }, prototype: { polluted: 'yes' } });

const hostileConstants: unknown[] = [
  null,
  undefined,
  true,
  0,
  -0,
  -1,
  NaN,
  Infinity,
  -Infinity,
  2 ** 53,
  2 ** 53 + 2,
  1e308,
  -1e308,
  5e-324,
  50_000_001,
  Number.MAX_SAFE_INTEGER,
  123n,
  -(2n ** 100n),
  '',
  ' ',
  '\u0000',
  '\ud800',
  '__proto__',
  'constructor',
  'toString',
  hugeAscii,
  hugeAstral,
  hugeLoneSurrogates,
  hugeNul,
  deepObject,
  deepArray,
  [],
  [1, 2, 3],
  new Array(5), // sparse
  {},
  new Date(0),
  new Date(NaN),
  new Map([['id', 'x']]),
  new Set(['x']),
  /x/g,
  new Uint8Array(16),
  new ArrayBuffer(8),
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...hostileConstants), weight: 4 },
  { arbitrary: fc.constantFrom(...naughtyStrings), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.bigInt(), weight: 1 },
  { arbitrary: fc.constant(null).map(protoBomb), weight: 1 },
  { arbitrary: fc.constant(null).map(constructorBomb), weight: 1 },
  { arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }), weight: 2 },
);

/** Plausible values, so that some payloads get past the schema and into the services. */
const plausibleValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...realIds),
    fc.integer({ min: -5, max: 7000 }),
    fc.boolean(),
    fc.constantFrom('accept', 'reject', 'new', 'low', 'high', 'html', 'json', 'pdf', 'md'),
    fc.constantFrom(...naughtyStrings),
  );

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'id', 'extra', '\u0000', ''];

/** Payloads for one method: anything at all, its own keys with hostile values, or hostile keys. */
function payloadsFor(method: string): fc.Arbitrary<unknown> {
  const schema = contract[method as keyof typeof contract].input as unknown as { shape?: Record<string, unknown> };
  const keys = schema.shape ? Object.keys(schema.shape) : [];
  const value = fc.oneof({ arbitrary: hostileValue, weight: 3 }, { arbitrary: plausibleValue(), weight: 2 });
  const ownKeys = keys.length
    ? fc.record(Object.fromEntries(keys.map((k) => [k, value])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] })
    : fc.constant({});
  const withExtras = fc
    .tuple(ownKeys, fc.dictionary(fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 8 })), hostileValue, { minKeys: 1, maxKeys: 3 }))
    .map(([own, extra]) => {
      const merged: Record<string, unknown> = { ...own };
      for (const [k, v] of Object.entries(extra)) Object.defineProperty(merged, k, { value: v, enumerable: true, configurable: true, writable: true });
      return merged;
    });
  return fc.oneof({ arbitrary: hostileValue, weight: 2 }, { arbitrary: ownKeys, weight: 4 }, { arbitrary: withExtras, weight: 2 }, { arbitrary: fc.array(value, { maxLength: 4 }), weight: 1 });
}

// ---- the properties ---------------------------------------------------------------------

const STACK = /\n\s+at\s|\bat\s+\S+\s+\(|\.[cm]?[jt]s:\d+|node_modules|Error:\s/;
const prototypeKeys = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort().join(','));
const baselineKeys = prototypeKeys();

/** The full dump as one string (blobs as base64), so comparing it per call is cheap. */
const snapshot = (): string =>
  JSON.stringify(dumpDatabase(library.db), (_k, v: unknown) =>
    v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' ? Buffer.from((v as { data: number[] }).data).toString('base64') : v,
  );

const tried: Record<string, number> = {};
const outcomes = { ok: 0, failed: 0, changedOk: 0 };

/** One call, every assertion. */
async function check(method: string, raw: unknown): Promise<void> {
  // What arrives over IPC has been through the structured clone algorithm.
  let payload: unknown;
  try {
    payload = structuredClone(raw);
  } catch {
    payload = raw;
  }
  tried[method] = (tried[method] ?? 0) + 1;
  const t0 = performance.now();
  const before = snapshot();
  let result: Result<unknown>;
  try {
    result = await dispatch(method, payload);
  } catch (err) {
    throw new Error(`${method} threw instead of returning a Result: ${String(err)}`, { cause: err });
  }
  expect(typeof result.ok, method).toBe('boolean');
  expect(() => structuredClone(result), `${method}: the Result must cross IPC`).not.toThrow();
  if (result.ok) outcomes.ok++;
  else {
    outcomes.failed++;
    expect(ERROR_CODES, `${method}: error code`).toContain(result.error.code);
    expect(result.error.message, method).toEqual(expect.any(String));
    expect(result.error.message.length, method).toBeGreaterThan(0);
    expect(result.error.message, `${method}: stack trace in message`).not.toMatch(STACK);
    for (const d of result.error.details ?? []) expect(d, `${method}: stack trace in details`).not.toMatch(STACK);
    expect(JSON.stringify(result.error).length, `${method}: a hostile payload must not be echoed back`).toBeLessThan(20_000);
  }
  expect(internalErrors, `${method}: internal error`).toEqual([]);
  expect(({} as Record<string, unknown>).polluted, `${method}: prototype pollution`).toBeUndefined();
  expect(prototypeKeys(), `${method}: prototype pollution`).toEqual(baselineKeys);
  const after = snapshot();
  if (after !== before) {
    if (!result.ok || READ_ONLY.has(method)) expect(JSON.parse(after), `${method}: ${result.ok ? 'a read' : 'a failed call'} changed the database`).toEqual(JSON.parse(before));
    outcomes.changedOk++;
    reset();
  }
  const ms = performance.now() - t0;
  if (process.env.CLAIMTAG_FUZZ_DEBUG && ms > 150) console.log(`SLOW ${method} ${ms.toFixed(0)}ms ${JSON.stringify(payload, (_k, v) => (typeof v === 'bigint' ? String(v) : typeof v === 'string' && v.length > 40 ? `<${v.length} chars>` : v))?.slice(0, 200)} ok=${result.ok}`);
}

describe('dispatch under hostile payloads', () => {
  it('has a fuzz target for every method of the contract', () => {
    expect(API_METHODS.length).toBe(Object.keys(contract).length);
  });

  for (const method of API_METHODS) {
    it(`${method}: fixed hostile payloads, then ${RUNS_PER_METHOD} random ones`, { timeout: 60_000 }, async () => {
      const fixed = [
        ...hostileConstants,
        protoBomb(),
        constructorBomb(),
        { __proto__: { polluted: 'yes' } },
        Object.assign(Object.create(null), { id: realIds[0] }),
        deepObject,
        deepArray,
        { id: deepObject, documentId: deepArray, name: hugeAscii, title: hugeAstral, query: hugeLoneSurrogates, text: hugeNul },
      ];
      for (const payload of fixed) await check(method, payload);
      await fc.assert(
        fc.asyncProperty(payloadsFor(method), (payload) => check(method, payload)),
        { numRuns: RUNS_PER_METHOD, seed: SEED, endOnFailure: true },
      );
    });
  }

  it('refuses unknown and prototype-named methods', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'nope', 'getStartupState ', ...naughtyStrings.slice(0, 50)]) {
      const before = snapshot();
      const result = await dispatch(name, {});
      expect(result, name).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Unknown request.' } });
      expect(snapshot() === before).toBe(true);
      tried['(unknown method)'] = (tried['(unknown method)'] ?? 0) + 1;
    }
  });

  it('leaves a sound library behind', () => {
    expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    console.log(
      `dispatch fuzz (seed ${SEED}): ${total} payloads — ${outcomes.failed} refused with a typed error, ${outcomes.ok} accepted ` +
        `(${outcomes.changedOk} of them valid writes, each undone by restoring the starting library: ${resets} resets)\n` +
        Object.entries(tried)
          .map(([m, n]) => `  ${m}: ${n}`)
          .join('\n'),
    );
  });
});
