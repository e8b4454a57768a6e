// The writes behind tag-set editing. Reads go through LabelsRepo (library.labels); these
// statements change labels and move annotations between them. Callers wrap several of
// them in one library.transaction().
import type { Database } from 'better-sqlite3';
import type { Label } from '../../shared/types';
import { nowIso } from '../store/ids';

export type Examples = { positive: string[]; negative: string[] };

const examplesJson = (e: Examples | undefined) => JSON.stringify({ positive: e?.positive ?? [], negative: e?.negative ?? [] });

export class LabelStore {
  constructor(private readonly db: Database) {}

  insert(label: Label): void {
    this.db
      .prepare('INSERT INTO labels (id, name, color, shortcut, definition, archived, sort_order, examples) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(label.id, label.name, label.color, label.shortcut, label.definition, label.archived ? 1 : 0, label.sortOrder, examplesJson(label.examples));
  }

  /** Everything but the id and the place in the list. */
  update(label: Omit<Label, 'sortOrder'>): void {
    this.db
      .prepare('UPDATE labels SET name = ?, color = ?, shortcut = ?, definition = ?, archived = ?, examples = ? WHERE id = ?')
      .run(label.name, label.color, label.shortcut, label.definition, label.archived ? 1 : 0, examplesJson(label.examples), label.id);
  }

  setArchived(id: string, archived: boolean): void {
    this.db.prepare('UPDATE labels SET archived = ? WHERE id = ?').run(archived ? 1 : 0, id);
  }

  clearShortcut(id: string): void {
    this.db.prepare("UPDATE labels SET shortcut = '' WHERE id = ?").run(id);
  }

  nextSortOrder(): number {
    const row = this.db.prepare('SELECT COALESCE(MAX(sort_order), 0) AS m FROM labels').get() as { m: number };
    return row.m + 1;
  }

  /** Annotations using the label: live ones, and soft-deleted ones kept for undo. */
  usage(id: string): { live: number; deleted: number } {
    const row = this.db
      .prepare(
        'SELECT COALESCE(SUM(deleted_at IS NULL), 0) AS live, COALESCE(SUM(deleted_at IS NOT NULL), 0) AS deleted FROM annotations WHERE label_id = ?',
      )
      .get(id) as { live: number; deleted: number };
    return row;
  }

  /** Live annotation counts per label id, across the library. */
  usageByLabel(): Record<string, number> {
    const rows = this.db.prepare('SELECT label_id, COUNT(*) AS n FROM annotations WHERE deleted_at IS NULL GROUP BY label_id').all() as Array<{
      label_id: string;
      n: number;
    }>;
    return Object.fromEntries(rows.map((r) => [r.label_id, r.n]));
  }

  /** Re-labels every annotation of `from` (deleted ones too) as `into`; returns how many rows moved. */
  moveAnnotations(from: string, into: string): number {
    return this.db.prepare('UPDATE annotations SET label_id = ?, updated_at = ? WHERE label_id = ?').run(into, nowIso(), from).changes;
  }

  /** Permanently drops the soft-deleted annotations of a label (they can no longer be restored). */
  purgeDeletedAnnotations(id: string): number {
    return this.db.prepare('DELETE FROM annotations WHERE label_id = ? AND deleted_at IS NOT NULL').run(id).changes;
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM labels WHERE id = ?').run(id);
  }
}
