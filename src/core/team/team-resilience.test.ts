// Team mode when things go wrong, against a real PostgreSQL cluster: the server stopped in the
// middle of a push and started again, a client killed (SIGKILL) in the middle of a push and of
// a pull. Afterwards: every row exactly once on the server and in the libraries, nothing queued.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, REPO_ROOT } from '../../../test/support/child-runner';
import { paragraphs, startTeam, STUDY as STUDY_NAME, type Analyst, type TeamFixture } from '../../../test/support/team-fixture';
import { LocalTeam } from './local-team';

const CHILD = path.join(REPO_ROOT, 'test/support/team-sync-child.ts');
const TEXT = Array.from({ length: 400 }, (_, i) => `Claim ${i} is stated here.`).join(' ');

let team: TeamFixture;
beforeAll(async () => {
  team = await startTeam();
  for (const a of Object.values(team.analysts)) await a.join();
}, 60_000);
afterAll(() => team?.destroy());

/** `count` annotations by `a` on the shared article, written straight into its library. */
function tagMany(a: Analyst, count: number): string[] {
  const doc = a.library.documents.add({ title: 'Claims', source: '', text: TEXT, blocks: paragraphs(TEXT) }).document.id;
  const me = new LocalTeam(a.library).requireLink().annotatorId;
  const ids: string[] = [];
  a.library.transaction(() => {
    for (let i = 0; i < count; i++) {
      const start = TEXT.indexOf(`Claim ${i % 400} `);
      ids.push(a.library.annotations.add({ documentId: doc, annotatorId: me, labelId: ['fact', 'opinion', 'allegation'][i % 3], start, end: start + 9 + (i % 5) }, TEXT).id);
    }
  });
  return ids;
}

async function serverRows(owner: string): Promise<Array<{ id: string; revision: string }>> {
  const admin = await team.admin();
  try {
    return (await admin.query('SELECT id, revision FROM claimtag.annotations WHERE owner = $1 ORDER BY id', [owner])).rows;
  } finally {
    await admin.end();
  }
}

/** Runs the sync child, SIGKILLs it when a progress line matches `killAt`; resolves with its output. */
function syncChildKilled(a: Analyst, killAt: RegExp, batches: [number, number]): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, a.file, a.url, String(batches[0]), String(batches[1])], { cwd: REPO_ROOT, env: childEnv() });
    let output = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && killAt.test(output)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve({ killed, output }));
  });
}

describe('the server stops in the middle of a push', () => {
  it('the push fails as "unreachable", keeps the rest queued, and after a restart sends it: no duplicate, no loss', async () => {
    const alice = team.analysts.alice;
    const ids = tagMany(alice, 3_000);
    let stopped = false;
    const failed = await alice
      .sync({
        pushBatch: 500,
        onProgress: (p) => {
          if (p.phase === 'push' && !stopped) {
            stopped = true;
            team.cluster.stop('immediate');
          }
        },
      })
      .catch((err: unknown) => err);
    expect(failed).toMatchObject({ error: { code: 'unreachable' } });
    const local = new LocalTeam(alice.library);
    expect(local.queuedCount()).toBe(2_500);
    expect(local.lastError()).toMatchObject({ code: 'unreachable' });

    // Offline, she keeps working (on a row the server already has); it queues.
    await alice.services.updateAnnotation({ id: ids[0], note: 'checked while the server was down' });
    expect(local.queuedCount()).toBe(2_501);
    team.cluster.start();
    const report = await alice.sync();
    expect(report.pushed).toBe(2_501);
    expect(local.queuedCount()).toBe(0);
    expect(local.lastError()).toBeNull();
    const rows = await serverRows('alice');
    expect(rows.map((r) => r.id)).toEqual([...ids].sort());
    expect(rows.find((r) => r.id === ids[0])!.revision).toBe('2');
  }, 120_000);
});

