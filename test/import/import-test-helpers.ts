// Shared assertions and fixture folders for the importer tests.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Result } from '../../src/shared/result';
import type { BlockKind } from '../../src/shared/types';
import type { ImportedDocument } from '../../src/core/import/imported-document';

export type ExpectedBlock = [kind: BlockKind, level: number | undefined, text: string];

/** The invariants every ImportedDocument must satisfy, whatever it came from. */
export function expectWellFormed(doc: ImportedDocument): void {
  expect(doc.text).toBe(doc.text.trim());
  expect(doc.text).toBe(doc.text.normalize('NFC'));
  expect(doc.text).not.toContain('\r');
  expect(doc.text).not.toContain('\uFEFF');
  expect(doc.blocks.length).toBeGreaterThan(0);
  const pieces = doc.blocks.map((block) => doc.text.slice(block.start, block.end));
  expect(pieces.join('\n')).toBe(doc.text);
  let previousEnd = -1;
  for (const [i, block] of doc.blocks.entries()) {
    expect(block.start).toBe(previousEnd + 1);
    expect(block.end).toBeGreaterThan(block.start);
    const piece = pieces[i] ?? '';
    expect(piece).not.toContain('\n');
    expect(piece).toBe(piece.trim());
    if (block.kind === 'heading') expect(block.level).toBeGreaterThanOrEqual(1);
    if (block.kind === 'heading') expect(block.level).toBeLessThanOrEqual(6);
    if (block.kind === 'list-item') expect(block.level).toBeGreaterThanOrEqual(1);
    if (block.kind === 'paragraph' || block.kind === 'quote') expect(block.level).toBeUndefined();
    previousEnd = block.end;
  }
  expect(previousEnd).toBe(doc.text.length);
}

export function blocksOf(doc: ImportedDocument): ExpectedBlock[] {
  return doc.blocks.map((block) => [block.kind, block.level, doc.text.slice(block.start, block.end)]);
}

export function expectDocument(result: Result<ImportedDocument>): ImportedDocument {
  if (!result.ok) throw new Error(`expected a document, got ${result.error.code}: ${result.error.message}`);
  expectWellFormed(result.value);
  return result.value;
}

export function expectError(result: Result<ImportedDocument> | Result<unknown>, code: string): string {
  if (result.ok) throw new Error(`expected error ${code}, got a value`);
  expect(result.error.code).toBe(code);
  expect(result.error.message.length).toBeGreaterThan(10);
  expect(result.error.message).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  return result.error.message;
}

/** A fresh folder for one test file's fixtures, and a way to write a file into it. */
export function fixtureFolder(prefix: string): { file(name: string, content: string | Uint8Array): Promise<string>; path(): string } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    path: () => dir,
    async file(name, content) {
      const target = path.join(dir, name);
      await writeFile(target, content);
      return target;
    },
  };
}
