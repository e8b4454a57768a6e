// The library's side of team mode: where it is linked (settings), what waits to go (the outbox
// filled by the triggers of migration 8), and colleagues' rows applied as read-only layers under
// their own annotator ids. Every write here is one SQLite transaction, so a sync killed at any
// moment leaves either the batch and its new "pulled up to" version, or neither.
import { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type { Library } from '../store/library';
import { sha256Of, type NewDocument } from '../store/documents-repo';
import { nowIso } from '../store/ids';
import { REFERENCE_ANNOTATOR_KEY } from '../store/setting-keys';
import { CURRENT_ANNOTATOR_SETTING } from '../ownership/ownership';
import { splitsSurrogatePair } from '../../shared/offsets';
import type { AdjudicationDecision } from '../../shared/compare';

export type OutboxKind = 'annotation' | 'decision';

/** Settings keys of team mode; migration 8's triggers read TEAM_KEYS.study and .annotator, migration 9's .study and .adjudicator. */
export const TEAM_KEYS = {
  server: 'team:server',
  study: 'team:study',
  studyName: 'team:study-name',
  role: 'team:role',
  annotator: 'team:annotator',
  adjudicator: 'team:adjudicator',
  pulledVersion: 'team:pulled-version',
  /** Decisions are pulled on their own, so a sync killed between the two streams misses neither. */
  pulledDecisionsVersion: 'team:pulled-decisions-version',
  lastSync: 'team:last-sync',
  lastError: 'team:last-error',
  members: 'team:members',
} as const;
const CURRENT_ANNOTATOR = CURRENT_ANNOTATOR_SETTING;
const REFERENCE_ANNOTATOR = REFERENCE_ANNOTATOR_KEY;

export interface TeamLink {
  server: string;
  studyId: string;
  studyName: string;
  role: string;
  annotatorId: string;
  adjudicator: boolean;
}

export interface TeamMember {
  role: string;
  name: string;
  annotatorId: string | null;
  adjudicator: boolean;
}

/** One of my annotations as the server stores it. */
export interface OutgoingAnnotation {
  id: string;
  document_sha256: string;
  annotator_id: string;
  annotator_name: string;
  is_reference: boolean;
  label_id: string;
  start_offset: number;
  end_offset: number;
  quote: string;
  prefix: string;
  suffix: string;
  note: string;
  attribution: string;
  confidence: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  revision: number;
}

/** One of my (the adjudicator's) decisions as the server stores it: the body is the decision itself. */
export interface OutgoingDecision {
  id: string;
  document_sha256: string;
  body: AdjudicationDecision;
  revision: number;
}

const text = (max: number) => z.string().max(max);
const rowId = z.string().min(1).max(100);

/** A colleague's annotation as it arrives from the server: untrusted, checked here. */
export const incomingAnnotation = z.object({
  id: rowId,
  document_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  annotator_id: rowId,
  annotator_name: z.string().min(1).max(200),
  is_reference: z.boolean(),
  label_id: rowId,
  start_offset: z.number().int().min(0),
  end_offset: z.number().int().min(1),
  quote: text(50_000_000),
  prefix: text(1_000),
  suffix: text(1_000),
  note: text(200_000),
  attribution: text(2_000),
  confidence: z.enum(['low', 'medium', 'high']).nullable(),
  created_at: text(40),
  updated_at: text(40),
  deleted_at: text(40).nullable(),
  version: z.coerce.number().int().positive(),
});
export type IncomingAnnotation = z.infer<typeof incomingAnnotation>;

const offset = z.number().int().min(0);
/** The adjudicator's decision as it arrives from the server: untrusted, checked here. */
export const incomingDecisionBody = z
  .object({
    kind: z.enum(['accept', 'reject', 'new', 'auto-merge']),
    start: offset,
    end: offset,
    labelId: rowId.optional(),
    span: z.object({ start: offset, end: offset }).strict().optional(),
    source: text(200).optional(),
    by: z.string().min(1).max(200),
    reason: text(20_000),
    at: text(40),
  })
  .strict();
export const incomingDecision = z.object({
  id: rowId,
  document_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  owner: z.string().min(1).max(63),
  body: incomingDecisionBody,
  version: z.coerce.number().int().positive(),
});
export type IncomingDecision = z.infer<typeof incomingDecision>;

const block = z.object({ kind: z.enum(['paragraph', 'heading', 'list-item', 'quote']), level: z.number().int().min(1).max(6).optional(), start: z.number().int().min(0), end: z.number().int().min(0) }).strict();
export const incomingDocument = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  title: z.string().max(1_000),
  source: z.string().max(4_000),
  text: z.string().max(50_000_000),
  blocks: z.array(block).max(1_000_000),
});
export type IncomingDocument = z.infer<typeof incomingDocument>;

