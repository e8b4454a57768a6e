// A claimtag that syncs a library with the team server and is killed (SIGKILL) by the test at
// some point of it: prints one line per batch so the test can choose its moment.
//   node --import tsx team-sync-child.ts <library file> <postgres url> <push batch> <pull batch>
import { Library } from '../../src/core/store/library';
import { parseServerUrl } from '../../src/core/team/connection';
import { syncTeam } from '../../src/core/team/sync';

const [file, url, pushBatch, pullBatch] = process.argv.slice(2);
const library = Library.open(file);
const { address, password } = parseServerUrl(url);
syncTeam(library, address, password, {
  pushBatch: Number(pushBatch),
  pullBatch: Number(pullBatch),
  onProgress: (p) => process.stdout.write(`${p.phase} ${p.done} ${p.total}\n`),
}).then(
  (report) => {
    process.stdout.write(`finished ${JSON.stringify(report)}\n`);
    library.close();
  },
  (err: unknown) => {
    process.stderr.write(`failed ${String(err)}\n`);
    process.exitCode = 1;
  },
);
