// Crash-safe file replacement: readers see the old file or the new one, never a torn write.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * `data` may be chunks of text written one after another (a library-wide export), so the whole
 * file never has to exist as one string: JavaScript strings stop at about 512 MiB.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  // Same directory, so the rename cannot cross file systems.
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else for (const chunk of data) await writeAll(handle, Buffer.from(chunk, 'utf8'));
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
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
