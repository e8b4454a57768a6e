// `claimtag team init|join|sync|status` end to end on a real private PostgreSQL cluster:
// an administrator sets the study up, two analysts join from their own library files (imported
// with `claimtag import`), tag, sync, and read the status; bad addresses change nothing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpFile } from '../../../test/support/db-helpers';
import { Library } from '../../core/store/library';
import { LocalTeam } from '../../core/team/local-team';
import { startPgCluster, type PgCluster } from '../../../test/support/pg-cluster';
import { makeTempDir } from '../../../test/support/temp-library';
import { cli, SAMPLE } from '../../../test/cli/harness';

let cluster: PgCluster;
let tmp: ReturnType<typeof makeTempDir>;
beforeAll(async () => {
  cluster = await startPgCluster();
  tmp = makeTempDir('claimtag-team-cli-');
}, 60_000);
afterAll(() => {
  cluster?.destroy();
  tmp?.cleanup();
});

const passwords = new Map<string, string>();
const db = (who: string) => path.join(tmp.dir, `${who}.sqlite`);
const url = (who: string) => `postgres://${who}@127.0.0.1:${cluster.port}/claimtag`;

describe('claimtag team', () => {
  it('init creates the schema, the study and one login per analyst, and is safe to run again', async () => {
    const args = ['team', 'init', `postgres://claimtag_admin@127.0.0.1:${cluster.port}/claimtag`, '--study', 'Desk checks', '--member', 'alice:Alice Martin', '--member', 'bilal:Bilal Ahmed', '--adjudicator', 'alice'];
    const first = await cli(args, { PGPASSWORD: cluster.adminPassword });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Study "Desk checks" has 2 members: Alice Martin (alice, adjudicator), Bilal Ahmed (bilal).');
    for (const m of first.out.matchAll(/^ {2}(alice|bilal) {2}(\S+)$/gm)) passwords.set(m[1], m[2]);
    expect([...passwords.keys()].sort()).toEqual(['alice', 'bilal']);
    const again = await cli(args, { PGPASSWORD: cluster.adminPassword });
    expect(again.code).toBe(0);
    expect(again.out).toContain('already up to date');
    expect(again.out).not.toContain('New logins');
  });

  it('join, sync and status: two analysts see each other’s work', async () => {
    for (const who of ['alice', 'bilal']) {
      expect((await cli(['import', '--db', db(who), SAMPLE])).code).toBe(0);
      const lib = Library.open(db(who));
      try {
        lib.annotators.add(who === 'alice' ? 'Alice Martin' : 'Bilal Ahmed', `${who}-local-id`);
        lib.settings.set('current-annotator', `${who}-local-id`);
      } finally {
        lib.close();
      }
      const joined = await cli(['team', 'join', url(who), '--study', 'Desk checks', '--db', db(who)], { CLAIMTAG_TEAM_PASSWORD: passwords.get(who)! });
      expect(joined.err).toBe('');
      expect(joined.out).toMatch(/^Joined "Desk checks" as (Alice Martin|Bilal Ahmed); 0 annotations of yours queued/);
      const lib2 = Library.open(db(who));
      try {
        const [doc] = lib2.documents.list();
        lib2.annotations.add({ documentId: doc.id, annotatorId: `${who}-local-id`, labelId: who === 'alice' ? 'fact' : 'opinion', start: 0, end: 10 }, lib2.documents.textOf(doc.id));
      } finally {
        lib2.close();
      }
    }
    const status = await cli(['team', 'status', '--db', db('alice')]);
    expect(status.out).toContain('Queued:   1 change');
    expect(status.out).not.toContain('Queued:   1 changes');
    expect(status.out).toContain('Last sync: never');
    for (const who of ['alice', 'bilal', 'alice']) {
      const synced = await cli(['team', 'sync', '--db', db(who)], { CLAIMTAG_TEAM_PASSWORD: passwords.get(who)! });
      expect(synced.code, synced.err).toBe(0);
    }
    const json = JSON.parse((await cli(['team', 'status', '--db', db('alice'), '--format', 'json'])).out);
    expect(json).toMatchObject({ study: 'Desk checks', role: 'alice', adjudicator: true, queued: 0, refused: [], lastError: null });
    expect(json.members.map((m: { name: string; me: boolean }) => `${m.name}${m.me ? '*' : ''}`)).toEqual(['Alice Martin*', 'Bilal Ahmed']);
    const listed = await cli(['list', '--db', db('alice'), '--format', 'json']);
    expect(JSON.parse(listed.out)[0].annotations).toEqual({ 'Alice Martin': { fact: 1 }, 'Bilal Ahmed': { opinion: 1 } });
  });

  it('a wrong password, a server that is down, and an unencrypted remote address are told apart; the library is unchanged', async () => {
    const before = dumpFile(db('bilal'));
    const wrong = await cli(['team', 'sync', '--db', db('bilal')], { CLAIMTAG_TEAM_PASSWORD: 'not-it' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('did not accept the user name or password');
    const remote = await cli(['team', 'join', 'postgres://bilal@team.example.org/claimtag?sslmode=disable', '--study', 'Desk checks', '--db', db('bilal')]);
    expect(remote.code).toBe(1);
    expect(remote.err).toContain('must be encrypted');
    const after = dumpFile(db('bilal'));
    // A failed sync records its reason for the status (and nothing else).
    expect(new Set(Object.keys(after))).toEqual(new Set(Object.keys(before)));
    const withoutSettings = (d: Record<string, unknown[]>) => ({ ...d, settings: undefined });
    expect(withoutSettings(after)).toEqual(withoutSettings(before));

    cluster.stop('fast');
    try {
      const down = await cli(['team', 'sync', '--db', db('bilal')], { CLAIMTAG_TEAM_PASSWORD: passwords.get('bilal')! });
      expect(down.code).toBe(1);
      expect(down.err).toContain('cannot be reached');
      const status = await cli(['team', 'status', '--db', db('bilal')]);
      expect(status.code).toBe(0);
      expect(status.out).toContain('Problem:  The team server cannot be reached');
      const lib = Library.open(db('bilal'));
      try {
        expect(new LocalTeam(lib).lastError()).toMatchObject({ code: 'unreachable' });
      } finally {
        lib.close();
      }
    } finally {
      cluster.start();
    }
  });

  it('usage mistakes exit 2 with a pointer to help', async () => {
    expect((await cli(['team'])).code).toBe(2);
    expect((await cli(['team', 'fly'])).err).toContain('unknown team action "fly"');
    expect((await cli(['team', 'init', 'postgres://a@h/d', '--study', 'S', '--member', 'nocolon'])).err).toContain('--member takes ROLE:NAME');
  });
});
