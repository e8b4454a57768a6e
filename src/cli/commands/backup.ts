import fs from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../../core/data-dir';
import { backupsDir, createBackup, DEFAULT_BACKUPS_KEPT, listBackups, restoreBackup } from '../../core/reliability/backups';
import { type CliIo, libraryPath, openLibrary, parse, UsageError } from '../cli-io';

export const BACKUP_HELP = `Usage: claimtag backup [--db PATH] [--keep N]
       claimtag backup --list [--db PATH]

Makes a backup of the library with SQLite's online backup (safe while claimtag is open),
checks it with integrity_check, and keeps the newest N. Backups are kept in the folder
"backups" beside the library, named claimtag-<time>.sqlite.

Options:
  --db PATH    library file (default: the app's own library)
  --keep N     how many backups to keep (default ${DEFAULT_BACKUPS_KEPT})
  --list       list the backups instead of making one
  -h, --help   show this help`;

export const RESTORE_HELP = `Usage: claimtag restore BACKUP [--db PATH]

Replaces the library with a backup. BACKUP is a file, or a name shown by \`claimtag backup --list\`.
The backup is checked first and refused if it is damaged or not a claimtag library. The
current library (even a damaged one) is never overwritten: it is moved aside, with its
-wal and -shm files, to <name>.before-restore-<time>. Close claimtag before restoring.

Options:
  --db PATH    library file (default: the app's own library)
  -h, --help   show this help`;

/** Backups live beside the library: the data folder, or the folder of --db. */
const dataDirFor = (db: string | undefined, env: NodeJS.ProcessEnv): string => (db ? path.dirname(path.resolve(db)) : resolveDataDir(env));

const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

export async function runBackup(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string' }, keep: { type: 'string' }, list: { type: 'boolean' } });
  if (values.help) return io.out(BACKUP_HELP), 0;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}".`);
  const dataDir = dataDirFor(values.db, io.env);

  if (values.list) {
    if (values.keep !== undefined) throw new UsageError('--keep makes no sense with --list.');
    const backups = listBackups(dataDir);
    if (backups.length === 0) return io.out(`No backups in ${backupsDir(dataDir)} yet. Make one with: claimtag backup`), 0;
    io.out(`Backups in ${backupsDir(dataDir)}, newest first:`);
    for (const b of backups) io.out(`  ${b.name}  ${b.createdAt}  ${size(b.sizeBytes)}`);
    return 0;
  }

  let keep = DEFAULT_BACKUPS_KEPT;
  if (values.keep !== undefined) {
    if (!/^\d+$/.test(values.keep) || Number(values.keep) < 1 || Number(values.keep) > 10_000) throw new UsageError(`--keep must be a whole number from 1, not "${values.keep}".`);
    keep = Number(values.keep);
  }
  const library = openLibrary(libraryPath(values.db, io.env), { create: false });
  try {
    const { backup, pruned } = await createBackup(library.db, dataDir, { keep });
    io.out(`Backed up and verified: ${backup.file} (${size(backup.sizeBytes)})`);
    if (pruned.length) io.out(`Removed ${pruned.length} older backup${pruned.length === 1 ? '' : 's'}, keeping the newest ${keep}.`);
    return 0;
  } finally {
    library.close();
  }
}

export function runRestore(args: string[], io: CliIo): number {
  const { values, positionals } = parse(args, { db: { type: 'string' } });
  if (values.help) return io.out(RESTORE_HELP), 0;
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give one backup to restore.' : 'which backup? See `claimtag backup --list`.');
  const [wanted] = positionals;
  const dataDir = dataDirFor(values.db, io.env);
  const inFolder = path.join(backupsDir(dataDir), wanted);
  const source = fs.existsSync(wanted) || path.basename(wanted) !== wanted || !fs.existsSync(inFolder) ? wanted : inFolder;
  const target = libraryPath(values.db, io.env);
  const outcome = restoreBackup(source, target);
  io.out(`Restored ${outcome.restoredFrom} to ${outcome.target}.`);
  if (outcome.movedAside.length) io.out(`The library it replaced was kept as ${outcome.movedAside[0]}.`);
  return 0;
}
