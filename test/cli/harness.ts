// Helpers for the CLI tests: the real installed entry point (spawned), and runCli in-process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../src/cli/main';

export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'bin/claimtag.mjs');
export const SAMPLE = path.join(REPO, 'resources/pakistan-afghanistan-ties.txt');

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** `node bin/claimtag.mjs ARGS` with only the given variables added to a minimal environment. */
export function spawnCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** runCli with captured output; the environment has only what is passed. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Row counts of every table in a library file, read without the app's code. */
export function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = ['documents', 'annotators', 'labels', 'annotations'];
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}
