// Crash-safe file replacement: readers see the old file or the new one, never a torn write.
// A folder is written the same way: built beside its target, then moved into place whole.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../shared/result';

/** A file's content: bytes, text, or chunks of text written one after another. */
export type FileData = string | Uint8Array | Iterable<string>;

/** A hidden name beside `target` in the same directory (so a rename cannot cross file systems). */
const tempBeside = (target: string): string => path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);

/**
 * `data` may be chunks of text written one after another (a library-wide export), so the whole
 * file never has to exist as one string: JavaScript strings stop at about 512 MiB. A throw from
 * the chunks (a cancel) leaves the target as it was and no temp file behind.
 */
export async function writeFileAtomic(target: string, data: FileData): Promise<void> {
  const resolved = path.resolve(target);
  const temp = tempBeside(resolved);
  try {
    await writeNewFile(temp, data);
    await fs.rename(temp, resolved);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(resolved));
}

/** One file of a folder: its path inside the folder ("/"-separated) and its content. */
export interface FolderFile {
  path: string;
  data: FileData;
}

/**
 * Writes a folder of files (read one at a time from `files`) into a temp folder beside
 * `target`, then moves it into place: renamed whole when `target` does not exist, else file by
 * file into it (other files there are kept). A throw while the files are read or written (a
 * cancel) removes the temp folder: `target` is left as it was. Returns the paths written.
 */
export async function writeFolderAtomic(target: string, files: Iterable<FolderFile>): Promise<string[]> {
  const root = path.resolve(target);
  const temp = tempBeside(root);
  const relatives: string[] = [];
  try {
    await fs.mkdir(temp);
    for (const file of files) {
      const inTemp = insideFolder(temp, file.path);
      await fs.mkdir(path.dirname(inTemp), { recursive: true });
      await writeNewFile(inTemp, file.data);
      relatives.push(file.path);
    }
    if (await exists(root)) {
      for (const relative of relatives) {
        const final = insideFolder(root, relative);
        await fs.mkdir(path.dirname(final), { recursive: true });
        await fs.rename(insideFolder(temp, relative), final);
      }
      await fs.rm(temp, { recursive: true, force: true });
    } else await fs.rename(temp, root);
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(root));
  return relatives.map((relative) => insideFolder(root, relative));
}

/** `relative` resolved inside `folder`; a name that would leave it is refused. */
function insideFolder(folder: string, relative: string): string {
  const file = path.resolve(folder, relative);
  if (!file.startsWith(folder + path.sep)) throw new AppFailure({ code: 'internal', message: 'An exported file name was not safe.' });
  return file;
}

const exists = (p: string): Promise<boolean> =>
  fs.lstat(p).then(
    () => true,
    () => false,
  );

/** Creates `file`, which must not exist yet, from `data`, and flushes it to disk. */
async function writeNewFile(file: string, data: FileData): Promise<void> {
  const handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else for (const chunk of data) await writeAll(handle, Buffer.from(chunk, 'utf8'));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: fs.FileHandle, bytes: Buffer): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    done += bytesWritten;
  }
}

/** Makes the rename itself durable. Not possible on Windows, where directories cannot be opened. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
