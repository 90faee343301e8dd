import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { z } from 'zod';
import { type ChainResult, createChainCheck } from './chain-check';
import {
  BINDER_FORMAT,
  BINDER_FORMAT_VERSION,
  type BinderManifest,
  EVENTS_PATH,
  MANIFEST_PATH,
  PUBLIC_KEY_PATH,
  SIGNATURE_PATH,
  SUMS_PATH,
} from './format';

// The entries read whole have a ceiling: past it they are unreadable.
const MAX_SMALL_ENTRY = 64 * 1024 * 1024;
/** The entries read whole: the manifest, its signature, the key, the sums. */
export const SMALL_ENTRIES = new Set<string>([MANIFEST_PATH, SIGNATURE_PATH, PUBLIC_KEY_PATH, SUMS_PATH]);

/** One ZIP entry as read: its bytes hashed on the way, kept only for the few read whole. */
export interface ReadEntry {
  path: string;
  size: number;
  sha256: string;
  /** Why its bytes could not be read (a corrupt deflate stream, a size that does not match). */
  error?: string;
  bytes?: Buffer;
}

/** Reads every entry once, hashing it; keeps the small ones and checks events.jsonl's chain on the way. */
export const readEntries = async (zipPath: string) => {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: true, strictFileNames: true });
  const entries: ReadEntry[] = [];
  let chain: ChainResult | undefined;
  try {
    for await (const entry of zip.eachEntry()) {
      const path = entry.fileName;
      const hash = createHash('sha256');
      const keep: Buffer[] | undefined =
        SMALL_ENTRIES.has(path) && entry.uncompressedSize <= MAX_SMALL_ENTRY ? [] : undefined;
      const events = path === EVENTS_PATH ? createChainCheck() : undefined;
      let size = 0;
      let error: string | undefined;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          hash.update(chunk);
          size += chunk.length;
          keep?.push(chunk);
          events?.write(chunk);
        }
      } catch (cause) {
        error = (cause as Error).message;
      }
      if (events) chain = events.end();
      entries.push({
        path,
        size,
        sha256: hash.digest('hex'),
        ...(error === undefined ? {} : { error }),
        ...(keep && error === undefined ? { bytes: Buffer.concat(keep) } : {}),
      });
    }
  } finally {
    zip.close();
  }
  return { entries, chain };
};

/** manifest.json as format.ts describes it. */
const manifestSchema = z.object({
  format: z.literal(BINDER_FORMAT),
  formatVersion: z.literal(BINDER_FORMAT_VERSION),
  organisation: z.object({ id: z.string(), name: z.string(), siret: z.string().nullable() }),
  request: z.object({
    organisationId: z.string(),
    from: z.string(),
    to: z.string(),
    indicators: z.array(z.number()),
    asOfPosition: z.number(),
    asOfRecordedAt: z.string(),
  }),
  files: z.array(
    z.object({
      path: z.string(),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  events: z.object({
    path: z.literal(EVENTS_PATH),
    count: z.number().int().nonnegative(),
    firstPosition: z.number().nullable(),
    lastPosition: z.number().nullable(),
    genesis: z.string(),
    head: z.string(),
  }),
  signature: z.object({
    algorithm: z.literal('Ed25519'),
    publicKey: z.literal(PUBLIC_KEY_PATH),
    fingerprint: z.string(),
  }),
});

/** The manifest, or undefined when it is not one of this format. */
export const parseManifest = (bytes: Buffer): BinderManifest | undefined => {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? (parsed.data as BinderManifest) : undefined;
  } catch {
    return undefined;
  }
};
