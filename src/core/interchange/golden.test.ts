// Regenerates every export of the sample bundle and compares it with the committed golden
// files. UPDATE_GOLDEN=1 npx vitest run src/core/interchange rewrites them.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFormats } from './index';
import { labelStudioConfig } from './label-studio';
import { GENERATED_AT, LABELS, sampleBundle } from '../../../test/interchange/test-bundle';
import { libraryBundle } from '../../../test/interchange/library-bundle';

const GOLDEN_DIR = path.join(__dirname, '../../../test/interchange/golden');
const update = process.env.UPDATE_GOLDEN === '1';

function compareGolden(relative: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, relative);
  if (update || !existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    if (!update) throw new Error(`golden file ${relative} was missing and has been written; review and commit it`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden exports of the sample article', () => {
  for (const format of Object.values(exportFormats)) {
    it(format.id, () => {
      const out = format.export(sampleBundle(), { generatedAt: GENERATED_AT });
      if (out.kind === 'file') compareGolden(`sample-${format.id}${format.extension}`, out.text);
      else for (const [name, text] of Object.entries(out.files)) compareGolden(`brat/${name}`, text);
    });
  }

  it('Label Studio labelling config', () => {
    compareGolden('label-studio-config.xml', labelStudioConfig(LABELS));
  });
});

// Several documents take each report's library shape (a summary of all, then each document) and
// every format's per-document loop; written once from the one-string exporters, so a streamed
// exporter is held to their bytes.
describe('golden exports of a small library', () => {
  for (const format of Object.values(exportFormats)) {
    it(format.id, () => {
      const out = format.export(libraryBundle(), { generatedAt: GENERATED_AT });
      if (out.kind === 'file') {
        compareGolden(`library/library-${format.id}${format.extension}`, out.text);
        for (const [suffix, text] of Object.entries(out.companions ?? {})) compareGolden(`library/library-${format.id}${suffix}`, text);
      } else for (const [name, text] of Object.entries(out.files)) compareGolden(`library/brat/${name}`, text);
    });
  }
});
