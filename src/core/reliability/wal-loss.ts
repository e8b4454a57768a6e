// A library whose write-ahead log vanished: the -wal was deleted (by a cleaner, a sync tool,
// a person) while claimtag had it open, and the app then died before checkpointing. SQLite
// would open the main file as if nothing happened and the acknowledged changes in the lost
// log would be gone without a word. The shared-memory index (-shm) left behind by the dead
// process still says how many log frames existed and how many were already copied into the
// main file; if the log cannot hold the rest, work is missing. Read before SQLite opens the
// file (opening rebuilds the index and erases the evidence). Costs two small reads.
import fs from 'node:fs';
import os from 'node:os';

/** The WAL-index header (two copies of 48 bytes) and the checkpoint info after them. */
const HEADER_BYTES = 48;
const NBACKFILL_AT = 96;
const MIN_SHM_BYTES = 136;
const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;

export interface WalLoss {
  /** Log frames (page writes) that existed but are nowhere now. */
  lostFrames: number;
  why: 'missing' | 'truncated' | 'replaced';
}

/** How much committed work the vanished log held, or null when nothing is missing. Never throws. */
export function detectLostWal(databaseFile: string): WalLoss | null {
  let shm: Buffer;
  try {
    shm = readPrefix(`${databaseFile}-shm`, MIN_SHM_BYTES);
  } catch {
    return null; // no index left behind: a clean close, or never in WAL mode
  }
  if (shm.length < MIN_SHM_BYTES) return null;
  // Both copies agree only when the index was written completely.
  if (!shm.subarray(0, HEADER_BYTES).equals(shm.subarray(HEADER_BYTES, 2 * HEADER_BYTES))) return null;
  const le = os.endianness() === 'LE'; // the index is in the machine's byte order
  const u32 = (at: number) => (le ? shm.readUInt32LE(at) : shm.readUInt32BE(at));
  const u16 = (at: number) => (le ? shm.readUInt16LE(at) : shm.readUInt16BE(at));
  const isInit = shm[12] === 1;
  const storedPageSize = u16(14);
  const pageSize = storedPageSize === 1 ? 65536 : storedPageSize;
  const mxFrame = u32(16);
  const salt = shm.subarray(32, 40); // copied byte for byte from the log's header
  const nBackfill = u32(NBACKFILL_AT);
  if (!isInit || mxFrame === 0 || mxFrame <= nBackfill || pageSize < 512) return null;
  const lostFrames = mxFrame - nBackfill;

  let wal: Buffer;
  let walSize: number;
  try {
    walSize = fs.statSync(`${databaseFile}-wal`).size;
    wal = readPrefix(`${databaseFile}-wal`, WAL_HEADER_BYTES);
  } catch {
    return { lostFrames, why: 'missing' };
  }
  if (walSize < WAL_HEADER_BYTES + mxFrame * (WAL_FRAME_HEADER_BYTES + pageSize)) return { lostFrames, why: 'truncated' };
  // The log's header carries the same salts as the index when it is the same log.
  if (wal.length < WAL_HEADER_BYTES || !wal.subarray(16, 24).equals(salt)) return { lostFrames, why: 'replaced' };
  return null;
}

function readPrefix(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    if (!fs.fstatSync(fd).isFile()) return Buffer.alloc(0);
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}
