// A team of three on a private PostgreSQL cluster, each with a real library file: the setting of
// the team-mode tests and bench. Alice and Bilal annotate; Carol annotates and adjudicates.
import path from 'node:path';
import pg from 'pg';
import { createServices } from '../../src/core/api/services';
import { Library } from '../../src/core/store/library';
import { initTeamServer, type InitResult } from '../../src/core/team/admin';
import { parseServerUrl } from '../../src/core/team/connection';
import { joinTeam, syncTeam, type SyncOptions } from '../../src/core/team/sync';
import type { ApiServices } from '../../src/shared/contract';
import type { Block } from '../../src/shared/types';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { makeTempDir } from './temp-library';

export const STUDY = 'Election claims 2026';
export const TEAM = [
  { role: 'alice', name: 'Alice Martin' },
  { role: 'bilal', name: 'Bilal Ahmed' },
  { role: 'carol', name: 'Carol Diaz', adjudicator: true },
] as const;
export type Who = string;
export interface MemberSeed {
  role: string;
  name: string;
  adjudicator?: boolean;
}

export interface Analyst {
  role: Who;
  name: string;
  password: string;
  url: string;
  file: string;
  library: Library;
  services: ApiServices;
  sync(options?: SyncOptions): ReturnType<typeof syncTeam>;
  join(): ReturnType<typeof joinTeam>;
  /** A raw connection as this analyst's own role, for trying what the server allows. */
  raw(): Promise<pg.Client>;
}

export interface TeamFixture {
  cluster: PgCluster;
  init: InitResult;
  dir: string;
  analysts: Record<string, Analyst>;
  admin(): Promise<pg.Client>;
  /** A fresh library for `who` (e.g. after a crash test), already holding nothing. */
  openLibrary(who: Who, file: string): Analyst;
  destroy(): void;
}

export const paragraphs = (text: string): Block[] => [{ kind: 'paragraph', start: 0, end: text.length }];

/** The cluster, the study and one library per member (TEAM, plus `extra` members). */
export async function startTeam(extra: MemberSeed[] = []): Promise<TeamFixture> {
  const members: MemberSeed[] = [...TEAM, ...extra];
  const cluster = await startPgCluster();
  const tmp = makeTempDir('claimtag-team-');
  const libraries: Library[] = [];
  try {
    const { address, password } = parseServerUrl(cluster.adminUrl);
    const init = await initTeamServer(address, password, { study: STUDY, members: members.map((m) => ({ ...m })) });
    const passwords = new Map(init.created.map((c) => [c.role, c.password]));
    const openLibrary = (who: Who, file: string): Analyst => {
      const member = members.find((m) => m.role === who)!;
      const library = Library.open(file);
      libraries.push(library);
      const services = createServices({ library, dataDir: path.dirname(file), loadSample: () => ({ title: 'Sample', source: '', text: 'Sample.', blocks: paragraphs('Sample.') }) });
      const pw = passwords.get(who)!;
      const url = cluster.urlFor(who, pw);
      const parsed = parseServerUrl(url);
      return {
        role: who,
        name: member.name,
        password: pw,
        url,
        file,
        library,
        services,
        sync: (options) => syncTeam(library, parsed.address, parsed.password, options),
        join: () => joinTeam(library, parsed.address, parsed.password, STUDY),
        raw: async () => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          return client;
        },
      };
    };
    const analysts = Object.fromEntries(
      members.map((m) => {
        const a = openLibrary(m.role, path.join(tmp.dir, `${m.role}.sqlite`));
        a.services.setAnnotatorName({ name: m.name });
        return [m.role, a];
      }),
    ) as Record<string, Analyst>;
    return {
      cluster,
      init,
      dir: tmp.dir,
      analysts,
      openLibrary,
      admin: async () => {
        const client = new pg.Client({ connectionString: cluster.adminUrl });
        await client.connect();
        return client;
      },
      destroy: () => {
        libraries.forEach((l) => l.close());
        cluster.destroy();
        tmp.cleanup();
      },
    };
  } catch (err) {
    libraries.forEach((l) => l.close());
    cluster.destroy();
    tmp.cleanup();
    throw err;
  }
}
