// A deliberately small ZIP reader for .docx: it reads the central directory first and
// refuses archives whose declared sizes are too large or too compressible before a single
// byte is inflated; then it inflates only the parts asked for, each bounded by its declared
// size (node:zlib's maxOutputLength stops inflation as soon as an entry lies about it).
import { inflateRawSync } from 'node:zlib';
import { AppFailure } from '../../shared/result';

export interface ZipLimits {
  /** Largest declared uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest declared uncompressed size of all entries together. */
  maxTotalBytes: number;
  /** Largest uncompressed:compressed ratio allowed for entries bigger than ratioThresholdBytes. */
  maxRatio: number;
  ratioThresholdBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 100,
  ratioThresholdBytes: 1024 * 1024,
  maxEntries: 10_000,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

const corrupt = (detail: string): AppFailure =>
  new AppFailure({ code: 'invalid-input', message: 'This Word document is damaged or incomplete and cannot be read.', details: [detail] });

const tooLarge = (detail: string): AppFailure =>
  new AppFailure({
    code: 'too-large',
    message: 'This Word document unpacks to far more data than a text document should, so it was not opened.',
    details: [detail],
  });

export class ZipArchive {
  readonly entries: ReadonlyMap<string, ZipEntry>;

  private constructor(
    private readonly bytes: Uint8Array,
    entries: Map<string, ZipEntry>,
  ) {
    this.entries = entries;
  }

  /** Reads and checks the central directory. Throws AppFailure. */
  static open(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEndOfCentralDirectory(view);
    const entryCount = view.getUint16(eocd + 10, true);
    const directorySize = view.getUint32(eocd + 12, true);
    const directoryOffset = view.getUint32(eocd + 16, true);
    if (entryCount === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
      throw new AppFailure({ code: 'unsupported', message: 'This Word document uses the ZIP64 format, which claimtag does not read.' });
    }
    if (entryCount > limits.maxEntries) throw tooLarge(`${entryCount} entries`);
    if (directoryOffset + directorySize > eocd) throw corrupt('central directory lies outside the file');

    const entries = new Map<string, ZipEntry>();
    const decoder = new TextDecoder('utf-8');
    let total = 0;
    let at = directoryOffset;
    for (let i = 0; i < entryCount; i++) {
      if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw corrupt(`bad central directory record ${i}`);
      const flags = view.getUint16(at + 8, true);
      const method = view.getUint16(at + 10, true);
      const compressedSize = view.getUint32(at + 20, true);
      const uncompressedSize = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      const localHeaderOffset = view.getUint32(at + 42, true);
      if (at + 46 + nameLength > eocd) throw corrupt(`central directory record ${i} is cut off`);
      const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extraLength + commentLength;

      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
        throw new AppFailure({ code: 'unsupported', message: 'This Word document uses the ZIP64 format, which claimtag does not read.' });
      }
      if (uncompressedSize > limits.maxEntryBytes) throw tooLarge(`${name} declares ${uncompressedSize} bytes`);
      total += uncompressedSize;
      if (total > limits.maxTotalBytes) throw tooLarge(`entries declare more than ${limits.maxTotalBytes} bytes in total`);
      if (uncompressedSize > limits.ratioThresholdBytes && uncompressedSize > limits.maxRatio * Math.max(1, compressedSize)) {
        throw tooLarge(`${name} declares a compression ratio above ${limits.maxRatio}:1`);
      }
      if (localHeaderOffset + 30 > bytes.byteLength) throw corrupt(`${name} starts outside the file`);
      entries.set(name, { name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    }
    return new ZipArchive(bytes, entries);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Inflates one entry, never producing more than its declared size. Throws AppFailure. */
  read(name: string): Uint8Array {
    const entry = this.entries.get(name);
    if (entry === undefined) throw corrupt(`missing part ${name}`);
    if ((entry.flags & 0x1) !== 0) {
      throw new AppFailure({ code: 'unsupported', message: 'This Word document is password-protected; remove the password in Word and import it again.' });
    }
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.localHeaderOffset;
    if (view.getUint32(at, true) !== LOCAL_SIGNATURE) throw corrupt(`bad local header for ${name}`);
    const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > this.bytes.byteLength) throw corrupt(`${name} is cut off`);
    const data = this.bytes.subarray(dataStart, dataEnd);

    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw corrupt(`${name} has inconsistent sizes`);
      return data;
    }
    if (entry.method !== 8) {
      throw new AppFailure({ code: 'unsupported', message: 'This Word document uses a compression method claimtag does not read.', details: [`${name}: method ${entry.method}`] });
    }
    try {
      // maxOutputLength must be ≥ 1; an entry that declares 0 bytes and inflates to more is a liar.
      return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(`${name} inflates beyond its declared ${entry.uncompressedSize} bytes`);
      throw corrupt(`${name}: ${(error as Error).message}`);
    }
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  if (view.byteLength < EOCD_SIZE) throw corrupt('file too short to be a ZIP archive');
  const lowest = Math.max(0, view.byteLength - EOCD_SIZE - MAX_COMMENT);
  for (let at = view.byteLength - EOCD_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE && at + EOCD_SIZE + view.getUint16(at + 20, true) <= view.byteLength) {
      return at;
    }
  }
  throw corrupt('no ZIP end-of-central-directory record (the file is truncated or not a ZIP archive)');
}
