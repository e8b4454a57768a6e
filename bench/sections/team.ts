// Team mode on a private PostgreSQL cluster on loopback (started and stopped here).
//   push: each of three analysts sends 10,000 annotations through claimtag's sync (upserts under
//         row-level security, from the SQLite outbox); baselines in the same run: psql's COPY and a
//         raw multi-row INSERT of 10,000 rows as the administrator into the same table.
//   pull: a fourth analyst receives all 30,000 into a fresh library (join + sync); baseline: one
//         raw SELECT of the same rows plus raw SQLite inserts of them in one transaction.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openDatabase } from '../../src/core/db/open-database';
import { findPgBin } from '../../test/support/pg-cluster';
import { startTeam, type Analyst, type TeamFixture } from '../../test/support/team-fixture';
import { LocalTeam } from '../../src/core/team/local-team';
import { makeArticle, makeSpans } from '../lib/fixture';
import { Figures } from '../lib/result';

const PER_ANALYST = 10_000;
const PULL_RUNS = 3;
const COLUMNS = ['id', 'study_id', 'document_sha256', 'owner', 'annotator_id', 'annotator_name', 'label_id', 'start_offset', 'end_offset', 'quote', 'created_at', 'updated_at', 'revision'];

function tag(a: Analyst, seed: number): void {
  const article = makeArticle(seed);
  const doc = a.library.documents.add({ title: `Bench ${seed}`, source: 'bench', text: article.text, blocks: article.blocks }).document.id;
  const me = new LocalTeam(a.library).requireLink().annotatorId;
  a.library.transaction(() => {
    const importer = a.library.annotations.importer();
    for (const s of makeSpans(article, PER_ANALYST, seed)) importer.add({ documentId: doc, annotatorId: me, labelId: s.label, start: s.start, end: s.end }, article.text);
    importer.finish();
  });
}

async function rawRows(team: TeamFixture, prefix: string): Promise<unknown[][]> {
  const admin = await team.admin();
  try {
    const sample = (await admin.query("SELECT study_id, document_sha256 FROM claimtag.annotations WHERE owner = 'alice' LIMIT 1")).rows[0];
    return Array.from({ length: PER_ANALYST }, (_, i) => [`${prefix}-${i}`, sample.study_id, sample.document_sha256, 'raw', 'raw-annotator', 'Raw', 'fact', i % 1000, (i % 1000) + 10, 'quote text', 'x', 'x', 1]);
  } finally {
    await admin.end();
  }
}

function copyWithPsql(team: TeamFixture, rows: unknown[][]): Promise<void> {
  const csv = rows.map((r) => r.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(findPgBin(), 'psql'), [team.cluster.adminUrl, '-q', '-c', `\\copy claimtag.annotations (${COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY failed: ${err}`))));
    child.stdin.end(csv);
  });
}

