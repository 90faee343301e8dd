import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';
import type { WallClock } from '../kernel/paris-time';

/**
 * A streaming ZIP writer (PKWARE APPNOTE 6.3): entries are read one after the other as the archive is read, so an
 * archive of any size is never whole in memory. Same entries, same bytes: no clock, no extra timestamp field, no
 * platform-dependent attribute. CRC-32 is zlib's own (native), deflate is zlib's raw deflate.
 *
 * An entry's content is either read and compressed here (`content`), or handed over already deflated with its
 * CRC-32 and sizes (`deflated`, e.g. produced by a worker thread). Entries larger than 4 GiB are refused; the
 * archive itself switches to ZIP64 records when its offsets or its entry count outgrow the classic ones.
 */

interface ZipEntryBase {
  /** Forward slashes, no leading slash; stored as UTF-8. */
  path: string;
  /** A wall-clock time as ZIP stores it (DOS: no zone, two-second steps, years 1980–2107). */
  time: WallClock;
  /** Unix permission bits and file type, e.g. 0o100644. */
  mode: number;
}

/** Bytes read as the archive is written: deflated at `level` (1–9), or stored as they are with level 0. */
export interface ZipContentEntry extends ZipEntryBase {
  level: number;
  content: AsyncIterable<Buffer> | Iterable<Buffer>;
}

/** Bytes already deflated (raw deflate, no zlib header), with the CRC-32 and the size of what they inflate to. */
export interface ZipDeflatedEntry extends ZipEntryBase {
  deflated: { crc32: number; size: number; compressedSize: number; data: AsyncIterable<Buffer> };
}

export type ZipEntry = ZipContentEntry | ZipDeflatedEntry;

