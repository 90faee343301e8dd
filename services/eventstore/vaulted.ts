import type { Db } from '../db/database';
import { SUBJECTS_TABLE, type Vault } from '../privacy/vault';
import type { FeedBatch, PostgresEventStore } from './postgres';
import {
  type AppendRequest,
  type AppendResult,
  type Checkpoint,
  type RecordedEvent,
  START,
  type Upcaster,
  WrongExpectedRevisionError,
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
    // A new person's key is written by the append's own statement (`Alongside`): sealing costs no round trip.
    // Refused (someone keyed that person meanwhile, or the append itself was refused), it is sealed again with
    // the stored keys and appended the ordinary way, which gives the append's own outcome.
    async append(streamId, events, options) {
      const sealed = await vault.sealAlongside(events);
      if (sealed.rows.length === 0) return inner.append(streamId, sealed.events, options);
      try {
        const result = await inner.append(streamId, sealed.events, {
          ...options,
          alongside: { ...SUBJECTS_TABLE, rows: sealed.rows },
        });
        sealed.confirm(sealed.rows.map((row) => row.subject_id));
        return result;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        return inner.append(streamId, await vault.seal(events), options);
      }
    },
    // The whole batch sealed at once, the new people's keys written by the batch's statement. An append refused
    // there runs again alone, sealed with the stored keys; a refused seal (an undeclared type) seals each append
    // alone, so it fails alone.
    async appendMany(requests) {
      const outcomes: PromiseSettledResult<AppendResult>[] = new Array(requests.length);
      const ready: { index: number; request: AppendRequest }[] = [];
      let confirm: ((subjects: Iterable<string>) => void) | undefined;
      try {
        const all = await vault.sealAlongside(requests.flatMap((request) => request.events));
        const rowOf = new Map(all.rows.map((row) => [row.subject_id, row]));
        confirm = all.confirm;
        let next = 0;
        requests.forEach((request, index) => {
          const start = next;
          next += request.events.length;
          const needs = new Set(all.needs.slice(start, next).flat());
          const rows = [...needs].map((subject) => rowOf.get(subject)!);
          ready.push({
            index,
            request: {
              ...request,
              events: all.events.slice(start, next),
              ...(rows.length > 0 ? { alongside: { ...SUBJECTS_TABLE, rows } } : {}),
            },
          });
        });
      } catch {
        await Promise.all(
          requests.map(async (request, index) => {
            try {
              ready.push({ index, request: { ...request, events: await vault.seal(request.events) } });
            } catch (error) {
              outcomes[index] = { status: 'rejected', reason: error };
            }
          }),
        );
      }
      const appended = await inner.appendMany(ready.map(({ request }) => request));
      await Promise.all(
        ready.map(async ({ index, request }, n) => {
          const outcome = appended[n]!;
          const rows = request.alongside?.rows ?? [];
          if (outcome.status === 'fulfilled') {
            confirm?.(rows.map((row) => row.subject_id as string));
            outcomes[index] = outcome;
          } else if (rows.length > 0 && outcome.reason instanceof WrongExpectedRevisionError) {
            const { streamId, events, expectedRevision } = requests[index]!;
            try {
              const value = await inner.append(streamId, await vault.seal(events), { expectedRevision });
              outcomes[index] = { status: 'fulfilled', value };
            } catch (error) {
              outcomes[index] = { status: 'rejected', reason: error };
            }
          } else outcomes[index] = outcome;
        }),
      );
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
    feedTailOfTypes: (executor, after, types) => inner.feedTailOfTypes(executor, after, storedTypes(types)),
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
