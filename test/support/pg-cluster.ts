// A private PostgreSQL cluster for tests and benches: initdb in a temp folder, a free loopback
// port, started and stopped with pg_ctl. PostgreSQL refuses to run as root, so when we are root
// the cluster runs as the system user CLAIMTAG_PG_USER (default "claimtag-pg", created with
// useradd when missing: a user without a home or shell, owning only the temp folder). Never a mock:
// the tests' point is that PostgreSQL's own roles and row-level security refuse what they must.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CLUSTER_USER = process.env.CLAIMTAG_PG_USER ?? 'claimtag-pg';
export const ADMIN_ROLE = 'claimtag_admin';
const INSTALL_HINT =
  'PostgreSQL server binaries (initdb, pg_ctl, postgres) are needed for the team-mode tests and were not found. ' +
  'Install them with `apt-get install postgresql` (Debian/Ubuntu; .ci/run does this), or point CLAIMTAG_PG_BIN at the folder holding initdb.';

export interface PgCluster {
  port: number;
  dir: string;
  adminPassword: string;
  /** postgres://claimtag_admin:…@127.0.0.1:port/claimtag */
  adminUrl: string;
  /** A URL for `role` with `password` on this cluster's database. */
  urlFor(role: string, password: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** Stops the server and removes the folder. Safe to call twice. */
  destroy(): void;
}

/** The folder with initdb and pg_ctl: $CLAIMTAG_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function findPgBin(): string {
  const candidates = process.env.CLAIMTAG_PG_BIN
    ? [process.env.CLAIMTAG_PG_BIN]
    : (fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql') : [])
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`);
  const found = candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(dir, b))));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function ensureClusterUser(): void {
  if (!isRoot()) return;
  if (spawnSync('id', ['-u', CLUSTER_USER]).status === 0) return;
  execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', CLUSTER_USER], { stdio: 'pipe' });
}

/** Runs a PostgreSQL binary as the cluster's user (as ourselves when we are not root). */
function runAs(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', CLUSTER_USER, '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error ?? '')).slice(-2000)}`);
}

const live = new Set<PgCluster>();
let exitHookInstalled = false;

/** Starts a fresh cluster; call destroy() in afterAll (also done at process exit, as a last resort). */
export async function startPgCluster(prefix = 'claimtag-pg-'): Promise<PgCluster> {
  const bin = findPgBin();
  ensureClusterUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const data = path.join(dir, 'data');
  const adminPassword = `admin-${Math.random().toString(36).slice(2)}`;
  const pwfile = path.join(dir, 'pw');
  fs.writeFileSync(pwfile, adminPassword, { mode: 0o600 });
  if (isRoot()) {
    execFileSync('chown', ['-R', CLUSTER_USER, dir]);
    fs.chmodSync(dir, 0o700);
  }
  let port = 0;
  const cluster: PgCluster = {
    port: 0,
    dir,
    adminPassword,
    adminUrl: '',
    urlFor: (role, password) => `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@127.0.0.1:${port}/claimtag`,
    start: () => runAs(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']),
    stop: (mode = 'fast') => runAs(path.join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']),
    destroy: () => {
      if (!live.delete(cluster)) return;
      try {
        cluster.stop('immediate');
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  live.add(cluster);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => [...live].forEach((c) => c.destroy()));
  }
  try {
    runAs(path.join(bin, 'initdb'), ['-D', data, '-U', ADMIN_ROLE, '--pwfile', pwfile, '-A', 'scram-sha-256', '--auth-local', 'trust', '-E', 'UTF8', '--locale', 'C', '--no-sync', '--no-instructions']);
    fs.rmSync(pwfile);
    // fsync off is safe for a test (a killed server's WAL is still in the OS cache); synchronous
    // commit is NOT turned off: an immediate stop would then lose commits already acknowledged,
    // which the "server stopped mid-push" test would (rightly) report as lost rows.
    fs.appendFileSync(
      path.join(data, 'postgresql.conf'),
      `\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nfsync = off\nfull_page_writes = off\nmax_connections = 60\nshared_buffers = 32MB\n`,
    );
    // A port found free may be taken by another test's cluster before ours binds it: try again.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      cluster.port = port;
      cluster.adminUrl = cluster.urlFor(ADMIN_ROLE, adminPassword);
      fs.appendFileSync(path.join(data, 'postgresql.conf'), `port = ${port}\n`); // the last setting wins
      try {
        cluster.start();
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    runAs(path.join(bin, 'psql'), ['-h', dir, '-p', String(port), '-U', ADMIN_ROLE, '-d', 'postgres', '-q', '-c', 'CREATE DATABASE claimtag']);
    return cluster;
  } catch (err) {
    cluster.destroy();
    throw err;
  }
}
