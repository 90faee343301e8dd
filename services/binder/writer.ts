import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { parisOffsetMinutes } from '../kernel/paris-time';
import { canonicalJson } from './canonical-json';
import type { BinderDocument, BinderItem, BinderProgress, BinderSource, BinderStoredEvent } from './content';
import {
  BINDER_FORMAT,
  BINDER_FORMAT_VERSION,
  type BinderManifest,
  type BinderSigner,
  CHAIN_GENESIS,
  chainHash,
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
const EVENT_CHUNK_BYTES = 64 * 1024;

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
  const zip = new ZipFile();
  const whole = meter();
  const written = pipeline(zip.outputStream, whole.transform, out);
  const zipFailed = new Promise<never>((_, reject) => zip.on('error', reject));
  // Either promise may reject while nobody awaits it yet: the race below reports it.
  written.catch(() => {});
  zipFailed.catch(() => {});
  const options = entryOptions(source.request.asOfRecordedAt);
  const files: ManifestFile[] = [];

  const addStream = async (
    path: string,
    open: () => Promise<NodeJS.ReadableStream> | NodeJS.ReadableStream,
  ): Promise<ManifestFile> => {
    const entry = meter();
    const done = new Promise<void>((resolve, reject) => {
      entry.transform.on('end', resolve);
      zip.addReadStreamLazy(path, options(path), (give) => {
        Promise.resolve()
          .then(open)
          .then(
            (input) => {
              pipeline(input, entry.transform).catch(reject);
              give(null, entry.transform);
            },
            (error: unknown) => {
              reject(error);
              give(error, entry.transform);
            },
          );
      });
    });
    await Promise.race([done, written, zipFailed]);
    const file = { path, ...entry.result() };
    files.push(file);
    return file;
  };
  const addBuffer = (path: string, bytes: Buffer): ManifestFile => {
    zip.addBuffer(bytes, path, options(path));
    return { path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  };

  try {
    progress.step('pdf');
    await addStream(PDF_PATH, () => parts.pdf(counted));

    progress.step('tables');
    for (const table of await sortedTables(parts.tables(counted))) await addStream(table.path, table.stream);

    progress.step('documents');
    const documentPaths = new Set<string>();
    for await (const document of source.documents()) {
      const path = documentPath(document);
      if (documentPaths.has(path)) throw new BinderWriteError(`Two documents would be written as ${path}`);
      documentPaths.add(path);
      checkDocument(document, await addStream(path, () => document.open()));
    }

    progress.step('events');
    const chain = {
      count: 0,
      first: null as number | null,
      last: null as number | null,
      head: CHAIN_GENESIS,
    };
    await addStream(EVENTS_PATH, () => Readable.from(eventLines(source.events(), chain, progress)));

    progress.step('manifest');
    files.push(addBuffer(PUBLIC_KEY_PATH, Buffer.from(signer.publicKeyPem, 'utf8')));
    const manifest: BinderManifest = {
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
    const trailing = [addBuffer(MANIFEST_PATH, manifestBytes), addBuffer(SIGNATURE_PATH, signature)];
    addBuffer(SUMS_PATH, Buffer.from(sumsText([...files, ...trailing]), 'utf8'));
    zip.end();
    await Promise.race([written, zipFailed]);
    progress.finish();
    const zipped = whole.result();
    return { sha256: zipped.sha256, bytes: zipped.size, manifest };
  } catch (error) {
    (zip.outputStream as Readable).destroy(error as Error);
    throw error;
  }
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
      if (digest === undefined) throw new BinderWriteError('An entry was read before it ended');
      return { size, sha256: digest };
    },
  };
};

/**
 * The same options for every entry: the binder's own date as mtime, fixed mode and compression. ZIP's DOS time is
 * a wall clock read in the process's time zone; the binder's is Paris's, built so any process zone gives the
 * same bytes (the Unix-time extra field, which would carry the zone, is left out).
 */
const entryOptions = (asOfRecordedAt: string) => {
  const mtime = parisWallClock(asOfRecordedAt);
  return (path: string) =>
    STORED.test(path)
      ? { mtime, mode: FILE_MODE, compress: false, forceDosTimestamp: true }
      : { mtime, mode: FILE_MODE, compress: true, compressionLevel: 6, forceDosTimestamp: true };
};

const parisWallClock = (instant: string): Date => {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new BinderWriteError(`asOfRecordedAt is not an instant: ${instant}`);
  const paris = new Date(at.getTime() + parisOffsetMinutes(at) * 60_000);
  const [year, month, day, hours] = [
    paris.getUTCFullYear(),
    paris.getUTCMonth(),
    paris.getUTCDate(),
    paris.getUTCHours(),
  ];
  const local = new Date(year, month, day, hours, paris.getUTCMinutes(), paris.getUTCSeconds());
  // A wall-clock time the process's zone skips (its DST gap): noon that day, which no zone skips.
  return local.getHours() === hours && local.getDate() === day ? local : new Date(year, month, day, 12);
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

/** events.jsonl, line by line, in chunks: each line `{"event":…,"hash":…,"prev":…}`, canonical. */
async function* eventLines(
  events: AsyncIterable<BinderStoredEvent>,
  chain: { count: number; first: number | null; last: number | null; head: string },
  progress: Progress,
): AsyncGenerator<Buffer> {
  let chunk = '';
  for await (const stored of events) {
    if (chain.last !== null && stored.position <= chain.last) {
      throw new BinderWriteError(`Events out of order: position ${stored.position} after ${chain.last}`);
    }
    const event = canonicalJson(
      pick(stored, ['position', 'eventId', 'streamId', 'revision', 'type', 'recordedAt', 'data', 'metadata']),
    );
    const hash = chainHash(chain.head, event);
    // canonicalJson({ event, hash, prev }) without encoding the event twice: the keys are already in order.
    chunk += `{"event":${event},"hash":"${hash}","prev":"${chain.head}"}\n`;
    chain.head = hash;
    chain.first ??= stored.position;
    chain.last = stored.position;
    chain.count += 1;
    progress.event();
    if (chunk.length >= EVENT_CHUNK_BYTES) {
      yield Buffer.from(chunk, 'utf8');
      chunk = '';
    }
  }
  if (chunk) yield Buffer.from(chunk, 'utf8');
}

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
