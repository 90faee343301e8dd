import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ZipContentEntry, type ZipEntry, zipReadable } from '../exports/zip-writer';
import { parisTime, type WallClock } from '../kernel/paris-time';
import { canonicalJson } from './canonical-json';
import type { BinderDocument, BinderItem, BinderProgress, BinderSource } from './content';
import { chainEventsAside } from './event-chain';
import {
  BINDER_FORMAT,
  BINDER_FORMAT_VERSION,
  type BinderManifest,
  type BinderSigner,
  CHAIN_GENESIS,
  documentPath,
  EVENTS_PATH,
  fingerprintOf,
  isReservedPath,
  isSafeEntryPath,
  MANIFEST_PATH,
  type ManifestFile,
  PDF_PATH,
  PUBLIC_KEY_PATH,
  SIGNATURE_PATH,
  SUMS_PATH,
  sumsText,
} from './format';

/** A table a renderer adds to the binder (e.g. `data/indicateur-31.csv`): its bytes are read once, when written. */
export interface BinderTable {
  path: string;
  stream(): NodeJS.ReadableStream;
}

/** The parts people read, rendered elsewhere and injected: the writer only packs, hashes and signs them. */
export interface BinderParts {
  pdf(source: BinderSource): Promise<NodeJS.ReadableStream> | NodeJS.ReadableStream;
  tables(source: BinderSource): AsyncIterable<BinderTable>;
}

export interface WrittenBinder {
  /** SHA-256 of the whole ZIP, hex. */
  sha256: string;
  bytes: number;
  manifest: BinderManifest;
}

/** A binder that cannot be written as asked (a bad table path, events out of order, a document's bytes changed). */
export class BinderWriteError extends Error {
  readonly code = 'binder_write';
  constructor(message: string) {
    super(message);
    this.name = 'BinderWriteError';
  }
}

// Already-compressed formats are stored: deflating them again costs time for nothing.
const STORED = /\.(pdf|xlsx|docx|pptx|odt|ods|odp|zip|gz|png|jpe?g|gif|webp|mp4)$/i;
const FILE_MODE = 0o100644;
const _EVENT_CHUNK_BYTES = 64 * 1024;
const COMPRESSION_LEVEL = 1;

/**
 * Writes an audit binder as a ZIP into `out` (ended when done; destroyed on failure), entry by entry, hashing each
 * as it streams through: the binder is never whole in memory. Same source, parts and key → same bytes.
 */
export const writeBinder = async (
  source: BinderSource,
  parts: BinderParts,
  signer: BinderSigner,
  out: NodeJS.WritableStream,
  onProgress: BinderProgress = () => {},
): Promise<WrittenBinder> => {
  if (fingerprintOf(signer.publicKeyPem) !== signer.fingerprint) {
    throw new BinderWriteError("The signer's fingerprint is not its public key's");
  }
  const progress = progressOf(source, onProgress);
  const counted = countingSource(source, progress);
  const time = parisWallClock(source.request.asOfRecordedAt);
  const entryOf = (path: string, content: AsyncIterable<Buffer> | Iterable<Buffer>): ZipContentEntry => ({
    path,
    time,
    mode: FILE_MODE,
    level: STORED.test(path) ? 0 : COMPRESSION_LEVEL,
    content,
  });
  const files: ManifestFile[] = [];
  /** An entry whose bytes are hashed and counted on their way into the archive, listed once read. */
  const metered = (path: string, content: () => Promise<AsyncIterable<Buffer>> | AsyncIterable<Buffer>) =>
    entryOf(
      path,
      (async function* () {
        const hash = createHash('sha256');
        let size = 0;
        for await (const chunk of await content()) {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          hash.update(bytes);
          size += bytes.length;
          yield bytes;
        }
        files.push({ path, size, sha256: hash.digest('hex') });
      })(),
    );
  const whole = (bytes: Buffer, path: string): ZipContentEntry => entryOf(path, [bytes]);
  const listed = (path: string, bytes: Buffer): ManifestFile => ({
    path,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  let manifest: BinderManifest | undefined;
  // The events are chained in a worker thread from the start, while this one writes the PDF and the tables.
  const chaining = chainEventsAside(source.events(), { level: COMPRESSION_LEVEL, onEvent: progress.event });
  chaining.catch(() => {});

  async function* entries(): AsyncGenerator<ZipEntry> {
    progress.step('pdf');
    yield metered(PDF_PATH, async () => streamOf(await parts.pdf(counted)));

    progress.step('tables');
    for (const table of await sortedTables(parts.tables(counted))) {
      yield metered(table.path, () => streamOf(table.stream()));
    }

    progress.step('documents');
    const documentPaths = new Set<string>();
    for await (const document of source.documents()) {
      const path = documentPath(document);
      if (documentPaths.has(path)) throw new BinderWriteError(`Two documents would be written as ${path}`);
      documentPaths.add(path);
      yield metered(path, async () => streamOf(await document.open()));
      checkDocument(document, files.at(-1) as ManifestFile);
    }

    progress.step('events');
    const events = await chaining;
    const { chain } = events;
    files.push({ path: EVENTS_PATH, size: events.size, sha256: events.sha256 });
    yield {
      path: EVENTS_PATH,
      time,
      mode: FILE_MODE,
      deflated: {
        crc32: events.crc32,
        size: events.size,
        compressedSize: events.compressedSize,
        data: createReadStream(events.file),
      },
    };

    progress.step('manifest');
    const publicKey = Buffer.from(signer.publicKeyPem, 'utf8');
    files.push(listed(PUBLIC_KEY_PATH, publicKey));
    yield whole(publicKey, PUBLIC_KEY_PATH);
    manifest = {
      format: BINDER_FORMAT,
      formatVersion: BINDER_FORMAT_VERSION,
      organisation: pick(source.organisation, ['id', 'name', 'siret']),
      request: pick(source.request, [
        'organisationId',
        'from',
        'to',
        'indicators',
        'asOfPosition',
        'asOfRecordedAt',
      ]),
      files,
      events: {
        path: EVENTS_PATH,
        count: chain.count,
        firstPosition: chain.first,
        lastPosition: chain.last,
        genesis: CHAIN_GENESIS,
        head: chain.head,
      },
      signature: { algorithm: 'Ed25519', publicKey: PUBLIC_KEY_PATH, fingerprint: signer.fingerprint },
    };
    const manifestBytes = Buffer.from(`${canonicalJson(manifest)}\n`, 'utf8');
    const signature = Buffer.from(`${Buffer.from(await signer.sign(manifestBytes)).toString('base64')}\n`);
    const trailing = [listed(MANIFEST_PATH, manifestBytes), listed(SIGNATURE_PATH, signature)];
    yield whole(manifestBytes, MANIFEST_PATH);
    yield whole(signature, SIGNATURE_PATH);
    yield whole(Buffer.from(sumsText([...files, ...trailing]), 'utf8'), SUMS_PATH);
  }

  const zipped = meter();
  try {
    await pipeline(zipReadable(entries()), zipped.transform, out);
  } finally {
    await chaining.then(
      (events) => events.remove(),
      () => {},
    );
  }
  if (!manifest) throw new BinderWriteError('The binder ended before its manifest');
  progress.finish();
  const result = zipped.result();
  return { sha256: result.sha256, bytes: result.size, manifest };
};

/** Counts bytes and hashes them on their way through. */
const meter = () => {
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | undefined;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      hash.update(chunk);
      size += chunk.length;
      next(null, chunk);
    },
    flush(next) {
      digest = hash.digest('hex');
      next();
    },
  });
  return {
    transform,
    result: () => {
      if (digest === undefined) throw new BinderWriteError('The archive was read before it ended');
      return { size, sha256: digest };
    },
  };
};

