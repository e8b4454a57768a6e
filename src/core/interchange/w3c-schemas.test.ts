// The W3C Web Annotation test suite's own JSON schemas (w3c/web-annotation-tests, committed under
// testing/ with its licence) run on our W3C export: every MUST assertion for the collection,
// its page and each annotation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { structureBundle } from '../../../test/interchange/structure-bundle';
import { sampleBundle, unicodeBundle } from '../../../test/interchange/test-bundle';
import { exportW3c } from './w3c';

const SUITE = path.join(__dirname, '../../../test/interchange/w3c-web-annotation-tests');
const readJson = (relative: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(SUITE, relative), 'utf8')) as Record<string, unknown>;

type Validator = { file: string; validate: (data: unknown) => string | null };
const compiled = new Map<string, Validator[]>();

function mustValidators(testFile: string): Validator[] {
  const known = compiled.get(testFile);
  if (known) return known;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const def of ['annotations', 'bodyTarget', 'choiceSet', 'collections', 'id', 'otherProperties', 'specificResource']) ajv.addSchema(readJson(`definitions/${def}.json`));
  const assertions = readJson(testFile).assertions as string[];
  const validators = assertions.map((file): Validator => {
    const schema = readJson(file);
    expect(schema.assertionType).toBe('must');
    const check = ajv.compile(schema);
    const expectValid = schema.expectedResult !== 'invalid';
    return { file, validate: (data) => (check(data) === expectValid ? null : `${file}: ${String(schema.errorMessage)}`) };
  });
  compiled.set(testFile, validators);
  return validators;
}

function failures(testFile: string, data: unknown): string[] {
  return mustValidators(testFile)
    .map((v) => v.validate(data))
    .filter((x): x is string => x !== null);
}

describe('W3C export against the web-annotation-tests MUST schemas', () => {
  for (const [name, bundle] of [
    ['sample', sampleBundle()],
    ['unicode', unicodeBundle()],
    ['claims with structure (linking annotations, attribute bodies)', structureBundle()],
  ] as const) {
    it(`${name}: collection, page and every annotation`, () => {
      const collection = JSON.parse(exportW3c(bundle)) as { '@context': unknown; first: { items: object[] } };
      expect(failures('collections/collectionMusts.test', collection)).toEqual([]);
      // Embedded objects inherit the collection's @context; the suite checks each one standing alone.
      const context = collection['@context'];
      expect(failures('collections/pages/pageMusts.test', { '@context': context, ...collection.first })).toEqual([]);
      expect(collection.first.items.length).toBeGreaterThan(0);
      for (const item of collection.first.items) expect(failures('annotations/annotationMusts.test', { '@context': context, ...item })).toEqual([]);
    });
  }

  it('the schemas catch a collection and a page without ids (the suite can fail)', () => {
    const collection = JSON.parse(exportW3c(sampleBundle())) as Record<string, unknown> & { first: Record<string, unknown> };
    const { id: _c, ...noId } = collection;
    expect(failures('collections/collectionMusts.test', noId)).toContain('collections/5.1-collectionIdValidated.json: ERROR: Annotation Collection is missing id key or value of id key is not a single string of format uri.');
    const { id: _p, ...pageNoId } = collection.first;
    expect(failures('collections/pages/pageMusts.test', { '@context': collection['@context'], ...pageNoId }).some((f) => f.startsWith('collections/pages/5.2-pageIdValidated.json'))).toBe(true);
  });
});
