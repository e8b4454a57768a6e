import type { Database } from 'better-sqlite3';
import { StatementCache } from './statement-cache';
import type { Label } from '../../shared/types';

interface LabelRow {
  id: string;
  name: string;
  color: string;
  shortcut: string;
  definition: string;
  archived: number;
  sort_order: number;
  examples: string;
}

const toLabel = (r: LabelRow): Label => ({
  id: r.id,
  name: r.name,
  color: r.color,
  shortcut: r.shortcut,
  definition: r.definition,
  archived: r.archived === 1,
  sortOrder: r.sort_order,
  examples: parseExamples(r.examples),
});

function parseExamples(json: string): { positive: string[]; negative: string[] } {
  try {
    const v = JSON.parse(json) as { positive?: unknown; negative?: unknown };
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    return { positive: strings(v.positive), negative: strings(v.negative) };
  } catch {
    return { positive: [], negative: [] };
  }
}

export class LabelsRepo {
  private readonly sql: StatementCache;

  constructor(private readonly db: Database) {
    this.sql = new StatementCache(db);
  }

  list(): Label[] {
    return (this.sql.get('SELECT * FROM labels ORDER BY sort_order, name').all() as LabelRow[]).map(toLabel);
  }

  add(label: Label): Label {
    this.sql
      .get('INSERT INTO labels (id, name, color, shortcut, definition, archived, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(label.id, label.name, label.color, label.shortcut, label.definition, label.archived ? 1 : 0, label.sortOrder);
    return label;
  }

  find(id: string): Label | null {
    const row = this.sql.get('SELECT * FROM labels WHERE id = ?').get(id) as LabelRow | undefined;
    return row ? toLabel(row) : null;
  }
}
