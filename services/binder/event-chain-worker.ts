import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { crc32, createDeflateRaw } from 'node:zlib';
import type { BinderEventRow } from './content';
import { type ChainState, chainedLine, type EventChainResult, type ToChain } from './event-chain-line';

/**
 * The worker thread that turns a binder's events into events.jsonl (see event-chain.ts): canonical lines, the
 * hash chain, and the raw-deflated bytes written to a file, while the main thread writes the PDF and the tables.
 */
const { path, level, chunkBytes } = workerData as { path: string; level: number; chunkBytes: number };
const port = parentPort!;

const chain: ChainState = { count: 0, first: null, last: null, head: '0'.repeat(64) };
const sha256 = createHash('sha256');
let crc = 0;
let size = 0;
let compressedSize = 0;
let pending = '';

const deflate = createDeflateRaw({ level });
const written = pipeline(
  deflate,
  new Transform({
    transform(chunk: Buffer, _encoding, next) {
      compressedSize += chunk.length;
      next(null, chunk);
    },
  }),
  createWriteStream(path),
);
written.catch(() => {});

const flush = async () => {
  if (!pending) return;
  const bytes = Buffer.from(pending, 'utf8');
  pending = '';
  crc = crc32(bytes, crc);
  size += bytes.length;
  sha256.update(bytes);
  if (!deflate.write(bytes)) {
    await new Promise<void>((resolve, reject) => {
      deflate.once('drain', resolve);
      written.catch(reject);
    });
  }
};

const handle = async (message: ToChain) => {
  if (message.type === 'rows') {
    for (const row of message.rows as BinderEventRow[]) {
      pending += chainedLine(row, chain);
      if (pending.length >= chunkBytes) await flush();
    }
    port.postMessage({ type: 'ack' });
    return;
  }
  await flush();
  deflate.end();
  await written;
  const result: EventChainResult = {
    chain,
    crc32: crc,
    size,
    compressedSize,
    sha256: sha256.digest('hex'),
  };
  port.postMessage({ type: 'done', result });
};

// One message after the other, each finished (its bytes handed to deflate) before the next; none after a failure.
let queue = Promise.resolve();
let failed = false;
port.on('message', (message: ToChain) => {
  queue = queue
    .then(() => (failed ? undefined : handle(message)))
    .catch((error: unknown) => {
      failed = true;
      port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    });
});
