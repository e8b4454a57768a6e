// Joining a study and syncing with it. Push: my queued rows, in batches, as idempotent upserts
// that the server applies only over an older revision of a row I own. Pull: everyone else's rows
// changed since the version I last applied, in version order, each batch applied locally in one
// transaction with its version. Killed at any point, the next sync resends what the server may
// or may not have (it ignores what it has) and pulls from the last version applied.
import type pg from 'pg';
import { AppFailure, type AppError } from '../../shared/result';
import type { Library } from '../store/library';
import { connect, formatServerUrl, serverFailure, sqlState, type ServerAddress } from './connection';
import {
  incomingAnnotation,
  incomingDecision,
  incomingDocument,
  incomingLabel,
  LocalTeam,
  type IncomingDocument,
  type IncomingLabel,
  type OutgoingAnnotation,
  type OutgoingDecision,
  type TeamLink,
  type TeamMember,
} from './local-team';

export const PUSH_BATCH = 1_000;
export const PULL_BATCH = 2_000;

export interface SyncProgress {
  phase: 'connect' | 'push' | 'pull' | 'done';
  done: number;
  total: number;
}

export interface SyncReport {
  pushed: number;
  refused: Array<{ id: string; message: string }>;
  pulled: number;
  skipped: number;
  serverVersion: number;
}

export interface SyncOptions {
  onProgress?: (p: SyncProgress) => void;
  pushBatch?: number;
  pullBatch?: number;
  signal?: AbortSignal;
  /** Only send, or only receive (default: both, sending first). */
  only?: 'push' | 'pull';
}

const ANNOTATION_COLUMNS = [
  'id',
  'study_id',
  'document_sha256',
  'owner',
  'annotator_id',
  'annotator_name',
  'is_reference',
  'label_id',
  'start_offset',
  'end_offset',
  'quote',
  'prefix',
  'suffix',
  'note',
  'attribution',
  'confidence',
  'created_at',
  'updated_at',
  'deleted_at',
  'revision',
] as const;
const UPDATABLE = ANNOTATION_COLUMNS.filter((c) => c !== 'id' && c !== 'study_id' && c !== 'owner');

/**
 * The upsert: rows arrive as one JSON array. A row is written when it is new, or over an older
 * revision. Row-level security refuses (42501) any row that is not the caller's: another's
 * owner, another's annotator, a newer revision of another's existing row. (Over an equal or
 * newer revision nothing is written, so pushBatch also checks whose the unwritten rows are.)
 */
const UPSERT_ANNOTATIONS = `
  INSERT INTO claimtag.annotations AS a (${ANNOTATION_COLUMNS.join(', ')})
  SELECT ${ANNOTATION_COLUMNS.join(', ')} FROM json_populate_recordset(NULL::claimtag.annotations, $1::json)
  ON CONFLICT (id) DO UPDATE SET ${UPDATABLE.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
  WHERE a.revision < EXCLUDED.revision
  RETURNING a.id`;

export type OutgoingRow = OutgoingAnnotation & { study_id: string; owner: string };

/** Sends rows as `owner`; the server's rules decide. Exposed so tests can try what a forger would. */
export async function upsertAnnotations(client: pg.Client, rows: OutgoingRow[]): Promise<string[]> {
  const result = await client.query(UPSERT_ANNOTATIONS, [JSON.stringify(rows)]);
  return result.rows.map((r: { id: string }) => r.id);
}

/**
 * The adjudicator's decisions, upserted like annotations: written when new or over an older
 * revision; row-level security refuses (42501) a decision from anyone but the study's
 * adjudicator, or over another owner's decision.
 */
const UPSERT_DECISIONS = `
  INSERT INTO claimtag.decisions AS d (id, study_id, document_sha256, owner, body, revision)
  SELECT id, study_id, document_sha256, owner, body, revision FROM json_populate_recordset(NULL::claimtag.decisions, $1::json)
  ON CONFLICT (id) DO UPDATE SET document_sha256 = EXCLUDED.document_sha256, owner = EXCLUDED.owner, body = EXCLUDED.body, revision = EXCLUDED.revision
  WHERE d.revision < EXCLUDED.revision
  RETURNING d.id`;