const streamOf = (stream: NodeJS.ReadableStream): AsyncIterable<Buffer> => stream as AsyncIterable<Buffer>;

/**
 * Every entry is dated with the binder's own date, as Paris wall-clock time (ZIP's DOS time has no zone; no
 * extra timestamp field, which would carry one): any process zone gives the same bytes.
 */
const parisWallClock = (instant: string): WallClock => {
  if (Number.isNaN(Date.parse(instant)))
    throw new BinderWriteError(`asOfRecordedAt is not an instant: ${instant}`);
  return parisTime(instant);
};

const sortedTables = async (tables: AsyncIterable<BinderTable>): Promise<BinderTable[]> => {
  const all: BinderTable[] = [];
  const paths = new Set<string>();
  for await (const table of tables) {
    if (!isSafeEntryPath(table.path) || isReservedPath(table.path)) {
      throw new BinderWriteError(`A table cannot be written as ${JSON.stringify(table.path)}`);
    }
    if (paths.has(table.path)) throw new BinderWriteError(`Two tables would be written as ${table.path}`);
    paths.add(table.path);
    all.push(table);
  }
  return all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
};

const checkDocument = (document: BinderDocument, written: ManifestFile) => {
  if (written.size !== document.size || written.sha256 !== document.sha256.toLowerCase()) {
    throw new BinderWriteError(
      `Document ${document.documentId} v${document.version}: its bytes are not the ones recorded ` +
        `(${written.size} bytes, sha256 ${written.sha256}; recorded ${document.size}, ${document.sha256})`,
    );
  }
};

const pick = <T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> => {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = value[key];
  return picked;
};

type Progress = ReturnType<typeof progressOf>;

/**
 * Progress counted as items read (each once, however many parts read it) plus events written. Events are not
 * known ahead: until they are, the total counts as many as there are items (each event is behind one item at
 * least, so never fewer).
 */
const progressOf = (source: BinderSource, report: BinderProgress) => {
  const items = source.indicators.reduce((sum, indicator) => sum + indicator.itemCount, 0);
  let itemsDone = 0;
  let events = 0;
  let current = 'start';
  let reported = -1;
  const total = () => items + Math.max(items, events);
  const emit = (force: boolean) => {
    const done = itemsDone + events;
    // Some 200 reports at most: a caller may store each one.
    if (!force && done - reported < Math.max(1, Math.floor(total() / 200))) return;
    reported = done;
    report(done, total(), current);
  };
  return {
    step(name: string) {
      current = name;
      emit(true);
    },
    item() {
      itemsDone = Math.min(items, itemsDone + 1);
      emit(false);
    },
    event() {
      events += 1;
      emit(false);
    },
    finish() {
      current = 'done';
      report(items + events, items + events, current);
    },
  };
};

/** The source as the parts see it: items counted the first time each is read. */
const countingSource = (source: BinderSource, progress: Progress): BinderSource => {
  const read = new Map<number, number>();
  return {
    request: source.request,
    organisation: source.organisation,
    indicators: source.indicators,
    items: (indicator) => count(source.items(indicator), indicator),
    events: () => source.events(),
    documents: () => source.documents(),
    hourlyCounts: source.hourlyCounts?.bind(source),
    latest: source.latest?.bind(source),
  };
  async function* count(items: AsyncIterable<BinderItem>, indicator: number): AsyncGenerator<BinderItem> {
    let n = 0;
    for await (const item of items) {
      n += 1;
      if (n > (read.get(indicator) ?? 0)) {
        read.set(indicator, n);
        progress.item();
      }
      yield item;
    }
  }
};