export class ZipWriteError extends Error {
  readonly code = 'zip_write';
  constructor(message: string) {
    super(message);
    this.name = 'ZipWriteError';
  }
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const STORE = 0;
const DEFLATE = 8;
const MADE_BY_UNIX = (3 << 8) | 63;
const NEEDS_20 = 20;
const NEEDS_45 = 45;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;

interface Written {
  name: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc32: number;
  size: number;
  compressedSize: number;
  offset: number;
  mode: number;
}

const dosTime = ({ year, month, day, hour, minute, second }: WallClock) => {
  if (year < 1980 || year > 2107) throw new ZipWriteError(`A ZIP entry cannot be dated ${year}`);
  return {
    date: ((year - 1980) << 9) | (month << 5) | day,
    time: (hour << 11) | (minute << 5) | Math.floor(second / 2),
  };
};

const nameOf = (path: string): Buffer => {
  if (!path || path.startsWith('/') || path.includes('\\') || path.includes('\0')) {
    throw new ZipWriteError(`A ZIP entry cannot be named ${JSON.stringify(path)}`);
  }
  const name = Buffer.from(path, 'utf8');
  if (name.length > MAX_16) throw new ZipWriteError('A ZIP entry name is longer than 65,535 bytes');
  return name;
};

const localHeader = (entry: Written): Buffer => {
  const header = Buffer.alloc(30 + entry.name.length);
  header.writeUInt32LE(LOCAL_HEADER, 0);
  header.writeUInt16LE(NEEDS_20, 4);
  header.writeUInt16LE(entry.flags, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(entry.time, 10);
  header.writeUInt16LE(entry.date, 12);
  // With a data descriptor, the CRC and sizes follow the data; the header holds zeros.
  const known = (entry.flags & FLAG_DATA_DESCRIPTOR) === 0;
  header.writeUInt32LE(known ? entry.crc32 : 0, 14);
  header.writeUInt32LE(known ? entry.compressedSize : 0, 18);
  header.writeUInt32LE(known ? entry.size : 0, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28);
  entry.name.copy(header, 30);
  return header;
};

const dataDescriptor = (entry: Written): Buffer => {
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
  descriptor.writeUInt32LE(entry.crc32, 4);
  descriptor.writeUInt32LE(entry.compressedSize, 8);
  descriptor.writeUInt32LE(entry.size, 12);
  return descriptor;
};

const centralHeader = (entry: Written): Buffer => {
  const zip64 = entry.offset >= MAX_32;
  const extra = zip64 ? Buffer.alloc(12) : Buffer.alloc(0);
  if (zip64) {
    extra.writeUInt16LE(ZIP64_EXTRA, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(entry.offset), 4);
  }
  const header = Buffer.alloc(46 + entry.name.length + extra.length);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(MADE_BY_UNIX, 4);
  header.writeUInt16LE(zip64 ? NEEDS_45 : NEEDS_20, 6);
  header.writeUInt16LE(entry.flags, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(entry.time, 12);
  header.writeUInt16LE(entry.date, 14);
  header.writeUInt32LE(entry.crc32, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  header.writeUInt16LE(0, 32); // comment
  header.writeUInt16LE(0, 34); // disk
  header.writeUInt16LE(0, 36); // internal attributes
  header.writeUInt32LE((entry.mode << 16) >>> 0, 38);
  header.writeUInt32LE(zip64 ? MAX_32 : entry.offset, 42);
  entry.name.copy(header, 46);
  extra.copy(header, 46 + entry.name.length);
  return header;
};

const endRecords = (count: number, size: number, offset: number, forceZip64: boolean): Buffer => {
  const zip64 = forceZip64 || count >= MAX_16 || size >= MAX_32 || offset >= MAX_32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(zip64 ? MAX_16 : count, 8);
  end.writeUInt16LE(zip64 ? MAX_16 : count, 10);
  end.writeUInt32LE(zip64 ? MAX_32 : size, 12);
  end.writeUInt32LE(zip64 ? MAX_32 : offset, 16);
  if (!zip64) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(ZIP64_END, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(MADE_BY_UNIX, 12);
  record.writeUInt16LE(NEEDS_45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(ZIP64_LOCATOR, 0);
  locator.writeBigUInt64LE(BigInt(offset + size), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
};

const checkSize = (path: string, size: number) => {
  if (size >= MAX_32) throw new ZipWriteError(`${path} is larger than a ZIP entry may be here (4 GiB)`);
};

/** Reads an entry's content, CRC-32 and size counted on the way, deflated (level ≥ 1) or as it is. */
async function* contentOf(entry: ZipContentEntry, written: Written): AsyncGenerator<Buffer, void, undefined> {
  const counted = async function* () {
    for await (const chunk of entry.content) {
      written.crc32 = crc32(chunk, written.crc32);
      written.size += chunk.length;
      checkSize(entry.path, written.size);
      yield chunk;
    }
  };
  if (entry.level === 0) {
    for await (const chunk of counted()) {
      written.compressedSize += chunk.length;
      yield chunk;
    }
    return;
  }
  const deflate = createDeflateRaw({ level: entry.level });
  const fed = pipeline(Readable.from(counted()), deflate);
  fed.catch(() => {});
  for await (const chunk of deflate as AsyncIterable<Buffer>) {
    written.compressedSize += chunk.length;
    checkSize(entry.path, written.compressedSize);
    yield chunk;
  }
  await fed;
}

/**
 * The archive's bytes, entry by entry as they are read. Entry paths must be unique (checked). `forceZip64` writes
 * the ZIP64 end records even when the classic ones would do (for tests of the readers).
 */
export async function* zipStream(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  options: { forceZip64?: boolean } = {},
): AsyncGenerator<Buffer, void, undefined> {
  const written: Written[] = [];
  const paths = new Set<string>();
  let offset = 0;
  for await (const entry of entries) {
    if (paths.has(entry.path)) throw new ZipWriteError(`Two ZIP entries are named ${entry.path}`);
    paths.add(entry.path);
    const { date, time } = dosTime(entry.time);
    const record: Written = {
      name: nameOf(entry.path),
      flags: FLAG_UTF8,
      method: STORE,
      time,
      date,
      crc32: 0,
      size: 0,
      compressedSize: 0,
      offset,
      mode: entry.mode,
    };
    if ('deflated' in entry) {
      const { deflated } = entry;
      checkSize(entry.path, deflated.size);
      checkSize(entry.path, deflated.compressedSize);
      Object.assign(record, {
        method: DEFLATE,
        crc32: deflated.crc32,
        size: deflated.size,
        compressedSize: deflated.compressedSize,
      });
      const header = localHeader(record);
      offset += header.length;
      yield header;
      let compressed = 0;
      for await (const chunk of deflated.data) {
        compressed += chunk.length;
        offset += chunk.length;
        yield chunk;
      }
      if (compressed !== deflated.compressedSize) {
        throw new ZipWriteError(
          `${entry.path}: ${compressed} deflated bytes given, ${deflated.compressedSize} announced`,
        );
      }
    } else {
      record.flags |= FLAG_DATA_DESCRIPTOR;
      record.method = entry.level === 0 ? STORE : DEFLATE;
      const header = localHeader(record);
      offset += header.length;
      yield header;
      for await (const chunk of contentOf(entry, record)) {
        offset += chunk.length;
        yield chunk;
      }
      const descriptor = dataDescriptor(record);
      offset += descriptor.length;
      yield descriptor;
    }
    written.push(record);
  }
  const directoryOffset = offset;
  let directorySize = 0;
  for (const record of written) {
    const header = centralHeader(record);
    directorySize += header.length;
    yield header;
  }
  yield endRecords(written.length, directorySize, directoryOffset, options.forceZip64 ?? false);
}

/** An archive as a readable stream of bytes (see zipStream). */
export const zipReadable = (
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  options?: { forceZip64?: boolean },
): Readable => Readable.from(zipStream(entries, options), { objectMode: false });