export type OutgoingDecisionRow = OutgoingDecision & { study_id: string; owner: string };

/** Sends decisions as `owner`; the server's rules decide. Exposed so tests can try what a forger would. */
export async function upsertDecisions(client: pg.Client, rows: OutgoingDecisionRow[]): Promise<string[]> {
  const result = await client.query(UPSERT_DECISIONS, [JSON.stringify(rows)]);
  return result.rows.map((r: { id: string }) => r.id);
}

/** One batch of decisions in one transaction; refused as a whole only when I am not the adjudicator (then none can go). */
async function pushDecisionBatch(client: pg.Client, rows: OutgoingDecisionRow[]): Promise<{ accepted: OutgoingDecisionRow[]; refused: Array<{ row: OutgoingDecisionRow; message: string }> }> {
  await client.query('BEGIN');
  try {
    const written = new Set(await upsertDecisions(client, rows));
    const unwritten = rows.filter((r) => !written.has(r.id));
    const others = new Set(
      unwritten.length === 0
        ? []
        : (await client.query('SELECT id FROM claimtag.decisions WHERE id = ANY($1) AND owner <> current_user', [unwritten.map((r) => r.id)])).rows.map((r: { id: string }) => r.id),
    );
    await client.query('COMMIT');
    return {
      accepted: rows.filter((r) => !others.has(r.id)),
      refused: rows.filter((r) => others.has(r.id)).map((row) => ({ row, message: 'The server refused the decision: another adjudicator recorded one under the same id.' })),
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (sqlState(err) !== '42501') throw err;
    return { accepted: [], refused: rows.map((row) => ({ row, message: 'The server refused the decision: only the study’s adjudicator may record decisions.' })) };
  }
}

const PULL_DECISIONS_SQL = `
  SELECT id, document_sha256, owner, body, version
  FROM claimtag.decisions WHERE study_id = $1 AND version > $2 AND owner <> current_user ORDER BY version LIMIT $3`;

async function members(client: pg.Client, studyId: string): Promise<TeamMember[]> {
  const r = await client.query('SELECT role_name, display_name, annotator_id, is_adjudicator FROM claimtag.members WHERE study_id = $1 ORDER BY display_name', [studyId]);
  return r.rows.map((m) => ({ role: m.role_name, name: m.display_name, annotatorId: m.annotator_id, adjudicator: m.is_adjudicator }));
}

/**
 * Links the library to `studyName` on the server as the address's role. The server fixes which
 * annotator id carries my work: the first library to join records the current analyst's id; a
 * later library of the same analyst takes that id over (its current annotator becomes it).
 */
export async function joinTeam(library: Library, address: ServerAddress, password: string | null, studyName: string): Promise<{ link: TeamLink; queued: number; members: TeamMember[] }> {
  const local = new LocalTeam(library);
  const client = await connect(address, password);
  try {
    const study = await client.query('SELECT id, name FROM claimtag.studies WHERE name = $1', [studyName.trim()]);
    if (!study.rows[0]) {
      throw new AppFailure({ code: 'refused', message: `You are not a member of a study called "${studyName.trim()}" on this server (or it does not exist).` });
    }
    const studyId: string = study.rows[0].id;
    const me = (await client.query('SELECT display_name, annotator_id, is_adjudicator FROM claimtag.members WHERE study_id = $1 AND role_name = current_user', [studyId])).rows[0];
    let annotatorId: string | null = me.annotator_id;
    if (annotatorId === null) {
      annotatorId = local.currentAnnotatorId() ?? library.annotators.add(me.display_name).id;
      const claimed = await client.query('UPDATE claimtag.members SET annotator_id = $2 WHERE study_id = $1 AND role_name = current_user AND annotator_id IS NULL', [studyId, annotatorId]);
      if (claimed.rowCount !== 1) throw new AppFailure({ code: 'conflict', message: 'Someone else joined as you at the same moment; join again.' });
    } else if (!library.annotators.find(annotatorId)) {
      library.annotators.add(me.display_name, annotatorId);
    }
    const link: TeamLink = {
      server: formatServerUrl(address),
      studyId,
      studyName: study.rows[0].name,
      role: address.role,
      annotatorId,
      adjudicator: me.is_adjudicator,
    };
    const queued = local.saveLink(link);
    const list = await members(client, studyId);
    local.setMembers(list);
    return { link, queued, members: list };
  } catch (err) {
    throw serverFailure(err, address);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Makes sure the server has these documents (text sent once) and lists them in the study. */
async function shareDocuments(client: pg.Client, local: LocalTeam, studyId: string, shas: string[], known: Set<string>): Promise<void> {
  const unknown = shas.filter((s) => !known.has(s));
  if (unknown.length === 0) return;
  const present = new Set(
    (await client.query('SELECT document_sha256 FROM claimtag.study_documents WHERE study_id = $1 AND document_sha256 = ANY($2)', [studyId, unknown])).rows.map(
      (r: { document_sha256: string }) => r.document_sha256,
    ),
  );
  for (const sha of unknown.filter((s) => !present.has(s))) {
    const doc = local.documentBySha256(sha);
    if (!doc) continue;
    await client.query(
      `INSERT INTO claimtag.documents (sha256, title, source, text, blocks) SELECT $1, $2, $3, $4, $5::jsonb
       WHERE NOT EXISTS (SELECT 1 FROM claimtag.documents WHERE sha256 = $1) ON CONFLICT (sha256) DO NOTHING`,
      [doc.sha256, doc.title, doc.source, doc.text, JSON.stringify(doc.blocks)],
    );
    await client.query('INSERT INTO claimtag.study_documents (study_id, document_sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING', [studyId, sha]);
  }
  unknown.forEach((s) => known.add(s));
}

/** Why the server refused one row, naming whose it is when it is someone else's. */
async function refusalOf(client: pg.Client, row: OutgoingRow, team: TeamMember[]): Promise<string> {
  const existing = (await client.query('SELECT owner FROM claimtag.annotations WHERE id = $1', [row.id])).rows[0] as { owner: string } | undefined;
  if (existing && existing.owner !== row.owner) {
    const name = team.find((m) => m.role === existing.owner)?.name ?? existing.owner;
    return `The server refused the change: you cannot edit ${name}'s annotation.`;
  }
  if (row.is_reference) return 'The server refused the change: only the adjudicator may change the reference.';
  return 'The server refused the change: this annotation is not recorded under your name on the server.';
}

async function pushBatch(client: pg.Client, rows: OutgoingRow[], team: TeamMember[]): Promise<{ accepted: OutgoingRow[]; refused: Array<{ row: OutgoingRow; message: string }> }> {
  await client.query('BEGIN');
  try {
    const written = new Set(await upsertAnnotations(client, rows));
    const unwritten = rows.filter((r) => !written.has(r.id));
    const others = new Set(
      unwritten.length === 0
        ? []
        : (await client.query('SELECT id FROM claimtag.annotations WHERE id = ANY($1) AND owner <> current_user', [unwritten.map((r) => r.id)])).rows.map((r: { id: string }) => r.id),
    );
    await client.query('COMMIT');
    const refused = await Promise.all(rows.filter((r) => others.has(r.id)).map(async (row) => ({ row, message: await refusalOf(client, row, team) })));
    return { accepted: rows.filter((r) => !others.has(r.id)), refused };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (sqlState(err) !== '42501') throw err;
  }
  // Some row was refused: find which, one by one, and send the others.
  const accepted: OutgoingRow[] = [];
  const refused: Array<{ row: OutgoingRow; message: string }> = [];
  await client.query('BEGIN');
  try {
    for (const row of rows) {
      await client.query('SAVEPOINT one');
      try {
        await upsertAnnotations(client, [row]);
        await client.query('RELEASE SAVEPOINT one');
        accepted.push(row);
      } catch (err) {
        await client.query('ROLLBACK TO SAVEPOINT one');
        if (sqlState(err) !== '42501') throw err;
        refused.push({ row, message: await refusalOf(client, row, team) });
      }
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { accepted, refused };
}

const PULL_SQL = `
  SELECT id, document_sha256, annotator_id, annotator_name, is_reference, label_id, start_offset, end_offset, quote, prefix, suffix,
         note, attribution, confidence, created_at, updated_at, deleted_at, version
  FROM claimtag.annotations WHERE study_id = $1 AND version > $2 AND owner <> current_user ORDER BY version LIMIT $3`;

async function latestLabels(client: pg.Client, studyId: string): Promise<IncomingLabel[]> {
  const r = await client.query('SELECT labels FROM claimtag.tag_set_versions WHERE study_id = $1 ORDER BY version_no DESC LIMIT 1', [studyId]);
  const parsed = incomingLabel.array().max(1_000).safeParse(r.rows[0]?.labels ?? []);
  return parsed.success ? parsed.data : [];
}

/** The adjudicator publishes the library's tag set as a new version when it differs from the last. */
async function publishTagSet(client: pg.Client, local: LocalTeam, studyId: string): Promise<void> {
  const labels = local.library.labels.list().filter((l) => !l.archived).map((l) => ({ id: l.id, name: l.name, color: l.color, definition: l.definition }));
  const last = await client.query('SELECT version_no, labels FROM claimtag.tag_set_versions WHERE study_id = $1 ORDER BY version_no DESC LIMIT 1', [studyId]);
  if (last.rows[0] && JSON.stringify(last.rows[0].labels) === JSON.stringify(labels)) return;
  await client.query('INSERT INTO claimtag.tag_set_versions (study_id, version_no, labels) VALUES ($1, $2, $3::jsonb)', [studyId, (last.rows[0]?.version_no ?? 0) + 1, JSON.stringify(labels)]);
}

/** One sync: push everything queued, then pull everything new. Records its outcome in the library. */
export async function syncTeam(library: Library, address: ServerAddress, password: string | null, options: SyncOptions = {}): Promise<SyncReport> {
  const local = new LocalTeam(library);
  const link = local.requireLink();
  const progress = options.onProgress ?? (() => undefined);
  const stopIfCancelled = () => {
    if (options.signal?.aborted) throw new AppFailure({ code: 'cancelled', message: 'The sync was stopped; what was sent or received so far is kept.' });
  };
  const report: SyncReport = { pushed: 0, refused: [], pulled: 0, skipped: 0, serverVersion: local.pulledVersion() };
  let client: pg.Client | null = null;
  try {
    progress({ phase: 'connect', done: 0, total: 0 });
    client = await connect(address, password);
    const team = await members(client, link.studyId);
    if (!team.some((m) => m.role === address.role)) {
      throw new AppFailure({ code: 'refused', message: `You are no longer a member of the study "${link.studyName}" on this server.` });
    }
    local.setMembers(team);

    // Push.
    local.dropStrangers(link);
    const toPush = local.queuedCount();
    const known = new Set<string>();
    for (;;) {
      if (options.only === 'pull') break;
      stopIfCancelled();
      const rows = local.outgoing(link, options.pushBatch ?? PUSH_BATCH).map((r) => ({ ...r, study_id: link.studyId, owner: address.role }));
      if (rows.length === 0) break;
      await shareDocuments(client, local, link.studyId, [...new Set(rows.map((r) => r.document_sha256))], known);
      const { accepted, refused } = await pushBatch(client, rows, team);
      local.markPushed(accepted);
      for (const r of refused) local.markRefused(r.row.id, r.row.revision, r.message);
      report.pushed += accepted.length;
      report.refused.push(...refused.map((r) => ({ id: r.row.id, message: r.message })));
      progress({ phase: 'push', done: report.pushed + report.refused.length, total: toPush });
    }
    for (;;) {
      if (options.only === 'pull') break;
      stopIfCancelled();
      const rows = local.outgoingDecisions(link, options.pushBatch ?? PUSH_BATCH).map((r) => ({ ...r, study_id: link.studyId, owner: address.role }));
      if (rows.length === 0) break;
      await shareDocuments(client, local, link.studyId, [...new Set(rows.map((r) => r.document_sha256))], known);
      const { accepted, refused } = await pushDecisionBatch(client, rows);
      local.markPushed(accepted, 'decision');
      for (const r of refused) local.markRefused(r.row.id, r.row.revision, r.message, 'decision');
      report.pushed += accepted.length;
      report.refused.push(...refused.map((r) => ({ id: r.row.id, message: r.message })));
      progress({ phase: 'push', done: report.pushed + report.refused.length, total: toPush });
    }
    if (link.adjudicator && options.only !== 'pull') await publishTagSet(client, local, link.studyId);

    // Pull.
    let since = local.pulledVersion();
    const total = options.only === 'push' ? 0 : Number((await client.query('SELECT count(*) AS n FROM claimtag.annotations WHERE study_id = $1 AND version > $2 AND owner <> current_user', [link.studyId, since])).rows[0].n);
    let labels: IncomingLabel[] | null = null;
    for (;;) {
      if (options.only === 'push') break;
      stopIfCancelled();
      const result = await client.query(PULL_SQL, [link.studyId, since, options.pullBatch ?? PULL_BATCH]);
      if (result.rows.length === 0) break;
      const parsed = incomingAnnotation.array().safeParse(result.rows);
      if (!parsed.success) throw new AppFailure({ code: 'refused', message: 'The team server sent annotations this claimtag cannot read; nothing more was applied.', details: [parsed.error.issues[0]?.message ?? ''] });
      const rows = parsed.data;
      const documents = await fetchMissingDocuments(client, local, rows.map((r) => r.document_sha256));
      const localLabels = local.labelIds();
      if (labels === null && rows.some((r) => !localLabels.has(r.label_id))) labels = await latestLabels(client, link.studyId);
      const upTo = rows[rows.length - 1].version;
      const applied = local.applyPulled(rows, documents, labels ?? [], upTo);
      since = upTo;
      report.pulled += applied.applied;
      report.skipped += applied.skipped;
      report.serverVersion = upTo;
      progress({ phase: 'pull', done: report.pulled + report.skipped, total });
    }
    // Pull the adjudicator's decisions, after the annotations they settle.
    let decisionsSince = local.pulledDecisionsVersion();
    for (;;) {
      if (options.only === 'push') break;
      stopIfCancelled();
      const result = await client.query(PULL_DECISIONS_SQL, [link.studyId, decisionsSince, options.pullBatch ?? PULL_BATCH]);
      if (result.rows.length === 0) break;
      const parsed = incomingDecision.array().safeParse(result.rows);
      if (!parsed.success) throw new AppFailure({ code: 'refused', message: 'The team server sent decisions this claimtag cannot read; nothing more was applied.', details: [parsed.error.issues[0]?.message ?? ''] });
      const rows = parsed.data;
      const documents = await fetchMissingDocuments(client, local, rows.map((r) => r.document_sha256));
      const localLabels = local.labelIds();
      if (labels === null && rows.some((r) => r.body.labelId !== undefined && !localLabels.has(r.body.labelId))) labels = await latestLabels(client, link.studyId);
      const upTo = rows[rows.length - 1].version;
      const applied = local.applyPulledDecisions(rows, documents, labels ?? [], upTo);
      decisionsSince = upTo;
      report.pulled += applied.applied;
      report.skipped += applied.skipped;
      report.serverVersion = Math.max(report.serverVersion, upTo);
      progress({ phase: 'pull', done: report.pulled + report.skipped, total });
    }
    local.recordSync(new Date().toISOString(), null);
    progress({ phase: 'done', done: report.pushed + report.pulled, total: report.pushed + report.pulled });
    return report;
  } catch (err) {
    const failure = serverFailure(err, address);
    if (library.db.open) local.recordSync(new Date().toISOString(), failure.error satisfies AppError);
    throw failure;
  } finally {
    await client?.end().catch(() => undefined);
  }
}

/** The texts of pulled rows' documents that this library does not have yet, checked on arrival. */
async function fetchMissingDocuments(client: pg.Client, local: LocalTeam, shas: readonly string[]): Promise<IncomingDocument[]> {
  const missing = [...new Set(shas)].filter((sha) => !local.hasDocument(sha));
  if (missing.length === 0) return [];
  const docs = await client.query('SELECT sha256, title, source, text, blocks FROM claimtag.documents WHERE sha256 = ANY($1)', [missing]);
  const checked = incomingDocument.array().safeParse(docs.rows);
  if (!checked.success) throw new AppFailure({ code: 'refused', message: 'The team server sent a document this claimtag cannot read; nothing more was applied.' });
  return checked.data;
}
