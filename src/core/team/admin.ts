// `claimtag team init`: an administrator creates or migrates the server schema, a study, and one
// login role per analyst. Passwords are generated here and shown once; they reach the server
// only as SCRAM verifiers, so they appear in no server log.
import crypto from 'node:crypto';
import type pg from 'pg';
import { AppFailure } from '../../shared/result';
import { connect, serverFailure, type ServerAddress } from './connection';
import { MEMBER_GROUP, SERVER_STEPS } from './server-schema';

export interface MemberSpec {
  role: string;
  name: string;
  adjudicator?: boolean;
}

export interface InitResult {
  studyId: string;
  studyName: string;
  schemaVersion: number;
  stepsRun: number;
  /** Roles created by this run with their one-time passwords; existing roles keep theirs. */
  created: Array<{ role: string; password: string }>;
  members: MemberSpec[];
}

export const ROLE_PATTERN = /^[a-z][a-z0-9_]{1,40}$/;

export function assertRoleName(role: string): void {
  if (!ROLE_PATTERN.test(role) || role.startsWith('pg_') || role === MEMBER_GROUP) {
    throw new AppFailure({ code: 'invalid-input', message: `"${role}" cannot be an analyst's server name: use 2–41 lower-case letters, digits or _, starting with a letter.` });
  }
}

/** A SCRAM-SHA-256 verifier for `password`, in the form PostgreSQL stores (RFC 5802/7677). */
export function scramVerifier(password: string): string {
  const salt = crypto.randomBytes(16);
  const iterations = 4096;
  const salted = crypto.pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = crypto.createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = crypto.createHash('sha256').update(clientKey).digest();
  const serverKey = crypto.createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

async function serverSchemaVersion(client: pg.Client): Promise<number> {
  const exists = await client.query("SELECT to_regclass('claimtag.server_schema') IS NOT NULL AS present");
  if (!exists.rows[0].present) return 0;
  return Number((await client.query('SELECT version FROM claimtag.server_schema')).rows[0]?.version ?? 0);
}

/** Runs the schema steps this server lacks, in one transaction. Returns how many ran. */
export async function migrateServer(client: pg.Client): Promise<{ version: number; stepsRun: number }> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('claimtag:schema'))");
    const from = await serverSchemaVersion(client);
    if (from > SERVER_STEPS.length) {
      throw new AppFailure({ code: 'unsupported', message: `The team server's schema (version ${from}) is newer than this claimtag knows (${SERVER_STEPS.length}); update claimtag.` });
    }
    for (let v = from; v < SERVER_STEPS.length; v++) await client.query(SERVER_STEPS[v]);
    await client.query('CREATE TABLE IF NOT EXISTS claimtag.server_schema (version integer NOT NULL)');
    await client.query('DELETE FROM claimtag.server_schema');
    await client.query('INSERT INTO claimtag.server_schema (version) VALUES ($1)', [SERVER_STEPS.length]);
    await client.query(`GRANT SELECT ON claimtag.server_schema TO ${MEMBER_GROUP}`);
    await client.query('COMMIT');
    return { version: SERVER_STEPS.length, stepsRun: SERVER_STEPS.length - from };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Creates or migrates the schema, the study (by name) and its members. Safe to run again:
 * existing roles keep their passwords; members are added or updated.
 */
export async function initTeamServer(
  address: ServerAddress,
  password: string | null,
  options: { study: string; members: MemberSpec[] },
): Promise<InitResult> {
  const studyName = options.study.trim();
  if (!studyName || studyName.length > 200) throw new AppFailure({ code: 'invalid-input', message: 'Give the study a name of 1–200 characters.' });
  options.members.forEach((m) => assertRoleName(m.role));
  if (options.members.filter((m) => m.adjudicator).length > 1) {
    throw new AppFailure({ code: 'invalid-input', message: 'A study has one adjudicator: name only one.' });
  }
  const client = await connect(address, password);
  try {
    const { version, stepsRun } = await migrateServer(client);
    const created: InitResult['created'] = [];
    await client.query('BEGIN');
    const found = await client.query('SELECT id FROM claimtag.studies WHERE name = $1', [studyName]);
    const studyId: string = found.rows[0]?.id ?? crypto.randomUUID();
    if (!found.rows[0]) await client.query('INSERT INTO claimtag.studies (id, name) VALUES ($1, $2)', [studyId, studyName]);
    for (const m of options.members) {
      const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [m.role])).rowCount === 1;
      if (!exists) {
        const secret = crypto.randomBytes(18).toString('base64url');
        await client.query(`CREATE ROLE ${client.escapeIdentifier(m.role)} LOGIN PASSWORD ${client.escapeLiteral(scramVerifier(secret))}`);
        created.push({ role: m.role, password: secret });
      }
      await client.query(`GRANT ${MEMBER_GROUP} TO ${client.escapeIdentifier(m.role)}`);
      await client.query(
        `INSERT INTO claimtag.members (study_id, role_name, display_name, is_adjudicator) VALUES ($1, $2, $3, $4)
         ON CONFLICT (study_id, role_name) DO UPDATE SET display_name = EXCLUDED.display_name, is_adjudicator = EXCLUDED.is_adjudicator`,
        [studyId, m.role, m.name, m.adjudicator === true],
      );
    }
    if (options.members.some((m) => m.adjudicator)) {
      await client.query('UPDATE claimtag.members SET is_adjudicator = false WHERE study_id = $1 AND NOT (role_name = ANY($2))', [
        studyId,
        options.members.filter((m) => m.adjudicator).map((m) => m.role),
      ]);
    }
    await client.query('COMMIT');
    const members = (
      await client.query('SELECT role_name, display_name, is_adjudicator FROM claimtag.members WHERE study_id = $1 ORDER BY role_name', [studyId])
    ).rows.map((r) => ({ role: r.role_name as string, name: r.display_name as string, adjudicator: r.is_adjudicator as boolean }));
    return { studyId, studyName, schemaVersion: version, stepsRun, created, members };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw serverFailure(err, address);
  } finally {
    await client.end().catch(() => undefined);
  }
}