describe('the server stops inside a transaction', () => {
  it('whatever moment the stop lands, the next sync after the restart leaves each row once on the server and nothing queued', async () => {
    const alice = team.analysts.alice;
    const ids = tagMany(alice, 4_000);
    const all = new Set([...(await serverRows('alice')).map((r) => r.id), ...ids]);
    // One big batch, and the stop is fired from outside while it is in flight.
    const syncing = alice.sync({ pushBatch: 4_000 }).catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 150));
    team.cluster.stop('immediate');
    const outcome = await syncing;
    team.cluster.start();
    const report = await alice.sync();
    const local = new LocalTeam(alice.library);
    expect(local.queuedCount()).toBe(0);
    expect(report.refused).toEqual([]);
    const rows = await serverRows('alice');
    expect(new Set(rows.map((r) => r.id))).toEqual(all);
    expect(rows).toHaveLength(all.size);
    // Either the stop cut the push (reported as unreachable) or it came after the commit.
    if (outcome instanceof Error || (outcome as { error?: unknown }).error) expect(outcome).toMatchObject({ error: { code: 'unreachable' } });
  }, 120_000);
});

describe('a client killed with SIGKILL in the middle of a sync', () => {
  it('mid-push: the next sync resends what may be missing, and the server holds each row once', async () => {
    const bilal = team.analysts.bilal;
    const ids = tagMany(bilal, 2_000);
    bilal.library.close();
    const run = await syncChildKilled(bilal, /^push (?:[4-9]\d\d|\d{4,}) /m, [100, 500]);
    expect(run.killed, run.output).toBe(true);
    const reopened = team.openLibrary('bilal', bilal.file);
    const local = new LocalTeam(reopened.library);
    const queued = local.queuedCount();
    expect(queued).toBeGreaterThan(0);
    expect(queued).toBeLessThan(2_000);
    const report = await reopened.sync();
    expect(report.pushed).toBe(queued);
    expect(local.queuedCount()).toBe(0);
    expect((await serverRows('bilal')).map((r) => r.id)).toEqual([...ids].sort());
    expect((await serverRows('bilal')).every((r) => r.revision === '1')).toBe(true);
    team.analysts.bilal = reopened;
  }, 120_000);

  it('mid-pull: the next sync goes on from the last batch applied; every row arrives once', async () => {
    const carol = team.analysts.carol;
    carol.library.close();
    const run = await syncChildKilled(carol, /^pull (?:[2-9]\d\d|\d{4,}) /m, [500, 200]);
    expect(run.killed, run.output).toBe(true);
    const reopened = team.openLibrary('carol', carol.file);
    const local = new LocalTeam(reopened.library);
    const halfway = local.pulledVersion();
    expect(halfway).toBeGreaterThan(0);
    await reopened.sync();
    const doc = reopened.library.documents.list().find((d) => d.title === 'Claims')!;
    const byAuthor = new Map<string, number>();
    for (const a of reopened.library.annotations.listForDocument(doc.id)) byAuthor.set(a.annotatorName, (byAuthor.get(a.annotatorName) ?? 0) + 1);
    // Every colleague's row on the server (all on this article), exactly once.
    expect(Object.fromEntries(byAuthor)).toEqual({ 'Alice Martin': (await serverRows('alice')).length, 'Bilal Ahmed': 2_000 });
    expect(byAuthor.get('Alice Martin')).toBeGreaterThanOrEqual(3_000);
    expect(local.pulledVersion()).toBeGreaterThan(halfway);
    const ids = reopened.library.db.prepare('SELECT count(*) AS n, count(DISTINCT id) AS d FROM annotations').get() as { n: number; d: number };
    expect(ids.n).toBe(ids.d);
  }, 120_000);
});

