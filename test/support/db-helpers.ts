// Helpers for the reliability tests: real libraries with real rows, real damage.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Library } from '../../src/core/store/library';

/** Adds `documents` documents (each ~2 KB) with a few annotations each, by one annotator. */
export function populate(library: Library, documents = 40, tag = 'p'): void {
  library.transaction(() => {
    const annotator = library.annotators.add(`Annotator ${tag}`);
    for (let i = 0; i < documents; i++) {
      const text = `Document ${tag}-${i}. `.concat('The minister said the bridge was finished on time. '.repeat(40));
      const { document } = library.documents.add({ title: `Doc ${tag}-${i}`, source: 'test', text, blocks: [{ kind: 'paragraph', start: 0, end: text.length }] });
      for (let k = 0; k < 3; k++) {
        library.annotations.add({ documentId: document.id, annotatorId: annotator.id, labelId: 'fact', start: 20 + k * 50, end: 60 + k * 50, note: `n${k}` }, text);
      }
    }
  });
}

/** Every row of every table, in a stable order: equal dumps mean equal libraries. */
export function dumpDatabase(db: Database.Database): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const columns = (db.prepare(`PRAGMA table_info(${quoted})`).all() as Array<{ name: string }>).map((c) => c.name);
    const order = columns.map((_, i) => String(i + 1)).join(', ');
    dump[name] = db.prepare(`SELECT * FROM ${quoted} ORDER BY ${order}`).all();
  }
  dump.__user_version = [db.pragma('user_version', { simple: true })];
  return dump;
}

/** Opens `file` read-only, dumps it, closes it. */
export function dumpFile(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return dumpDatabase(db);
  } finally {
    db.close();
  }
}

export function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * Damages a closed, checkpointed database the way a bad disk sector would: overwrites
 * `count` b-tree pages from the middle of the file with pseudo-random bytes (seeded, so
 * the damage is the same every run). Returns the page numbers hit.
 */
export function corruptMiddlePages(file: string, count = 4, seed = 12345): number[] {
  const bytes = fs.readFileSync(file);
  const raw = bytes.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const pages = Math.floor(bytes.length / pageSize);
  if (pages < 8) throw new Error(`corruptMiddlePages: ${file} has only ${pages} pages`);
  let state = seed >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) & 0xff);
  const hit: number[] = [];
  for (let p = Math.floor(pages / 3); p < pages && hit.length < count; p++) {
    const offset = p * pageSize; // page p + 1 (1-based); never page 1, whose header starts at 100
    if (![0x02, 0x05, 0x0a, 0x0d].includes(bytes[offset])) continue;
    for (let i = 0; i < pageSize; i++) bytes[offset + i] = next();
    hit.push(p + 1);
  }
  if (hit.length < count) throw new Error(`corruptMiddlePages: found only ${hit.length} b-tree pages to damage`);
  fs.writeFileSync(file, bytes);
  return hit;
}

/**
 * Damage quick_check cannot see: the annotations index is redefined over other columns, so
 * its entries no longer match the table ("row N missing from index" in integrity_check).
 */
export function makeIndexDisagree(file: string): void {
  const db = new Database(file);
  try {
    db.unsafeMode(true); // defensive mode (rightly) forbids editing the schema table
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_master SET sql = replace(sql, '(document_id, start_offset, end_offset)', '(document_id, end_offset, start_offset)') WHERE name = 'annotations_by_document'").run();
    db.pragma('writable_schema = OFF');
  } finally {
    db.close();
  }
}
