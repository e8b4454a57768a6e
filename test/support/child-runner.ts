// For tests that kill child processes: start a TypeScript child fast, many times over.
import { createRequire } from 'node:module';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * The node arguments that run `entry`. Children are restarted dozens of times, so their
 * start-up is most of such a test's time: bundling the entry once with the esbuild that tsx
 * runs on cuts a start from ~1 s to ~0.2 s. If esbuild cannot be found, the child runs
 * through tsx as it is. Run the result with `childEnv()` so better-sqlite3 resolves.
 */
export function childCommand(entry: string, outfile: string): string[] {
  try {
    const fromTsx = createRequire(path.join(REPO_ROOT, 'node_modules', 'tsx', 'package.json'));
    const esbuild = fromTsx('esbuild') as { buildSync(options: Record<string, unknown>): unknown };
    esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], outfile, logLevel: 'error' });
    return [outfile];
  } catch {
    return ['--import', 'tsx', entry];
  }
}

export const childEnv = (): NodeJS.ProcessEnv => ({ ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') });
