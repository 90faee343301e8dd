import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorker } from '../kernel/worker-thread';
import type { BinderEventRow } from './content';
import type { EventChainResult, FromChain, ToChain } from './event-chain-line';

const PAGE = 500;
/** Pages handed to the worker and not yet taken: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT = 4;
const CHUNK_BYTES = 64 * 1024;

export interface ChainedEvents extends EventChainResult {
  /** The raw-deflated events.jsonl. */
  file: string;
  /** Removes the file (call once the archive is written, or on failure). */
  remove(): Promise<void>;
}

/**
 * Chains a binder's events in a worker thread while the caller goes on (the PDF and the tables): the events are
 * read here, page by page, and handed over as the JSON text the log holds, so this thread never parses them; the
 * worker writes the canonical lines, the hash chain and their deflated bytes. `level` is the deflate level.
 */
export const chainEventsAside = async (
  events: AsyncIterable<BinderEventRow>,
  options: { level: number; onEvent(): void; workerFrom?: string },
): Promise<ChainedEvents> => {
  const folder = await mkdtemp(join(tmpdir(), 'binder-events-'));
  const file = join(folder, 'events.jsonl.deflate');
  const remove = () => rm(folder, { recursive: true, force: true });
  const worker = startWorker(
    'services/binder/event-chain-worker',
    {
      workerData: { path: file, level: options.level, chunkBytes: CHUNK_BYTES },
    },
    options.workerFrom,
  );
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let failure: Error | undefined;
  const finished = new Promise<EventChainResult>((resolve, reject) => {
    const fail = (error: Error) => {
      failure = error;
      wake?.();
      reject(error);
    };
    worker.on('message', (message: FromChain) => {
      if (message.type === 'ack') {
        inFlight -= 1;
        wake?.();
      } else if (message.type === 'done') resolve(message.result);
      else fail(new Error(message.message));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The event-chain worker stopped (exit code ${code})`)));
  });
  finished.catch(() => {});
  const send = (message: ToChain) => worker.postMessage(message);
  try {
    let page: BinderEventRow[] = [];
    for await (const row of events) {
      page.push(row);
      options.onEvent();
      if (page.length < PAGE) continue;
      while (inFlight >= IN_FLIGHT && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) break;
      inFlight += 1;
      send({ type: 'rows', rows: page });
      page = [];
    }
    if (!failure) {
      if (page.length > 0) send({ type: 'rows', rows: page });
      send({ type: 'end' });
    }
    return { ...(await finished), file, remove };
  } catch (error) {
    await remove();
    throw error;
  } finally {
    await worker.terminate();
  }
};
