// Crash test: a child process writes through the real store (services + dispatch for
// single annotations, updates and deletions; mergeImport for five-row transactions) and is
// killed with SIGKILL at random moments, again and again, on the same file. After every
// kill: each acknowledged write is there, no multi-row change is half-applied, and
// integrity_check is ok. This is a process crash (the OS keeps its page cache), not a
// power cut: it proves commit ordering and transaction atomicity, not the disk's fsync.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTempDir } from '../../../test/support/temp-library';
import { childCommand, childEnv, REPO_ROOT as ROOT } from '../../../test/support/child-runner';
import { BATCH_SIZE } from '../../../test/reliability/crash-spans';

const KILLS = Number(process.env.CLAIMTAG_CRASH_KILLS ?? 55);
const SEED = Number(process.env.CLAIMTAG_CRASH_SEED ?? Date.now() % 1e9);
const CRASH_ANNOTATOR = 'Crash Tester';
const CHILD = path.join(__dirname, '../../../test/reliability/crash-child.ts');

let tmp: ReturnType<typeof makeTempDir>;
let command: string[];
beforeAll(() => {
  tmp = makeTempDir('claimtag-crash-');
  command = childCommand(CHILD, path.join(tmp.dir, 'crash-child.cjs'));
});
afterAll(() => tmp.cleanup());

interface Run {
  lines: string[];
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  ready: boolean;
}

/** Starts the child, kills it with SIGKILL at a random moment, returns what it printed. */
function runOnce(file: string, seed: number, killAt: { afterReadyMs: number } | { afterSpawnMs: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, file, tmp.dir, String(seed), path.join(ROOT, 'resources')], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    let ready = false;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!ready && out.includes('READY')) {
        ready = true;
        if ('afterReadyMs' in killAt) timer = setTimeout(kill, killAt.afterReadyMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    if ('afterSpawnMs' in killAt) timer = setTimeout(kill, killAt.afterSpawnMs);
    const watchdog = setTimeout(kill, 15_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      // Only complete lines count: a torn last line is not an acknowledgement.
      const lines = out.split('\n').slice(0, -1);
      resolve({ lines, stderr, code, signal, ready });
    });
  });
}

interface Single {
  deleted: boolean;
  note: string;
}

/** What the test knows is committed: everything acknowledged, plus in-flight writes found committed. */
const model = { singles: new Map<string, Single>(), batches: new Set<string>() };
const stats = { kills: 0, killsBeforeReady: 0, acked: { single: 0, batch: 0, update: 0, delete: 0 }, inFlightCommitted: 0, checks: 0, maxRows: 0 };

function applyRun(run: Run): { op: string; key: string; arg?: string } | null {
  let inFlight: { op: string; key: string; arg?: string } | null = null;
  for (const line of run.lines) {
    const [kind, op, key, arg] = line.split(' ');
    if (kind === 'ERR') throw new Error(`child reported: ${line}\n${run.stderr}`);
    if (kind === 'TRY') inFlight = { op, key, arg };
    if (kind !== 'ACK') continue;
    inFlight = null;
    stats.acked[op as keyof typeof stats.acked]++;
    if (op === 'single') model.singles.set(arg, { deleted: false, note: '' });
    else if (op === 'batch') model.batches.add(key);
    else if (op === 'update') model.singles.get(key)!.note = arg;
    else if (op === 'delete') model.singles.get(key)!.deleted = true;
  }
  return inFlight;
}

interface Row {
  id: string;
  note: string;
  deleted_at: string | null;
  annotator: string;
  annotator_id: string;
}

