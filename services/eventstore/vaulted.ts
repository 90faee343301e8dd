import type { Db } from '../db/database';
import type { Vault } from '../privacy/vault';
import type { FeedBatch, PostgresEventStore } from './postgres';
import {
  type AppendRequest,
  type AppendResult,
  type Checkpoint,
  type NewEvent,
  type RecordedEvent,
  START,
  type Upcaster,
} from './types';

export interface VaultedEventStoreOptions {
  /**
   * Upcasters run after the vault opens an event: personal fields are sealed in the context of the type and
   * field as stored, so the inner store must be created without an upcaster and this one given here.
   */
  upcast?: Upcaster;
  /** Fallback poll interval for live subscriptions (ms). */
  pollIntervalMs?: number;
}

/**
 * The event store with personal data sealed: every append goes through the vault's `seal`, every read path
 * through its `open`, one batch at a time (one query for the keys a batch lacks). Deciders and projections see
 * clear values, or ERASED. The stored form (ciphertext, what hash chains over exports must cover) is what the
 * inner store answers: `inner.readAll`/`readStream` or the raw es_events row.
 */
export const createVaultedEventStore = (
  inner: PostgresEventStore,
  vault: Vault,
  db: Db,
  options: VaultedEventStoreOptions = {},
): PostgresEventStore => {
  const { upcast } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 500;

  const toCurrent = (event: RecordedEvent): RecordedEvent => {
    if (!upcast) return event;
    const current = upcast({
      type: event.type,
      data: event.data,
      schemaVersion: event.metadata.schemaVersion ?? 1,
    });
    return {
      ...event,
      type: current.type,
      data: current.data,
      metadata: { ...event.metadata, schemaVersion: current.schemaVersion },
    };
  };
  const opened = async (executor: Db, events: readonly RecordedEvent[]) =>
    (await vault.open(executor, events)).map(toCurrent);
  const storedTypes = (types: readonly string[] | undefined) =>
    types && (upcast ? upcast.storedTypes?.(types) : types);

  const store: PostgresEventStore = {
    async append(streamId, events, options) {
      return inner.append(streamId, await vault.seal(events), options);
    },
    // The whole batch sealed at once (one statement creates every new subject's key), then appended at once. A
    // refused seal (an undeclared type) or a failed key statement seals each append alone, so it fails alone.
    async appendMany(requests) {
      const outcomes: PromiseSettledResult<AppendResult>[] = new Array(requests.length);
      let sealed: (readonly NewEvent[] | undefined)[];
      try {
        const all = await vault.seal(requests.flatMap((request) => request.events));
        let next = 0;
        sealed = requests.map((request) => {
          const start = next;
          next += request.events.length;
          return all.slice(start, next);
        });
      } catch {
        sealed = await Promise.all(
          requests.map(async (request, index) => {
            try {
              return await vault.seal(request.events);
            } catch (error) {
              outcomes[index] = { status: 'rejected', reason: error };
              return undefined;
            }
          }),
        );
      }
      const ready: { index: number; request: AppendRequest }[] = [];
      sealed.forEach((events, index) => {
        if (events) ready.push({ index, request: { ...requests[index]!, events } });
      });
      const appended = await inner.appendMany(ready.map(({ request }) => request));
      ready.forEach(({ index }, n) => {
        outcomes[index] = appended[n]!;
      });
      return outcomes;
    },
    async readStream(streamId, options) {
      return opened(db, await inner.readStream(streamId, options));
    },
    async readAll(options) {
      return opened(db, await inner.readAll(options));
    },
    async readFeedIn(executor, after, limit) {
      return opened(executor, await inner.readFeedIn(executor, after, limit));
    },
    async readFeedOfTypesIn(executor, after, limit, types): Promise<FeedBatch> {
      const batch = await inner.readFeedOfTypesIn(executor, after, limit, storedTypes(types));
      return { ...batch, events: await opened(executor, batch.events) };
    },
    // Reads whole batches (rather than the inner store's event-by-event iterator) so each batch's keys are
    // fetched in one query; the loop is the inner store's.
    async *subscribe({ after = START, signal, batchSize = 500 } = {}) {
      let checkpoint: Checkpoint = after;
      let idleWait = 5;
      while (!signal?.aborted) {
        const batch = await store.readAll({ after: checkpoint, limit: batchSize });
        for (const event of batch) {
          if (signal?.aborted) return;
          yield event;
          checkpoint = { txid: event.txid, position: event.position };
        }
        if (batch.length === batchSize) continue;
        if (batch.length > 0) idleWait = 5;
        const woke = await inner.waitForEvents(Math.min(idleWait, pollIntervalMs), signal);
        idleWait = woke ? 5 : Math.min(idleWait * 2, pollIntervalMs);
      }
    },
    waitForEvents: (timeoutMs, signal) => inner.waitForEvents(timeoutMs, signal),
    head: (executor) => inner.head(executor),
    checkpointOf: (position) => inner.checkpointOf(position),
    lastPosition: () => inner.lastPosition(),
    lag: (checkpoint, executor) => inner.lag(checkpoint, executor),
    close: () => inner.close(),
  };
  return store;
};
