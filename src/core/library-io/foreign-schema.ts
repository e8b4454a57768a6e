// What may be inside a colleague's library file: exactly the schema objects some version of
// claimtag creates, byte for byte. A view, trigger, virtual table or index of anyone else's
// making runs its own SQL as soon as a query (or one of our migrations) touches it, so such a
// file is refused before anything in it is read.
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../db/migrations';

export interface SchemaObject {
  type: string;
  name: string;
  sql: string | null;
}

/** Tables SQLite itself makes (AUTOINCREMENT, ANALYZE); their SQL is fixed by SQLite. */
const SQLITE_INTERNAL: readonly SchemaObject[] = [
  { type: 'table', name: 'sqlite_sequence', sql: 'CREATE TABLE sqlite_sequence(name,seq)' },
  { type: 'table', name: 'sqlite_stat1', sql: 'CREATE TABLE sqlite_stat1(tbl,idx,stat)' },
  { type: 'table', name: 'sqlite_stat4', sql: 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)' },
];

const keyOf = (o: SchemaObject): string => `${o.type}\u0000${o.name}\u0000${o.sql ?? ''}`;
let ours: Set<string> | null = null;

/** Every schema object of every released schema version, built by running our migrations in memory. */
function ourSchemaObjects(): Set<string> {
  if (ours) return ours;
  const known = new Set(SQLITE_INTERNAL.map(keyOf));
  const db = new Database(':memory:');
  try {
    for (const step of MIGRATIONS) {
      step.up(db);
      for (const o of listSchema(db)) known.add(keyOf(o));
    }
  } finally {
    db.close();
  }
  ours = known;
  return known;
}

/** sqlite_master as stored: reading it runs nothing the file defines. */
export function listSchema(db: Database.Database): SchemaObject[] {
  return db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY rowid').all() as SchemaObject[];
}

/** The objects in `db` that no version of claimtag creates (empty when the schema is ours). */
export function foreignSchemaObjects(db: Database.Database): SchemaObject[] {
  const known = ourSchemaObjects();
  return listSchema(db).filter((o) => !known.has(keyOf(o)));
}

/** "a view "x"", "a trigger "y"" — for the analyst's message. */
export function describeSchemaObject(o: SchemaObject): string {
  const virtual = o.type === 'table' && /^\s*create\s+virtual\s+table/i.test(o.sql ?? '');
  const kind = virtual ? 'a virtual table' : o.type === 'index' ? 'an index' : `a ${o.type}`;
  return `${kind} "${o.name.slice(0, 80)}"`;
}