function verify(file: string, inFlight: { op: string; key: string; arg?: string } | null, where: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');
    const rows = db
      .prepare('SELECT a.id, a.note, a.deleted_at, n.name AS annotator, n.id AS annotator_id FROM annotations a JOIN annotators n ON n.id = a.annotator_id')
      .all() as Row[];
    stats.maxRows = Math.max(stats.maxRows, rows.length);

    // Single writes through the API.
    const singles = new Map(rows.filter((r) => r.annotator === CRASH_ANNOTATOR).map((r) => [r.id, r]));
    for (const [id, known] of model.singles) {
      const row = singles.get(id);
      expect(row, `${where}: acknowledged annotation ${id} is missing`).toBeDefined();
      const deleting = inFlight?.op === 'delete' && inFlight.key === id;
      if (deleting && row!.deleted_at !== null && !known.deleted) {
        known.deleted = true;
        stats.inFlightCommitted++;
      }
      expect(row!.deleted_at !== null, `${where}: deletion state of ${id}`).toBe(known.deleted);
      const updating = inFlight?.op === 'update' && inFlight.key === id;
      if (updating && row!.note === inFlight!.arg && known.note !== inFlight!.arg) {
        known.note = row!.note;
        stats.inFlightCommitted++;
      }
      expect(row!.note, `${where}: note of ${id}`).toBe(known.note);
    }
    const unknown = [...singles.keys()].filter((id) => !model.singles.has(id));
    if (unknown.length) {
      expect(inFlight?.op, `${where}: annotations nobody acknowledged or attempted: ${unknown.join(', ')}`).toBe('single');
      expect(unknown).toHaveLength(1);
      model.singles.set(unknown[0], { deleted: singles.get(unknown[0])!.deleted_at !== null, note: singles.get(unknown[0])!.note });
      stats.inFlightCommitted++;
    }

    // Five-row merges: all of a batch or none of it, its annotator included.
    const batchRows = new Map<string, Row[]>();
    for (const r of rows.filter((r) => r.annotator.startsWith('batch '))) {
      const tag = r.annotator.slice('batch '.length);
      expect(r.annotator_id).toBe(tag);
      expect(r.note.startsWith(`batch:${tag}:`)).toBe(true);
      batchRows.set(tag, [...(batchRows.get(tag) ?? []), r]);
    }
    const batchAnnotators = db.prepare("SELECT id FROM annotators WHERE name LIKE 'batch %'").all() as Array<{ id: string }>;
    for (const { id } of batchAnnotators) {
      expect(batchRows.get(id)?.length ?? 0, `${where}: batch ${id} is half-applied`).toBe(BATCH_SIZE);
    }
    for (const [tag, group] of batchRows) {
      expect(group, `${where}: batch ${tag} is half-applied`).toHaveLength(BATCH_SIZE);
      if (!model.batches.has(tag)) {
        expect(inFlight, `${where}: batch ${tag} was never attempted`).toEqual({ op: 'batch', key: tag, arg: undefined });
        model.batches.add(tag);
        stats.inFlightCommitted++;
      }
    }
    for (const tag of model.batches) expect(batchRows.has(tag), `${where}: acknowledged batch ${tag} is missing`).toBe(true);
    stats.checks++;
  } finally {
    db.close();
  }
}

it(`survives ${KILLS} SIGKILLs with every acknowledged write intact`, { timeout: 180_000 }, async () => {
  const file = path.join(tmp.dir, 'claimtag.sqlite');
  let state = SEED >>> 0 || 1;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const started = Date.now();

  for (let i = 0; i < KILLS; i++) {
    // Mostly mid-stream; sometimes while the child is still opening, migrating or seeding.
    const early = i === 0 || random() < 0.15;
    const killAt = early ? { afterSpawnMs: Math.floor(random() * 400) } : { afterReadyMs: Math.floor(random() * 150) };
    const run = await runOnce(file, Math.floor(random() * 2 ** 31), killAt);
    const where = `kill ${i + 1} (seed ${SEED}, ${JSON.stringify(killAt)})`;
    expect(run.signal, `${where}: the child ended on its own (code ${run.code}):\n${run.lines.slice(-3).join('\n')}\n${run.stderr}`).toBe('SIGKILL');
    stats.kills++;
    if (!run.ready) stats.killsBeforeReady++;
    const inFlight = applyRun(run);
    if (!fs.existsSync(file)) {
      // Killed before the child created the library: allowed only while nothing was ever acknowledged.
      expect(Object.values(stats.acked).reduce((a, b) => a + b, 0), `${where}: the library file is gone`).toBe(0);
      continue;
    }
    verify(file, inFlight, where);
  }

  // A last clean start through the real open path (quick_check, migrate) sees the same.
  const final = await runOnce(file, 7, { afterReadyMs: 0 });
  expect(final.ready).toBe(true);
  verify(file, applyRun(final), 'final');

  const writes = Object.values(stats.acked).reduce((a, b) => a + b, 0);
  const rowsAcked = stats.acked.single + stats.acked.batch * BATCH_SIZE;
  console.log(
    `crash test (seed ${SEED}, child ${command[0] === "--import" ? "via tsx" : "bundled"}): ${stats.kills} SIGKILLs (${stats.killsBeforeReady} before the child was ready), ` +
      `${writes} acknowledged writes verified after every kill (${stats.acked.single} creates, ${stats.acked.batch} five-row merges, ` +
      `${stats.acked.update} updates, ${stats.acked.delete} deletions = ${rowsAcked} rows written), ${stats.inFlightCommitted} in-flight writes found committed, ` +
      `${stats.checks} checks, ${stats.maxRows} annotation rows at the end, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(stats.kills).toBeGreaterThanOrEqual(50);
  expect(stats.acked.batch).toBeGreaterThan(0);
  expect(stats.acked.single).toBeGreaterThan(0);
});
