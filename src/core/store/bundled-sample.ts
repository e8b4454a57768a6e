import fs from 'node:fs';
import path from 'node:path';
import { assembleBlocks, plainTextToBlocks } from '../import/normalize-text';
import type { NewDocument } from './documents-repo';

export const SAMPLE_FILE = 'pakistan-afghanistan-ties.txt';
export const SAMPLE_TITLE = 'Pakistan–Afghanistan ties (editorial)';

/** The article shipped in resources/ and opened on first run, normalised like any imported text. */
export function loadBundledSample(resourcesDir: string): NewDocument {
  const raw = fs.readFileSync(path.join(resourcesDir, SAMPLE_FILE), 'utf8');
  return { ...assembleBlocks(plainTextToBlocks(raw)), title: SAMPLE_TITLE, source: SAMPLE_FILE };
}