export const incomingLabel = z.object({ id: rowId, name: z.string().min(1).max(60), color: z.string().regex(/^#[0-9a-fA-F]{6}$/), definition: z.string().max(4_000).optional() });
export type IncomingLabel = z.infer<typeof incomingLabel>;

export interface ApplyResult {
  applied: number;
  /** Rows whose span does not fit the document's text here (never guessed): left out. */
  skipped: number;
}

export class LocalTeam {
  constructor(readonly library: Library) {}

  private get settings() {
    return this.library.settings;
  }

  link(): TeamLink | null {
    const s = this.settings;
    const studyId = s.get(TEAM_KEYS.study);
    if (!studyId) return null;
    return {
      server: s.get(TEAM_KEYS.server) ?? '',
      studyId,
      studyName: s.get(TEAM_KEYS.studyName) ?? '',
      role: s.get(TEAM_KEYS.role) ?? '',
      annotatorId: s.get(TEAM_KEYS.annotator) ?? '',
      adjudicator: s.get(TEAM_KEYS.adjudicator) === '1',
    };
  }

  requireLink(): TeamLink {
    const link = this.link();
    if (!link) throw new AppFailure({ code: 'conflict', message: 'This library is not in team mode yet: join a study first (claimtag team join).' });
    return link;
  }

  currentAnnotatorId(): string | null {
    const id = this.settings.get(CURRENT_ANNOTATOR);
    return id && this.library.annotators.find(id) ? id : null;
  }

  /**
   * Links the library to a study as `annotatorId` and queues every annotation of mine already
   * in it. A library switching to another server or study starts its pull from the beginning.
   */
  saveLink(link: TeamLink): number {
    return this.library.transaction(() => {
      const before = this.link();
      const s = this.settings;
      if (!before || before.studyId !== link.studyId || before.server !== link.server) {
        s.set(TEAM_KEYS.pulledVersion, '0');
        s.set(TEAM_KEYS.pulledDecisionsVersion, '0');
        this.library.db.prepare('DELETE FROM team_outbox').run();
      }
      s.set(TEAM_KEYS.server, link.server);
      s.set(TEAM_KEYS.study, link.studyId);
      s.set(TEAM_KEYS.studyName, link.studyName);
      s.set(TEAM_KEYS.role, link.role);
      s.set(TEAM_KEYS.annotator, link.annotatorId);
      s.set(TEAM_KEYS.adjudicator, link.adjudicator ? '1' : '0');
      s.set(CURRENT_ANNOTATOR, link.annotatorId);
      const ids = [link.annotatorId, ...(link.adjudicator ? [this.referenceAnnotatorId()].filter((x): x is string => x !== null) : [])];
      let queued = 0;
      for (const id of ids) {
        queued += this.library.db
          .prepare(
            `INSERT INTO team_outbox (kind, row_id, revision, changed_at)
             SELECT 'annotation', id, 1, updated_at FROM annotations WHERE annotator_id = ?
             ON CONFLICT (kind, row_id) DO NOTHING`,
          )
          .run(id).changes;
      }
      if (link.adjudicator) {
        // Decisions made before joining get their team-wide id now and go with the first sync.
        this.library.db.prepare('UPDATE adjudications SET team_id = lower(hex(randomblob(16))) WHERE team_id IS NULL AND team_owner IS NULL').run();
        queued += this.library.db
          .prepare(
            `INSERT INTO team_outbox (kind, row_id, revision, changed_at)
             SELECT 'decision', team_id, 1, decided_at FROM adjudications WHERE team_owner IS NULL
             ON CONFLICT (kind, row_id) DO NOTHING`,
          )
          .run().changes;
      }
      return queued;
    });
  }

  setMembers(members: TeamMember[]): void {
    this.settings.set(TEAM_KEYS.members, JSON.stringify(members));
  }

  members(): TeamMember[] {
    try {
      return JSON.parse(this.settings.get(TEAM_KEYS.members) ?? '[]') as TeamMember[];
    } catch {
      return [];
    }
  }

  referenceAnnotatorId(): string | null {
    return this.settings.get(REFERENCE_ANNOTATOR);
  }

  pulledVersion(): number {
    return Number(this.settings.get(TEAM_KEYS.pulledVersion) ?? '0') || 0;
  }

  pulledDecisionsVersion(): number {
    return Number(this.settings.get(TEAM_KEYS.pulledDecisionsVersion) ?? '0') || 0;
  }

  recordSync(at: string, error: { code: string; message: string } | null): void {
    this.library.transaction(() => {
      if (error) this.settings.set(TEAM_KEYS.lastError, JSON.stringify({ ...error, at }));
      else {
        this.settings.set(TEAM_KEYS.lastSync, at);
        this.library.db.prepare('DELETE FROM settings WHERE key = ?').run(TEAM_KEYS.lastError);
      }
    });
  }

  lastSync(): string | null {
    return this.settings.get(TEAM_KEYS.lastSync);
  }

  lastError(): { code: string; message: string; at: string } | null {
    const raw = this.settings.get(TEAM_KEYS.lastError);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as { code: string; message: string; at: string };
    } catch {
      return null;
    }
  }

  /** Changes of mine that the server has not acknowledged, refused ones excepted. */
  queuedCount(): number {
    return (this.library.db.prepare('SELECT count(*) AS n FROM team_outbox WHERE revision > pushed_revision AND refused IS NULL').get() as { n: number }).n;
  }

  refused(): Array<{ id: string; message: string }> {
    return this.library.db.prepare('SELECT row_id AS id, refused AS message FROM team_outbox WHERE refused IS NOT NULL ORDER BY changed_at LIMIT 100').all() as Array<{
      id: string;
      message: string;
    }>;
  }

  /** The next `limit` queued annotations of mine, oldest change first, as the server stores them. */
  outgoing(link: TeamLink, limit: number): OutgoingAnnotation[] {
    const reference = link.adjudicator ? this.referenceAnnotatorId() : null;
    const rows = this.library.db
      .prepare(
        `SELECT a.id, d.sha256 AS document_sha256, a.annotator_id, n.name AS annotator_name, a.label_id, a.start_offset, a.end_offset,
                a.quote, a.prefix, a.suffix, a.note, a.attribution, a.confidence, a.created_at, a.updated_at, a.deleted_at, o.revision
         FROM team_outbox o JOIN annotations a ON a.id = o.row_id JOIN documents d ON d.id = a.document_id JOIN annotators n ON n.id = a.annotator_id
         WHERE o.kind = 'annotation' AND o.revision > o.pushed_revision AND o.refused IS NULL AND a.annotator_id IN (?, ?)
         ORDER BY o.changed_at, o.row_id LIMIT ?`,
      )
      .all(link.annotatorId, reference ?? link.annotatorId, limit) as Array<Omit<OutgoingAnnotation, 'is_reference'>>;
    return rows.map((r) => ({ ...r, is_reference: reference !== null && r.annotator_id === reference }));
  }

  /** The next `limit` queued decisions of mine (only an adjudicator has any), oldest first. */
  outgoingDecisions(link: TeamLink, limit: number): OutgoingDecision[] {
    if (!link.adjudicator) return [];
    const rows = this.library.db
      .prepare(
        `SELECT o.row_id AS id, d.sha256 AS document_sha256, a.kind, a.start_offset, a.end_offset, a.label_id, a.span_start, a.span_end,
                a.source_annotator, a.reason, a.decided_by, a.decided_at, o.revision
         FROM team_outbox o JOIN adjudications a ON a.team_id = o.row_id AND a.team_owner IS NULL JOIN documents d ON d.id = a.document_id
         WHERE o.kind = 'decision' AND o.revision > o.pushed_revision AND o.refused IS NULL
         ORDER BY o.changed_at, o.row_id LIMIT ?`,
      )
      .all(limit) as Array<{
      id: string;
      document_sha256: string;
      kind: AdjudicationDecision['kind'];
      start_offset: number;
      end_offset: number;
      label_id: string | null;
      span_start: number | null;
      span_end: number | null;
      source_annotator: string;
      reason: string;
      decided_by: string;
      decided_at: string;
      revision: number;
    }>;
    return rows.map((r) => ({
      id: r.id,
      document_sha256: r.document_sha256,
      revision: r.revision,
      body: {
        kind: r.kind,
        start: r.start_offset,
        end: r.end_offset,
        ...(r.label_id !== null ? { labelId: r.label_id } : {}),
        ...(r.span_start !== null && r.span_end !== null ? { span: { start: r.span_start, end: r.span_end } } : {}),
        ...(r.source_annotator ? { source: r.source_annotator } : {}),
        by: r.decided_by,
        reason: r.reason,
        at: r.decided_at,
      },
    }));
  }

  /** Drops queued rows that are no longer mine to send (deleted, or the library came back as someone else). Once per sync. */
  dropStrangers(link: TeamLink): number {
    const reference = link.adjudicator ? this.referenceAnnotatorId() : null;
    const annotations = this.library.db
      .prepare(
        `DELETE FROM team_outbox WHERE kind = 'annotation' AND revision > pushed_revision
           AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.id = team_outbox.row_id AND a.annotator_id IN (?, ?))`,
      )
      .run(link.annotatorId, reference ?? link.annotatorId).changes;
    const decisions = this.library.db
      .prepare(
        `DELETE FROM team_outbox WHERE kind = 'decision' AND revision > pushed_revision
           AND (? = 0 OR NOT EXISTS (SELECT 1 FROM adjudications a WHERE a.team_id = team_outbox.row_id AND a.team_owner IS NULL))`,
      )
      .run(link.adjudicator ? 1 : 0).changes;
    return annotations + decisions;
  }

  /** The document behind a content hash, for uploading it once. */
  documentBySha256(sha256: string): (NewDocument & { sha256: string }) | null {
    const doc = this.library.documents.findBySha256(sha256);
    return doc ? { sha256: doc.sha256, title: doc.title, source: doc.source, text: doc.text, blocks: doc.blocks } : null;
  }

  hasDocument(sha256: string): boolean {
    return this.library.db.prepare('SELECT 1 FROM documents WHERE sha256 = ?').get(sha256) !== undefined;
  }

  /** The server has these revisions: they leave the queue unless changed again meanwhile. */
  markPushed(rows: Array<{ id: string; revision: number }>, kind: OutboxKind = 'annotation'): void {
    const mark = this.library.db.prepare('UPDATE team_outbox SET pushed_revision = ? WHERE kind = ? AND row_id = ? AND pushed_revision < ?');
    this.library.transaction(() => rows.forEach((r) => mark.run(r.revision, kind, r.id, r.revision)));
  }

  markRefused(id: string, revision: number, message: string, kind: OutboxKind = 'annotation'): void {
    this.library.db.prepare('UPDATE team_outbox SET refused = ? WHERE kind = ? AND row_id = ? AND revision = ?').run(message, kind, id, revision);
  }

  labelIds(): Set<string> {
    return new Set(this.library.labels.list().map((l) => l.id));
  }

  /**
   * Applies colleagues' annotations (and the documents and labels they need) as their own
   * annotators' rows, then records `upTo` as pulled — all in one transaction. A row already
   * here under another annotator is never overwritten; a span that does not fit the text is
   * left out (counted), never moved.
   */
  applyPulled(rows: IncomingAnnotation[], documents: IncomingDocument[], labels: IncomingLabel[], upTo: number): ApplyResult {
    const db = this.library.db;
    const addAnnotator = db.prepare('INSERT INTO annotators (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name WHERE annotators.name <> excluded.name');
    const upsert = db.prepare(
      `INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, prefix, suffix, note, attribution, confidence, created_at, updated_at, deleted_at)
       VALUES (@id, @document_id, @annotator_id, @label_id, @start_offset, @end_offset, @quote, @prefix, @suffix, @note, @attribution, @confidence, @created_at, @updated_at, @deleted_at)
       ON CONFLICT (id) DO UPDATE SET label_id = excluded.label_id, start_offset = excluded.start_offset, end_offset = excluded.end_offset, quote = excluded.quote,
         prefix = excluded.prefix, suffix = excluded.suffix, note = excluded.note, attribution = excluded.attribution, confidence = excluded.confidence,
         updated_at = excluded.updated_at, deleted_at = excluded.deleted_at
       WHERE annotations.annotator_id = excluded.annotator_id`,
    );
    const addLabel = db.prepare(
      `INSERT INTO labels (id, name, color, shortcut, definition, archived, sort_order)
       VALUES (?, ?, ?, '', ?, 0, (SELECT coalesce(max(sort_order), 0) + 1 FROM labels)) ON CONFLICT (id) DO NOTHING`,
    );
    const mine = new Set([this.settings.get(TEAM_KEYS.annotator), this.referenceAnnotatorId()]);
    return this.library.transaction(() => {
      for (const d of documents) {
        if (sha256Of(d.text) !== d.sha256) throw new AppFailure({ code: 'refused', message: 'The team server sent a document whose text does not match its fingerprint; nothing was applied.' });
        this.library.documents.add({ title: d.title, source: d.source, text: d.text, blocks: d.blocks });
      }
      const known = this.labelIds();
      const texts = new Map<string, { id: string; text: string } | null>();
      const readText = db.prepare('SELECT id, text FROM documents WHERE sha256 = ?');
      const docOf = (sha: string) => {
        if (!texts.has(sha)) texts.set(sha, (readText.get(sha) as { id: string; text: string } | undefined) ?? null);
        return texts.get(sha)!;
      };
      let applied = 0;
      let skipped = 0;
      const seen = new Set<string>();
      for (const r of rows) {
        const doc = docOf(r.document_sha256);
        const fits =
          doc !== null &&
          r.end_offset > r.start_offset &&
          r.end_offset <= doc.text.length &&
          !splitsSurrogatePair(doc.text, r.start_offset) &&
          !splitsSurrogatePair(doc.text, r.end_offset) &&
          doc.text.slice(r.start_offset, r.end_offset) === r.quote;
        if (!fits || mine.has(r.annotator_id)) {
          skipped++;
          continue;
        }
        if (!known.has(r.label_id)) {
          const label = labels.find((l) => l.id === r.label_id);
          addLabel.run(r.label_id, label?.name ?? r.label_id, label?.color ?? '#6b6b6b', label?.definition ?? 'Arrived with a colleague’s annotations from the team server.');
          known.add(r.label_id);
        }
        if (!seen.has(r.annotator_id)) {
          addAnnotator.run(r.annotator_id, r.annotator_name, nowIso());
          seen.add(r.annotator_id);
        }
        const info = upsert.run({
          id: r.id,
          document_id: doc.id,
          annotator_id: r.annotator_id,
          label_id: r.label_id,
          start_offset: r.start_offset,
          end_offset: r.end_offset,
          quote: r.quote,
          prefix: r.prefix,
          suffix: r.suffix,
          note: r.note,
          attribution: r.attribution,
          confidence: r.confidence,
          created_at: r.created_at,
          updated_at: r.updated_at,
          deleted_at: r.deleted_at,
        });
        if (info.changes === 1) applied++;
        else skipped++;
      }
      this.settings.set(TEAM_KEYS.pulledVersion, String(upTo));
      return { applied, skipped };
    });
  }

  /**
   * Applies the adjudicator's decisions (and the documents and labels they need) to the
   * adjudication log, under their server owner, then records `upTo` — one transaction. A
   * decision made in this library is never overwritten; one whose place does not fit the
   * document's text here is left out (counted).
   */
  applyPulledDecisions(rows: IncomingDecision[], documents: IncomingDocument[], labels: IncomingLabel[], upTo: number): ApplyResult {
    const db = this.library.db;
    const upsert = db.prepare(
      `INSERT INTO adjudications (document_id, kind, start_offset, end_offset, label_id, span_start, span_end, source_annotator, reason, decided_by, decided_at, team_id, team_owner)
       VALUES (@document_id, @kind, @start, @end, @label_id, @span_start, @span_end, @source, @reason, @by, @at, @team_id, @team_owner)
       ON CONFLICT (team_id) DO UPDATE SET kind = excluded.kind, start_offset = excluded.start_offset, end_offset = excluded.end_offset, label_id = excluded.label_id,
         span_start = excluded.span_start, span_end = excluded.span_end, source_annotator = excluded.source_annotator, reason = excluded.reason,
         decided_by = excluded.decided_by, decided_at = excluded.decided_at
       WHERE adjudications.team_owner = excluded.team_owner`,
    );
    const addLabel = db.prepare(
      `INSERT INTO labels (id, name, color, shortcut, definition, archived, sort_order)
       VALUES (?, ?, ?, '', ?, 0, (SELECT coalesce(max(sort_order), 0) + 1 FROM labels)) ON CONFLICT (id) DO NOTHING`,
    );
    const readText = db.prepare('SELECT id, length(text) AS length FROM documents WHERE sha256 = ?');
    return this.library.transaction(() => {
      for (const d of documents) {
        if (sha256Of(d.text) !== d.sha256) throw new AppFailure({ code: 'refused', message: 'The team server sent a document whose text does not match its fingerprint; nothing was applied.' });
        if (!this.hasDocument(d.sha256)) this.library.documents.add({ title: d.title, source: d.source, text: d.text, blocks: d.blocks });
      }
      const known = this.labelIds();
      let applied = 0;
      let skipped = 0;
      for (const r of rows) {
        const doc = readText.get(r.document_sha256) as { id: string; length: number } | undefined;
        const b = r.body;
        const inside = (x: { start: number; end: number }) => doc !== undefined && x.start < x.end && x.end <= doc.length;
        if (!doc || !inside(b) || (b.span && !inside(b.span))) {
          skipped++;
          continue;
        }
        if (b.labelId && !known.has(b.labelId)) {
          const label = labels.find((l) => l.id === b.labelId);
          addLabel.run(b.labelId, label?.name ?? b.labelId, label?.color ?? '#6b6b6b', label?.definition ?? 'Arrived with the adjudicator’s decisions from the team server.');
          known.add(b.labelId);
        }
        const info = upsert.run({
          document_id: doc.id,
          kind: b.kind,
          start: b.start,
          end: b.end,
          label_id: b.labelId ?? null,
          span_start: b.span?.start ?? null,
          span_end: b.span?.end ?? null,
          source: b.source ?? '',
          reason: b.reason,
          by: b.by,
          at: b.at,
          team_id: r.id,
          team_owner: r.owner,
        });
        if (info.changes === 1) applied++;
        else skipped++;
      }
      this.settings.set(TEAM_KEYS.pulledDecisionsVersion, String(upTo));
      return { applied, skipped };
    });
  }
}
