// Builds the `claimtag` command: src/cli/bin.ts and everything it imports (every command under
// src/cli, the core services) bundled by esbuild into out/cli/claimtag.js, plus the import
// worker beside it (run-import-worker.ts looks for ./import-worker.js next to the bundle). No TypeScript
// compiler runs when the command does. better-sqlite3 stays external: it is a native addon.
// src/cli/main.ts loads each command with import(): esbuild keeps those modules in the one
// CommonJS file but runs their code (zod schemas, the store, the exporters) only when the
// command is called, so `claimtag --help` evaluates almost nothing (bench section `cli`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT_DIR = path.join(root, 'out', 'cli');

export async function buildCli() {
  fs.rmSync(CLI_OUT_DIR, { recursive: true, force: true }); // no stale entry survives a rename
  await build({
    absWorkingDir: root,
    entryPoints: { claimtag: 'src/cli/bin.ts', 'import-worker': 'src/core/import/import-worker.ts' },
    outdir: CLI_OUT_DIR,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['better-sqlite3'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();

/** vitest globalSetup: the CLI tests spawn bin/claimtag.mjs, which runs the bundle. */
export default buildCli;