describe('the app syncs by itself', () => {
  it('changes queued while the server is down go by themselves when it is back', async () => {
    const { createTeamServices } = await import('../api/team-services');
    const { headlessPorts } = await import('../api/host-ports');
    const alice = team.analysts.alice;
    const services = createTeamServices(alice.library, headlessPorts, undefined, 200);
    const waitFor = async (what: () => Promise<boolean>) => {
      for (let i = 0; i < 150; i++) {
        if (await what()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('timed out');
    };
    await services.joinTeam({ url: alice.url, study: STUDY_NAME });
    await waitFor(async () => (await services.getTeamStatus({})).syncing === null);

    team.cluster.stop('fast');
    const doc = alice.library.documents.list().find((d) => d.title === 'Claims')!;
    const me = new LocalTeam(alice.library).requireLink().annotatorId;
    const added = alice.library.annotations.add({ documentId: doc.id, annotatorId: me, labelId: 'fact', start: 0, end: 5 }, TEXT);
    await waitFor(async () => (await services.getTeamStatus({})).lastError?.code === 'unreachable');
    expect((await services.getTeamStatus({})).queued).toBe(1);

    team.cluster.start();
    await waitFor(async () => {
      const s = await services.getTeamStatus({});
      return s.queued === 0 && s.lastError === null && s.syncing === null;
    });
    expect((await serverRows('alice')).some((r) => r.id === added.id)).toBe(true);
    alice.library.close(); // stops its timer
  }, 60_000);
});

describe('versions under concurrent writers', () => {
  it('a colleague pulling while two others push in many small transactions misses no row', async () => {
    // Fresh libraries for Bilal and Carol (earlier tests closed theirs) and a reader: Alice's.
    const bilal = team.openLibrary('bilal', team.analysts.bilal.file);
    const carol = team.openLibrary('carol', team.analysts.carol.file);
    const reader = team.openLibrary('alice', path.join(team.dir, 'alice-reader.sqlite'));
    reader.services.setAnnotatorName({ name: 'Alice Martin' });
    await reader.join();
    await reader.sync();
    const before = (reader.library.db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n;
    const added = [...tagMany(bilal, 600), ...tagMany(carol, 600)];
    let pushing = true;
    const pushes = Promise.all([bilal.sync({ pushBatch: 7, only: 'push' }), carol.sync({ pushBatch: 11, only: 'push' })]).finally(() => (pushing = false));
    let pulls = 0;
    while (pushing) {
      await reader.sync({ only: 'pull', pullBatch: 13 });
      pulls++;
    }
    await pushes;
    await reader.sync({ only: 'pull' });
    const after = (reader.library.db.prepare('SELECT count(*) AS n FROM annotations').get() as { n: number }).n;
    expect(pulls).toBeGreaterThan(1);
    expect(after - before).toBe(added.length);
  }, 120_000);
});

describe('versions are visible in increasing order', () => {
  it('a change committed later never carries a lower version than one a colleague has already pulled', async () => {
    const { upsertAnnotations } = await import('./sync');
    const admin = await team.admin();
    const template = async (owner: string) => {
      const r = (await admin.query('SELECT * FROM claimtag.annotations WHERE owner = $1 LIMIT 1', [owner])).rows[0];
      delete r.version;
      return { ...r, id: `order-${owner}-${Math.random().toString(36).slice(2)}`, revision: 1 };
    };
    const [bilalRow, carolRow] = [await template('bilal'), await template('carol')];
    await admin.end();
    const bilal = await team.analysts.bilal.raw();
    const carol = await team.analysts.carol.raw();
    const reader = team.openLibrary('alice', path.join(team.dir, 'alice-order.sqlite'));
    try {
      reader.services.setAnnotatorName({ name: 'Alice Martin' });
      await reader.join();
      await reader.sync();
      await bilal.query('BEGIN');
      await upsertAnnotations(bilal, [bilalRow]); // versioned, not yet committed
      // Carol writes meanwhile: she waits for Bilal's transaction, so her version is higher and visible after his.
      const carolDone = upsertAnnotations(carol, [carolRow]);
      await new Promise((r) => setTimeout(r, 300));
      await reader.sync({ only: 'pull' });
      await bilal.query('COMMIT');
      await carolDone;
      await reader.sync({ only: 'pull' });
      expect(reader.library.annotations.exists(bilalRow.id)).toBe(true);
      expect(reader.library.annotations.exists(carolRow.id)).toBe(true);
    } finally {
      await bilal.end();
      await carol.end();
    }
  }, 60_000);
});
