import { EXPORT_FORMAT_IDS, EXPORT_FORMATS } from '../shared/export-formats';
import { AppFailure } from '../shared/result';
import type { CliIo } from './cli-io';
import { terminalSafe } from './terminal-text';
import { UsageError } from './usage-error';

const formatsOf = (kind: 'report' | 'data') => EXPORT_FORMAT_IDS.filter((id) => EXPORT_FORMATS[id].kind === kind).join(', ');

const HELP = `claimtag — tag claims in news articles as fact, opinion or allegation.

Usage: claimtag <command> [options]

Commands:
  import   add articles and merge annotation files into a library
  export   write reports (${formatsOf('report')}) and data (${formatsOf('data')})
  list     show the library's documents and annotation counts
  agree    measure agreement between annotators (per document, or pooled with --corpus)
  study    annotation studies: create, assign, progress, quality, diagnosis, report
  backup   take a verified backup of the library (--list shows them)
  restore  replace the library with a verified backup (the current file is kept aside)
  team     share a study through a PostgreSQL server: init, join, sync, status

Run \`claimtag <command> --help\` for a command's options.
Without --db, commands use the app's own library (or $CLAIMTAG_DATA_DIR).`;

type CommandRun = (args: string[], io: CliIo) => number | Promise<number>;

// Each command's module (and what it needs: the store, zod, the exporters) loads only when that
// command runs, so `claimtag --help` and a small command start fast (issue #14).
const COMMANDS: Record<string, () => Promise<CommandRun>> = {
  import: () => import('./commands/import').then((m) => m.runImport),
  export: () => import('./commands/export').then((m) => m.runExport),
  list: () => import('./commands/list').then((m) => m.runList),
  agree: () => import('./commands/agree').then((m) => m.runAgree),
  study: () => import('./commands/study').then((m) => m.runStudy),
  backup: () => import('./commands/backup').then((m) => m.runBackup),
  restore: () => import('./commands/backup').then((m) => m.runRestore),
  team: () => import('./commands/team').then((m) => m.runTeam),
};

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failed, 2 wrong usage. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  // One sink for everything printed: text from libraries and files is shown, never obeyed.
  const io: CliIo = { env: rawIo.env, out: (text) => rawIo.out(terminalSafe(text)), err: (text) => rawIo.err(terminalSafe(text)) };
  const [name, ...rest] = argv;
  if (!name) {
    io.err(HELP);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return 0;
  }
  const load = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`claimtag: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return 2;
  }
  try {
    const run = await load();
    return await run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`claimtag ${name}: ${err.message}\nRun \`claimtag ${name} --help\` for usage.`);
      return 2;
    }
    if (err instanceof AppFailure) {
      io.err(`claimtag ${name}: ${err.error.message}`);
      for (const d of err.error.details ?? []) io.err(`  ${d}`);
      return 1;
    }
    io.err(`claimtag ${name}: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
