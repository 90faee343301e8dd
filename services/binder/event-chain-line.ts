import { canonicalJson } from './canonical-json';
import type { BinderEventRow } from './content';
import { chainHash } from './format';

/** Where the hash chain stands: events chained so far, the first and last positions, the last hash. */
export interface ChainState {
  count: number;
  first: number | null;
  last: number | null;
  head: string;
}

/** What chaining a binder's events gives: the chain, and events.jsonl as raw-deflated bytes in a file. */
export interface EventChainResult {
  chain: ChainState;
  /** CRC-32, size and SHA-256 of events.jsonl itself; compressedSize of its deflated bytes. */
  crc32: number;
  size: number;
  sha256: string;
  compressedSize: number;
}

/** Main thread → worker: a page of rows, then the end. */
export type ToChain = { type: 'rows'; rows: readonly BinderEventRow[] } | { type: 'end' };

/** Worker → main thread: a page taken, the result, or why it stopped. */
export type FromChain =
  | { type: 'ack' }
  | { type: 'done'; result: EventChainResult }
  | { type: 'error'; message: string };

/**
 * One line of events.jsonl, `{"event":…,"hash":…,"prev":…}` and a newline, canonical; moves the chain on. The
 * event's data and metadata come as the JSON text the log holds, and are written canonically.
 */
export const chainedLine = (row: BinderEventRow, chain: ChainState): string => {
  if (chain.last !== null && row.position <= chain.last) {
    throw new Error(`Events out of order: position ${row.position} after ${chain.last}`);
  }
  const event = canonicalJson({
    position: row.position,
    eventId: row.eventId,
    streamId: row.streamId,
    revision: row.revision,
    type: row.type,
    recordedAt: row.recordedAt,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  });
  const hash = chainHash(chain.head, event);
  // canonicalJson({ event, hash, prev }) without encoding the event twice: the keys are already in order.
  const line = `{"event":${event},"hash":"${hash}","prev":"${chain.head}"}\n`;
  chain.head = hash;
  chain.first ??= row.position;
  chain.last = row.position;
  chain.count += 1;
  return line;
};