async function insertRaw(team: TeamFixture, rows: unknown[][]): Promise<void> {
  const admin = await team.admin();
  try {
    await admin.query('BEGIN');
    for (let i = 0; i < rows.length; i += 1_000) {
      const chunk = rows.slice(i, i + 1_000);
      const values = chunk.map((_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`).join(', ');
      await admin.query(`INSERT INTO claimtag.annotations (${COLUMNS.join(', ')}) VALUES ${values}`, chunk.flat());
    }
    await admin.query('COMMIT');
  } finally {
    await admin.end();
  }
}

export async function run() {
  const f = new Figures('team');
  const team = await startTeam([{ role: 'dana', name: 'Dana Okoro' }]);
  try {
    const pushers = ['alice', 'bilal', 'carol'].map((r) => team.analysts[r]);
    for (const a of [...pushers, team.analysts.dana]) await a.join();
    pushers.forEach((a, i) => tag(a, 500 + i));

    const pushTimes: number[] = [];
    for (const a of pushers) {
      const t0 = performance.now();
      const report = await a.sync({ only: 'push' });
      pushTimes.push(performance.now() - t0);
      if (report.pushed !== PER_ANALYST) throw new Error(`pushed ${report.pushed}, expected ${PER_ANALYST}`);
    }
    const copyTimes: number[] = [];
    const insertTimes: number[] = [];
    for (let r = 0; r < 3; r++) {
      const copyRows = await rawRows(team, `copy-${r}`);
      let t0 = performance.now();
      await copyWithPsql(team, copyRows);
      copyTimes.push(performance.now() - t0);
      const insertRows = await rawRows(team, `insert-${r}`);
      t0 = performance.now();
      await insertRaw(team, insertRows);
      insertTimes.push(performance.now() - t0);
    }
    const admin = await team.admin();
    await admin.query("DELETE FROM claimtag.annotations WHERE owner = 'raw'");

    // Pull: a fresh library for Dana each run receives the three colleagues' 30,000 rows.
    const pullTimes: number[] = [];
    for (let r = 0; r < PULL_RUNS; r++) {
      const dana = team.openLibrary('dana', path.join(team.dir, `dana-${r}.sqlite`));
      dana.services.setAnnotatorName({ name: 'Dana Okoro' });
      await dana.join();
      const t0 = performance.now();
      const report = await dana.sync();
      pullTimes.push(performance.now() - t0);
      if (report.pulled !== 3 * PER_ANALYST) throw new Error(`pulled ${report.pulled}, expected ${3 * PER_ANALYST}`);
    }
    // Baseline: the same rows read raw and written raw into a fresh library.
    const rawPullTimes: number[] = [];
    for (let r = 0; r < PULL_RUNS; r++) {
      const db = openDatabase(path.join(team.dir, `raw-${r}.sqlite`));
      const t0 = performance.now();
      const rows = (await admin.query("SELECT id, annotator_id, label_id, start_offset, end_offset, quote, prefix, suffix, note, created_at, updated_at FROM claimtag.annotations WHERE owner <> 'dana' ORDER BY version")).rows;
      db.exec("INSERT INTO documents (id, title, text, sha256, blocks, created_at) VALUES ('d', 't', 'x', 'h', '[]', 'x'); INSERT INTO annotators (id, name, created_at) VALUES ('u', 'u', 'x')");
      const insert = db.prepare(
        "INSERT INTO annotations (id, document_id, annotator_id, label_id, start_offset, end_offset, quote, prefix, suffix, note, created_at, updated_at) VALUES (?, 'd', 'u', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      );
      db.transaction(() => rows.forEach((x) => insert.run(x.id, x.label_id, x.start_offset, x.end_offset, x.quote, x.prefix, x.suffix, x.note, x.created_at, x.updated_at)))();
      rawPullTimes.push(performance.now() - t0);
      db.close();
    }
    await admin.end();

    f.baseline('push10k.copy', 'Raw psql COPY of 10,000 rows into claimtag.annotations (admin, no RLS)', copyTimes);
    f.baseline('push10k.insert', 'Raw multi-row INSERT of 10,000 rows (admin, 1,000 per statement, one transaction)', insertTimes);
    f.add('push10k', 'Push 10,000 annotations (claimtag sync: outbox → RLS-checked upserts, one analyst per run)', pushTimes, {
      baseline: 'push10k.copy',
      note: `median ${Math.round(PER_ANALYST / (median(pushTimes) / 1000))} rows/s`,
    });
    f.baseline('pull30k.raw', 'Raw SELECT of 30,000 rows + raw SQLite inserts in one transaction', rawPullTimes);
    f.add('pull30k', 'Pull 30,000 annotations of three colleagues into a fresh library (claimtag sync)', pullTimes, {
      baseline: 'pull30k.raw',
      note: `median ${Math.round((3 * PER_ANALYST) / (median(pullTimes) / 1000))} rows/s`,
    });
    return { figures: f.list, details: { pushTimes, copyTimes, insertTimes, pullTimes, rawPullTimes } };
  } finally {
    team.destroy();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
