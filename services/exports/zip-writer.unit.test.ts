import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { type ZipEntry, ZipWriteError, zipStream } from './zip-writer';

const time = { year: 2026, month: 3, day: 31, hour: 14, minute: 7, second: 9 };
const mode = 0o100644;

const archive = async (entries: ZipEntry[], options?: { forceZip64?: boolean }): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of zipStream(entries, options)) chunks.push(chunk);
  return Buffer.concat(chunks);
};

interface ReadEntry {
  name: string;
  bytes: Buffer;
  method: number;
  crc32: number;
  mode: number;
  date: Date;
}

/** Reads an archive back with yauzl, an independent reader that checks every entry's sizes as it inflates. */
const readBack = async (bytes: Buffer): Promise<ReadEntry[]> => {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true },
      (error, z) => (error ? reject(error) : resolve(z)),
    ),
  );
  const entries: ReadEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, async (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        try {
          for await (const chunk of stream) chunks.push(chunk as Buffer);
        } catch (failure) {
          return reject(failure);
        }
        entries.push({
          name: entry.fileName,
          bytes: Buffer.concat(chunks),
          method: entry.compressionMethod,
          crc32: entry.crc32,
          mode: entry.externalFileAttributes >>> 16,
          date: entry.getLastModDate({ forceDosFormat: true, timezone: 'UTC' }),
        });
        zip.readEntry();
      });
    });
    zip.readEntry();
  });
  return entries;
};

// A CRC-32 written here from its definition (reflected polynomial 0xEDB88320), not zlib's: the header field checked
// against an independent computation.
const referenceCrc32 = (bytes: Buffer): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
};

const text = (length: number, seed = 1) => {
  let value = seed;
  let out = '';
  while (out.length < length) {
    value = (value * 1103515245 + 12345) % 2 ** 31;
    out += `ligne ${value % 997} « éléments » ${value.toString(36)}\n`;
  }
  return Buffer.from(out.slice(0, length), 'utf8');
};

async function* chunksOf(bytes: Buffer, size: number) {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

describe('zipStream', () => {
  it('writes stored, deflated and already-deflated entries that an independent reader opens byte for byte', async () => {
    const big = text(300_000);
    const small = Buffer.from('%PDF-1.7 déjà stocké', 'utf8');
    const given = text(50_000, 7);
    const deflated = deflateRawSync(given, { level: 1 });
    const bytes = await archive([
      { path: 'rapport.pdf', time, mode, level: 0, content: [small] },
      { path: 'données/événements.jsonl', time, mode, level: 6, content: chunksOf(big, 4096) },
      { path: 'vide.txt', time, mode, level: 6, content: [] },
      {
        path: 'déjà.jsonl',
        time,
        mode,
        deflated: {
          crc32: referenceCrc32(given),
          size: given.length,
          compressedSize: deflated.length,
          data: chunksOf(deflated, 1000),
        },
      },
    ]);
    const entries = await readBack(bytes);
    expect(entries.map((entry) => entry.name)).toEqual([
      'rapport.pdf',
      'données/événements.jsonl',
      'vide.txt',
      'déjà.jsonl',
    ]);
    const [stored, streamed, empty, handed] = entries as [ReadEntry, ReadEntry, ReadEntry, ReadEntry];
    expect(stored.bytes.equals(small)).toBe(true);
    expect(stored.method).toBe(0);
    expect(streamed.bytes.equals(big)).toBe(true);
    expect(streamed.method).toBe(8);
    expect(empty.bytes.length).toBe(0);
    expect(handed.bytes.equals(given)).toBe(true);
    for (const [entry, original] of [
      [stored, small],
      [streamed, big],
      [empty, Buffer.alloc(0)],
      [handed, given],
    ] as const) {
      expect(entry.crc32).toBe(referenceCrc32(original));
      expect(entry.mode).toBe(mode);
      expect(entry.date.toISOString()).toBe('2026-03-31T14:07:08.000Z');
    }
  });

  it('gives the same bytes for the same entries, whatever the chunking of their content', async () => {
    const content = text(120_000, 3);
    const entries = (size: number): ZipEntry[] => [
      { path: 'a.txt', time, mode, level: 6, content: chunksOf(content, size) },
      { path: 'b.txt', time, mode, level: 0, content: chunksOf(content, size) },
    ];
    const [first, second] = [await archive(entries(65_536)), await archive(entries(65_536))];
    expect(first.equals(second)).toBe(true);
    expect((await readBack(await archive(entries(777))))[0]?.bytes.equals(content)).toBe(true);
  });

  it('writes ZIP64 end records that the reader follows', async () => {
    const bytes = await archive([{ path: 'x.txt', time, mode, level: 6, content: [Buffer.from('zip64')] }], {
      forceZip64: true,
    });
    expect(bytes.readUInt32LE(bytes.length - 22 - 20 - 56)).toBe(0x06064b50);
    const [entry] = await readBack(bytes);
    expect(entry?.bytes.toString()).toBe('zip64');
  });

  it('passes the unzip tool’s own integrity test (CRC of every entry)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'zip-writer-'));
    try {
      const path = join(folder, 'a.zip');
      await writeFile(
        path,
        await archive([
          { path: 'un.txt', time, mode, level: 9, content: chunksOf(text(90_000, 5), 10_000) },
          { path: 'deux.pdf', time, mode, level: 0, content: [text(5_000, 6)] },
        ]),
      );
      const { stdout } = await promisify(execFile)('unzip', ['-t', path]);
      expect(stdout).toMatch(/No errors detected/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses two entries of the same name, an unsafe name, a date ZIP cannot hold, and a short deflated entry', async () => {
    const one = (path: string): ZipEntry => ({ path, time, mode, level: 0, content: [Buffer.from('x')] });
    await expect(archive([one('a'), one('a')])).rejects.toThrow(ZipWriteError);
    await expect(archive([one('/etc/passwd')])).rejects.toThrow(/cannot be named/);
    await expect(
      archive([{ path: 'old', time: { ...time, year: 1979 }, mode, level: 0, content: [] }]),
    ).rejects.toThrow(/cannot be dated 1979/);
    const deflated = deflateRawSync(Buffer.from('abc'));
    await expect(
      archive([
        {
          path: 'short',
          time,
          mode,
          deflated: { crc32: 0, size: 3, compressedSize: deflated.length + 1, data: chunksOf(deflated, 2) },
        },
      ]),
    ).rejects.toThrow(/announced/);
  });
});
