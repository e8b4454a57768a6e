// Where the team server is and how we talk to it: a postgres:// address checked where it enters
// (TLS is required unless the host is this machine), the password kept apart from the address
// (the address is stored in the library, the password never is), and PostgreSQL's errors turned
// into AppFailures told apart by code.
import pg from 'pg';
import { AppFailure } from '../../shared/result';

export interface ServerAddress {
  host: string;
  port: number;
  database: string;
  role: string;
  /** TLS with certificate checks; false only for a loopback host. */
  tls: boolean;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;
export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

/**
 * Parses `postgres://role[:password]@host[:port]/database[?sslmode=…]`. The password, if any,
 * is returned apart, to be kept with the credentials and never written down with the address.
 */
export function parseServerUrl(raw: string): { address: ServerAddress; password: string | null } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppFailure({ code: 'invalid-input', message: 'That is not a server address. Write it like postgres://alice@team.example.org/claimtag.' });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new AppFailure({ code: 'invalid-input', message: 'A team server address starts with postgres://.' });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const role = decodeURIComponent(url.username);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!host) throw new AppFailure({ code: 'invalid-input', message: 'The server address has no host name.' });
  if (!role) throw new AppFailure({ code: 'invalid-input', message: 'The server address has no user name (postgres://NAME@host/database).' });
  if (!database) throw new AppFailure({ code: 'invalid-input', message: 'The server address names no database (postgres://name@host/DATABASE).' });
  const port = url.port ? Number(url.port) : 5432;
  const sslmode = url.searchParams.get('sslmode');
  const loopback = isLoopback(host);
  if (!loopback && (sslmode === 'disable' || sslmode === 'allow' || sslmode === 'prefer')) {
    throw new AppFailure({
      code: 'invalid-input',
      message: `The server ${host} is not on this machine, so the connection must be encrypted: remove sslmode=${sslmode} from the address.`,
    });
  }
  const tls = !loopback || sslmode === 'require' || sslmode === 'verify-ca' || sslmode === 'verify-full';
  return { address: { host, port, database, role, tls }, password: url.password ? decodeURIComponent(url.password) : null };
}

/** The address as shown and stored: never with a password. */
export function formatServerUrl(a: ServerAddress): string {
  const host = a.host.includes(':') ? `[${a.host}]` : a.host;
  return `postgres://${encodeURIComponent(a.role)}@${host}${a.port === 5432 ? '' : `:${a.port}`}/${encodeURIComponent(a.database)}`;
}

export async function connect(address: ServerAddress, password: string | null): Promise<pg.Client> {
  const client = new pg.Client({
    host: address.host,
    port: address.port,
    database: address.database,
    user: address.role,
    password: password ?? undefined,
    ssl: address.tls ? { rejectUnauthorized: true, servername: isLoopback(address.host) ? undefined : address.host } : false,
    connectionTimeoutMillis: 10_000,
    application_name: 'claimtag',
  });
  // A connection that drops while idle must not crash the process: the next query reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw serverFailure(err, address);
  }
  return client;
}

/** PostgreSQL's SQLSTATE of an error, when it came from the server. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** An AppFailure in plain words for anything a server call threw. */
export function serverFailure(err: unknown, address?: ServerAddress): AppFailure {
  if (err instanceof AppFailure) return err;
  const where = address ? ` (${address.host}:${address.port})` : '';
  const state = sqlState(err);
  if (state === undefined) {
    return new AppFailure({
      code: 'unreachable',
      message: `The team server cannot be reached${where}. Nothing is lost: your changes wait in this library until it can be.`,
      details: [err instanceof Error ? err.message : String(err)],
    });
  }
  if (state === '28P01' || state === '28000') {
    return new AppFailure({ code: 'refused', message: `The team server did not accept the user name or password${where}.` });
  }
  if (state === '3D000') return new AppFailure({ code: 'not-found', message: `The team server has no such database${where}.` });
  if (state === '42501') return new AppFailure({ code: 'refused', message: 'The server refused the change: you are not allowed to make it.' });
  if (state.startsWith('08') || state.startsWith('57P') || state === '53300') {
    return new AppFailure({ code: 'unreachable', message: `The team server is not available right now${where}. Nothing is lost: your changes wait in this library until it is.` });
  }
  if (state === '42P01' || state === '3F000') {
    return new AppFailure({ code: 'not-found', message: 'This database is not set up as a claimtag team server: run `claimtag team init` as its administrator first.' });
  }
  return new AppFailure({ code: 'internal', message: `The team server reported a problem (${state}).`, details: [err instanceof Error ? err.message : String(err)] });
}
