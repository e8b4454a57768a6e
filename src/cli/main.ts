import { AppFailure } from '../shared/result';
import { type CliIo, UsageError } from './cli-io';
import { runAgree, AGREE_HELP } from './commands/agree';
import { runBackup, BACKUP_HELP, runRestore, RESTORE_HELP } from './commands/backup';
import { runExport, EXPORT_HELP } from './commands/export';
import { runImport, IMPORT_HELP } from './commands/import';
import { runList, LIST_HELP } from './commands/list';
import { runStudy, STUDY_HELP } from './commands/study';
import { runTeam, TEAM_HELP } from './commands/team';

const HELP = `claimtag — tag claims in news articles as fact, opinion or allegation.

Usage: claimtag <command> [options]

Commands:
  import   add articles and merge annotation files into a library
  export   write reports (html, pdf, md) and data (json, w3c, brat, doccano, labelstudio, csv)
  list     show the library's documents and annotation counts
  agree    measure agreement between annotators (per document, or pooled with --corpus)
  study    annotation studies: create, assign, progress, quality, diagnosis, report
  backup   take a verified backup of the library (--list shows them)
  restore  replace the library with a verified backup (the current file is kept aside)
  team     share a study through a PostgreSQL server: init, join, sync, status

Run \`claimtag <command> --help\` for a command's options.
Without --db, commands use the app's own library (or $CLAIMTAG_DATA_DIR).`;

const COMMANDS: Record<string, { run: (args: string[], io: CliIo) => number | Promise<number>; help: string }> = {
  import: { run: runImport, help: IMPORT_HELP },
  export: { run: runExport, help: EXPORT_HELP },
  list: { run: runList, help: LIST_HELP },
  agree: { run: runAgree, help: AGREE_HELP },
  study: { run: runStudy, help: STUDY_HELP },
  backup: { run: runBackup, help: BACKUP_HELP },
  restore: { run: runRestore, help: RESTORE_HELP },
  team: { run: runTeam, help: TEAM_HELP },
};

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failed, 2 wrong usage. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.err(HELP);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return 0;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`claimtag: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    return 2;
  }
  try {
    return await command.run(rest, io);
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
