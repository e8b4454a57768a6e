// The labels table: the one place that reads and writes labels (name, colour, shortcut,
// guidelines, role and attribute definitions). Annotations of a label are changed through the
// annotations repository. Callers wrap several writes in one library.transaction().
import type { Database } from 'better-sqlite3';
import { StatementCache } from './statement-cache';
import type { Label } from '../../shared/types';
import { ATTRIBUTE_TYPES, LABEL_ROLES, type AttributeDefinition, type LabelRole } from '../../shared/claim-structure';

interface LabelRow {
  id: string;
  name: string;
  color: string;
  shortcut: string;
  definition: string;
  archived: number;
  sort_order: number;
  examples: string;
  role: string;
  attributes: string;
}

export type Examples = { positive: string[]; negative: string[] };

/** Role and attributes are left out when they are the defaults ('claim', none), as the shared type says. */
const toLabel = (r: LabelRow): Label => {
  const role = (LABEL_ROLES as readonly string[]).includes(r.role) ? (r.role as LabelRole) : 'claim';
  const attributes = parseAttributes(r.attributes);
  return {
    id: r.id,
    name: r.name,
    color: r.color,
    shortcut: r.shortcut,
    definition: r.definition,
    archived: r.archived === 1,
    sortOrder: r.sort_order,
    examples: parseExamples(r.examples),
    ...(role !== 'claim' ? { role } : {}),
    ...(attributes.length > 0 ? { attributes } : {}),
  };
};

function parseExamples(json: string): Examples {
  try {
    const v = JSON.parse(json) as { positive?: unknown; negative?: unknown };
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    return { positive: strings(v.positive), negative: strings(v.negative) };
  } catch {
    return { positive: [], negative: [] };
  }
}

/** The stored definitions (checked when saved); anything malformed reads as no attribute. */
function parseAttributes(json: string): AttributeDefinition[] {
  try {
    const v = JSON.parse(json) as unknown;
    if (!Array.isArray(v)) return [];
    return v.filter(
      (d): d is AttributeDefinition =>
        d !== null &&
        typeof d === 'object' &&
        typeof d.key === 'string' &&
        typeof d.name === 'string' &&
        (ATTRIBUTE_TYPES as readonly string[]).includes(d.type) &&
        Array.isArray(d.options) &&
        d.options.every((o: unknown) => o !== null && typeof o === 'object' && typeof (o as { key?: unknown }).key === 'string' && typeof (o as { name?: unknown }).name === 'string'),
    ).map((d) => ({ key: d.key, name: d.name, type: d.type, options: d.options.map((o) => ({ key: o.key, name: o.name })) }));
  } catch {
    return [];
  }
}

const examplesJson = (e: Examples | undefined) => JSON.stringify({ positive: e?.positive ?? [], negative: e?.negative ?? [] });
const attributesJson = (a: readonly AttributeDefinition[] | undefined) => JSON.stringify(a ?? []);

export class LabelsRepo {
  private readonly sql: StatementCache;

  constructor(db: Database) {
    this.sql = new StatementCache(db);
  }

  list(): Label[] {
    return (this.sql.get('SELECT * FROM labels ORDER BY sort_order, name').all() as LabelRow[]).map(toLabel);
  }

  find(id: string): Label | null {
    const row = this.sql.get('SELECT * FROM labels WHERE id = ?').get(id) as LabelRow | undefined;
    return row ? toLabel(row) : null;
  }

  /** Adds a label as given (examples, role and attributes default to none / 'claim'); returns it as read back. */
  add(label: Label): Label {
    this.sql
      .get('INSERT INTO labels (id, name, color, shortcut, definition, archived, sort_order, examples, role, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        label.id,
        label.name,
        label.color,
        label.shortcut,
        label.definition,
        label.archived ? 1 : 0,
        label.sortOrder,
        examplesJson(label.examples),
        label.role ?? 'claim',
        attributesJson(label.attributes),
      );
    return this.find(label.id)!;
  }

  /** Everything but the id and the place in the list. */
  update(label: Omit<Label, 'sortOrder'>): void {
    this.sql
      .get('UPDATE labels SET name = ?, color = ?, shortcut = ?, definition = ?, archived = ?, examples = ?, role = ?, attributes = ? WHERE id = ?')
      .run(
        label.name,
        label.color,
        label.shortcut,
        label.definition,
        label.archived ? 1 : 0,
        examplesJson(label.examples),
        label.role ?? 'claim',
        attributesJson(label.attributes),
        label.id,
      );
  }

  setArchived(id: string, archived: boolean): void {
    this.sql.get('UPDATE labels SET archived = ? WHERE id = ?').run(archived ? 1 : 0, id);
  }

  clearShortcut(id: string): void {
    this.sql.get("UPDATE labels SET shortcut = '' WHERE id = ?").run(id);
  }

  nextSortOrder(): number {
    const row = this.sql.get('SELECT COALESCE(MAX(sort_order), 0) AS m FROM labels').get() as { m: number };
    return row.m + 1;
  }

  remove(id: string): void {
    this.sql.get('DELETE FROM labels WHERE id = ?').run(id);
  }
}
