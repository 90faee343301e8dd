import type { Db } from '../db/database';
import { type NewSubjectRow, type SealedAlongside, SUBJECTS_TABLE, type Vault } from '../privacy/vault';
import type { FeedBatch, PostgresEventStore } from './postgres';
import {
  type Alongside,
  AlongsideRefusedError,
  type AppendRequest,
  type AppendResult,
  type Checkpoint,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
  START,
  type Upcaster,
} from './types';

/** Tries at sealing one append before giving up on keys that keep changing under it. */
const MAX_SEALS = 3;

/** An append whose subjects' keys changed at every try (erased by another process each time): nothing was written. */
export class PersonalDataKeysChangedError extends Error {
  readonly code = 'personal_data_keys_changed';
  constructor(streamId: string) {
    super(
      `The personal-data keys of an append to ${streamId} changed at each of ${MAX_SEALS} tries; nothing was written`,
    );
    this.name = 'PersonalDataKeysChangedError';
  }
}

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

  /**
   * The rows an append of events `from`..`to` of a sealed batch writes and holds; undefined when none. Plain loops
   * over the few subjects an append names: this runs once per append, on the hot path of public answers.
   */
  const alongsideOf = (
    sealed: SealedAlongside,
    from = 0,
    to = sealed.events.length,
  ): Alongside | undefined => {
    let rows: NewSubjectRow[] | undefined;
    let held: string[] | undefined;
    for (let index = from; index < to; index++) {
      for (const subject of sealed.subjects[index]!) {
        const row = sealed.rowOf.get(subject);
        if (row) {
          rows ??= [];
          if (!rows.includes(row)) rows.push(row);
        } else {
          held ??= [];
          if (!held.includes(subject)) held.push(subject);
        }
      }
    }
    if (!rows && !held) return undefined;
    return { ...SUBJECTS_TABLE, rows: rows ?? [], held: held ?? [] };
  };

  /**
   * Appends sealed events; refused for their keys, sealed again from the stored keys (an erased subject's fields
   * then written as the marker) and tried again. Keys that change at every try (erasures under way) end it.
   */
  const appendSealed = async (
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
    first?: SealedAlongside,
  ): Promise<AppendResult> => {
    let sealed = first ?? (await vault.sealAlongside(events));
    for (let attempt = 1; ; attempt++) {
      const alongside = alongsideOf(sealed);
      if (!alongside) return inner.append(streamId, sealed.events, options);
      try {
        const result = await inner.append(streamId, sealed.events, { ...options, alongside });
        sealed.confirm(alongside.rows.map((row) => row.subject_id as string));
        return result;
      } catch (error) {
        if (!(error instanceof AlongsideRefusedError)) throw error;
        if (attempt === MAX_SEALS) throw new PersonalDataKeysChangedError(streamId);
        sealed = await vault.sealAlongside(events, { stored: true });
      }
    }
  };

  const store: PostgresEventStore = {
    // A new person's key is written by the append's own statement, a known one's held by it (`Alongside`): sealing
    // costs no round trip, and data never lands under a key another process erased.
    append: (streamId, events, options) => appendSealed(streamId, events, options),
    // The whole batch sealed at once, the new people's keys written and the known ones held by the batch's
    // statement. An append refused there runs again alone (appendSealed), sealed from the stored keys if its keys
    // refused it; a refused seal (an undeclared type) seals each append alone, so it fails alone.
    async appendMany(requests) {
      const outcomes: PromiseSettledResult<AppendResult>[] = new Array(requests.length);
      const settle = async (index: number, run: () => Promise<AppendResult>) => {
        try {
          outcomes[index] = { status: 'fulfilled', value: await run() };
        } catch (error) {
          outcomes[index] = { status: 'rejected', reason: error };
        }
      };
      let all: SealedAlongside;
      try {
        all = await vault.sealAlongside(requests.flatMap((request) => request.events));
      } catch {
        await Promise.all(
          requests.map((request, index) =>
            settle(index, () => appendSealed(request.streamId, request.events, request)),
          ),
        );
        return outcomes;
      }
      let next = 0;
      const ready = requests.map((request): AppendRequest => {
        const start = next;
        next += request.events.length;
        const alongside = alongsideOf(all, start, next);
        return { ...request, events: all.events.slice(start, next), ...(alongside ? { alongside } : {}) };
      });
      const appended = await inner.appendMany(ready);
      await Promise.all(
        ready.map(async (request, index) => {
          const outcome = appended[index]!;
          if (outcome.status === 'fulfilled') {
            all.confirm(request.alongside?.rows.map((row) => row.subject_id as string) ?? []);
            outcomes[index] = outcome;
          } else if (request.alongside && outcome.reason instanceof AlongsideRefusedError) {
            const { streamId, events, expectedRevision } = requests[index]!;
            await settle(index, async () =>
              appendSealed(
                streamId,
                events,
                { expectedRevision },
                await vault.sealAlongside(events, { stored: true }),
              ),
            );
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
