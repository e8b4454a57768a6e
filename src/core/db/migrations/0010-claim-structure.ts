import { LABEL_ROLES, RELATION_KINDS } from '../../../shared/claim-structure';
import type { Migration } from './migration';

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/** The labels this step bundles, in the order they are added. Frozen here: a released step never changes. */
const BUNDLED = [
  {
    id: 'source',
    name: 'Source',
    role: 'source',
    shortcut: '8',
    color: '#7a4fa0',
    definition: 'Who asserts a claim: the person, organisation or document the claim is attributed to (PARC’s source).',
  },
  {
    id: 'cue',
    name: 'Cue',
    role: 'cue',
    shortcut: '9',
    color: '#5f6b73',
    definition: 'The words that report a claim, such as “said”, “according to” or “claimed” (PARC’s cue).',
  },
] as const;

/**
 * Claims with structure (#20):
 * - labels.role: what a label marks ('claim', 'source', 'cue'); every existing label is a claim label;
 * - labels.attributes: the typed attributes annotations of the label carry (JSON AttributeDefinition[]);
 * - annotations.attribute_values: the values an annotation carries, by attribute key (JSON object);
 * - relations: a link from a claim annotation to a source or cue annotation of the same analyst in
 *   the same document, soft-deleted like annotations (at most one live link per claim, kind and target).
 * The bundled "Source" and "Cue" labels are added where their ids and names are free; the
 * library's labels are left as they are. They take the keys 8 and 9, out of the way of the claim
 * labels' 1, 2, 3…, or no key where that digit is already an active label's.
 * Source and cue spans are annotations of a label, so the per-label counts of migration 5 count
 * them under their label; what speaks of claims counts role 'claim' labels only.
 * The team outbox triggers (migrations 8 and 9) fire on any update of an annotation, the new
 * column included; relations are not synced with the team server.
 */
export const claimStructure: Migration = {
  version: 10,
  name: 'label roles and attributes, annotation attribute values, relations',
  up(db) {
    db.exec(`
      ALTER TABLE labels ADD COLUMN role TEXT NOT NULL DEFAULT 'claim' CHECK (role IN (${list(LABEL_ROLES)}));
      ALTER TABLE labels ADD COLUMN attributes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attributes) AND json_type(attributes) = 'array');
      ALTER TABLE annotations ADD COLUMN attribute_values TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attribute_values) AND json_type(attribute_values) = 'object');

      CREATE TABLE relations (
        id            TEXT PRIMARY KEY,
        document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id  TEXT NOT NULL REFERENCES annotators(id),
        kind          TEXT NOT NULL CHECK (kind IN (${list(RELATION_KINDS)})),
        claim_id      TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        target_id     TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        created_at    TEXT NOT NULL,
        deleted_at    TEXT,
        -- the annotation whose deletion took this link down (undo brings back exactly these); NULL when unlinked on its own
        deleted_with  TEXT,
        CHECK (claim_id <> target_id)
      );
      CREATE UNIQUE INDEX relations_one_live_link ON relations (claim_id, kind, target_id) WHERE deleted_at IS NULL;
      CREATE INDEX relations_by_document ON relations (document_id, annotator_id) WHERE deleted_at IS NULL;
      CREATE INDEX relations_by_target ON relations (target_id);
      CREATE INDEX relations_by_claim ON relations (claim_id);
    `);

    const labels = db.prepare('SELECT id, name, shortcut, archived FROM labels').all() as Array<{ id: string; name: string; shortcut: string; archived: number }>;
    const ids = new Set(labels.map((l) => l.id));
    const names = new Set(labels.map((l) => l.name.trim().toLocaleLowerCase()));
    const keys = new Set(labels.filter((l) => l.archived === 0).map((l) => l.shortcut));
    let order = (db.prepare('SELECT coalesce(max(sort_order), 0) AS m FROM labels').get() as { m: number }).m;
    const insert = db.prepare('INSERT INTO labels (id, name, color, shortcut, definition, archived, sort_order, role) VALUES (?, ?, ?, ?, ?, 0, ?, ?)');
    for (const label of BUNDLED) {
      if (ids.has(label.id) || names.has(label.name.toLocaleLowerCase())) continue;
      const key = keys.has(label.shortcut) ? '' : label.shortcut;
      insert.run(label.id, label.name, label.color, key, label.definition, ++order, label.role);
    }
  },
};
