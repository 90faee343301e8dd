import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../services/db/database';
import { migrate } from '../services/db/migrate';
import { withGroupCommit } from '../services/eventstore/group-commit';
import { eventStoreMigration } from '../services/eventstore/migration';
import {
  APPEND_MANY_SQL,
  APPEND_ONE_SQL,
  createPostgresEventStore,
  type PostgresEventStore,
} from '../services/eventstore/postgres';
import {
  type Checkpoint,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  START,
  WrongExpectedRevisionError,
} from '../services/eventstore/types';
import { composeUpcasters } from '../services/eventstore/upcasting';
import { createVaultedEventStore } from '../services/eventstore/vaulted';
import { newId } from '../services/kernel/ids';
import { newDataKey } from '../services/privacy/crypto';
import type { AllPersonalDataDeclarations } from '../services/privacy/declarations';
import { privacyMigration } from '../services/privacy/migration';
import { checkKeyEncryptionKey, createVault } from '../services/privacy/vault';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './support/databases';

const ORG = '01900000-0000-7000-8000-000000000001';

export const anEvent = (type = 'ThingHappened', data: unknown = { n: 1 }, schemaVersion = 1): NewEvent => ({
  id: newId(),
  type,
  data,
  metadata: {
    organisationId: ORG,
    actor: { type: 'system' },
    occurredAt: new Date().toISOString(),
    schemaVersion,
  },
});

const upcast = composeUpcasters([
  // v1 stored a single "name"; v2 splits it.
  {
    type: 'PersonNamed',
    fromVersion: 1,
    upcast: (data) => {
      const [first, ...rest] = String((data as { name: string }).name).split(' ');
      return { data: { firstName: first, lastName: rest.join(' ') } };
    },
  },
  {
    type: 'PersonNamed',
    fromVersion: 2,
    renamesTo: 'PersonRenamed',
    upcast: (data) => ({ type: 'PersonRenamed', data }),
  },
]);

const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
};

/**
 * Pages through the feed until `done` holds. A page may come back short while another transaction is still open
 * (readers never pass it), so an empty page only means: look again shortly.
 */
const readFeedUntil = async (
  store: EventStore,
  from: Checkpoint,
  limit: number,
  done: (events: RecordedEvent[]) => boolean,
) => {
  const all: RecordedEvent[] = [];
  let after = from;
  for (const deadline = Date.now() + 10_000; !done(all) && Date.now() < deadline; ) {
    const page = await store.readAll({ after, limit });
    if (page.length === 0) {
      await store.waitForEvents(20);
      continue;
    }
    all.push(...page);
    const last = page[page.length - 1]!;
    after = { txid: last.txid, position: last.position };
  }
  return all;
};

/** Every event type the contract appends holds personal data in `name` and `n`, one subject's. */
const everyTypePersonal = new Proxy(
  {},
  {
    get: () => [
      { field: 'name', subject: () => 'contact:contract' },
      { field: 'n', subject: () => 'contact:contract' },
    ],
  },
) as AllPersonalDataDeclarations;

/**
 * The contract every event store adapter must pass; `vaulted`: through the personal-data vault, which must be
 * transparent (its fields sealed on append, opened on every read, upcast after opening); `grouped`: with group
 * commit, which must be transparent too (concurrent appends share statements, each keeps its own outcome).
 */
export const eventStoreContract = (kind: DatabaseKind, { vaulted = false, grouped = false } = {}) => {
  const variant = `${vaulted ? ', through the vault' : ''}${grouped ? ', with group commit' : ''}`;
  describe(`event store contract on ${kind}${variant}`, () => {
    let testDb: TestDatabase;
    let store: PostgresEventStore;

    beforeAll(async () => {
      testDb = await createTestDatabase(kind, 60);
      const group = (inner: PostgresEventStore) =>
        grouped ? withGroupCommit(inner, { maxBatch: 50 }) : inner;
      if (!vaulted) {
        await migrate(testDb.database.db, [eventStoreMigration]);
        store = group(createPostgresEventStore(testDb.database, { upcast, pollIntervalMs: 100 }));
        return;
      }
      await migrate(testDb.database.db, [eventStoreMigration, privacyMigration]);
      const kek = newDataKey();
      await checkKeyEncryptionKey(testDb.database.db, kek);
      store = group(
        createVaultedEventStore(
          createPostgresEventStore(testDb.database, { pollIntervalMs: 100 }),
          createVault(testDb.database.db, { kek, declarations: everyTypePersonal }),
          testDb.database.db,
          { upcast, pollIntervalMs: 100 },
        ),
      );
    });
    afterAll(async () => {
      await store?.close();
      await testDb?.drop();
    });

    it('appends to a new stream and reads it back in revision order', async () => {
      const stream = `thing-${newId()}`;
      const events = [anEvent('A'), anEvent('B'), anEvent('C')];
      const result = await store.append(stream, events, { expectedRevision: 'no_stream' });
      expect(result.revision).toBe(2);
      const read = await store.readStream(stream);
      expect(read.map((event) => [event.type, event.revision])).toEqual([
        ['A', 0],
        ['B', 1],
        ['C', 2],
      ]);
      expect(read[2]!.position).toBe(result.position);
      expect(read[0]!.metadata.organisationId).toBe(ORG);
    });

    it('rejects a stale expected revision with the current revision', async () => {
      const stream = `thing-${newId()}`;
      await store.append(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const error = await rejection(store.append(stream, [anEvent()], { expectedRevision: 0 }));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).currentRevision).toBe(1);
      const created = await rejection(store.append(stream, [anEvent()], { expectedRevision: 'no_stream' }));
      expect((created as WrongExpectedRevisionError).currentRevision).toBe(1);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('lets exactly one of 50 concurrent writers win each revision', async () => {
      const stream = `race-${newId()}`;
      for (let revision = -1; revision < 4; revision++) {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, () =>
            store.append(stream, [anEvent()], { expectedRevision: revision === -1 ? 'no_stream' : revision }),
          ),
        );
        const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const losers = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(winners).toHaveLength(1);
        for (const loser of losers) {
          const reason = (loser as PromiseRejectedResult).reason;
          expect(reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect((reason as WrongExpectedRevisionError).currentRevision).toBe(revision + 1);
        }
      }
      const read = await store.readStream(stream);
      expect(read.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('stores an event id appended twice only once and answers the first result', async () => {
      const stream = `retry-${newId()}`;
      const events = [anEvent(), anEvent()];
      const first = await store.append(stream, events, { expectedRevision: 'no_stream' });
      const again = await store.append(stream, events, { expectedRevision: 'no_stream' });
      const anyAgain = await store.append(stream, events, { expectedRevision: 'any' });
      expect(again).toEqual(first);
      expect(anyAgain).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);
      const concurrent = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.append(`retry-${newId()}`, [events[0]!], { expectedRevision: 'any' }),
        ),
      ).catch((error) => error);
      // The same id sent to other streams is a conflict, never a second copy.
      expect(concurrent).toBeInstanceOf(WrongExpectedRevisionError);
      const rows = await execute(testDb.database.db, 'SELECT 1 FROM es_events WHERE id = $1', [
        events[0]!.id,
      ]);
      expect(rows).toHaveLength(1);
    });

    it('upcasts old event versions when read, without rewriting them', async () => {
      const stream = `person-${newId()}`;
      await store.append(stream, [anEvent('PersonNamed', { name: 'Ada Lovelace King' }, 1)], {
        expectedRevision: 'no_stream',
      });
      const [event] = await store.readStream(stream);
      expect(event!.type).toBe('PersonRenamed');
      expect(event!.data).toEqual({ firstName: 'Ada', lastName: 'Lovelace King' });
      expect(event!.metadata.schemaVersion).toBe(3);
      const stored = await execute<{ type: string; data: unknown }>(
        testDb.database.db,
        'SELECT type, data FROM es_events WHERE stream_id = $1',
        [stream],
      );
      const name = vaulted ? expect.objectContaining({ $pd: 1 }) : 'Ada Lovelace King';
      expect(stored[0]).toEqual({ type: 'PersonNamed', data: { name } });
    });

    it('reads all events in feed order and pages with a checkpoint', async () => {
      const stream = `page-${newId()}`;
      await store.append(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const all = await readFeedUntil(store, START, 2, (events) =>
        events.some((event) => event.streamId === stream && event.revision === 2),
      );
      const positions = all.map((event) => event.position);
      expect(new Set(positions).size).toBe(positions.length);
      expect(all.filter((event) => event.streamId === stream).map((event) => event.revision)).toEqual([
        0, 1, 2,
      ]);
    });

    it('pages through more than a thousand transactions without repeating or skipping an event', async () => {
      const stream = `many-${newId()}`;
      const start = await store.head();
      for (let i = 0; i < 1100; i++)
        await store.append(stream, [anEvent('Tick', { i })], {
          expectedRevision: i - 1 === -1 ? 'no_stream' : i - 1,
        });
      const feed = await readFeedUntil(store, start, 97, (events) =>
        events.some((event) => event.streamId === stream && event.revision === 1099),
      );
      const ticks = feed.filter((event) => event.streamId === stream).map((event) => event.revision);
      expect(ticks).toEqual(Array.from({ length: 1100 }, (_, i) => i));
    });

    it('subscribes: catches up, then receives live appends', async () => {
      const stream = `live-${newId()}`;
      await store.append(stream, [anEvent('Before')], { expectedRevision: 'no_stream' });
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const done = (async () => {
        for await (const event of store.subscribe({ signal: controller.signal })) {
          if (event.streamId !== stream) continue;
          seen.push(event);
          if (seen.length === 3) controller.abort();
        }
      })();
      await store.append(stream, [anEvent('Live1')], { expectedRevision: 0 });
      await store.append(stream, [anEvent('Live2')], { expectedRevision: 1 });
      await done;
      expect(seen.map((event) => event.type)).toEqual(['Before', 'Live1', 'Live2']);
    });

    const serverOnly = kind !== 'postgres';
    it.skipIf(serverOnly)(
      'never passes an append held open while 1,000 later appends commit (20 rounds; PGlite has one connection)',
      async () => {
        const pool = testDb.database.pool!;
        for (let round = 0; round < 20; round++) {
          const controller = new AbortController();
          const seen: RecordedEvent[] = [];
          const heldStream = `held-${newId()}`;
          const after = await store.head();
          const subscription = (async () => {
            for await (const event of store.subscribe({ after, signal: controller.signal, batchSize: 200 })) {
              seen.push(event);
            }
          })();

          const held = await pool.connect();
          const heldEvent = anEvent('Held');
          try {
            await held.query('BEGIN');
            await held.query('SELECT * FROM es_append($1, -1, $2::jsonb)', [
              heldStream,
              JSON.stringify([heldEvent]),
            ]);
            const writers = Array.from({ length: 16 }, async (_, writer) => {
              for (let i = writer; i < 1000; i += 16) {
                const stream = `later-${round}-${i % 50}-${heldStream}`;
                await store.append(stream, [anEvent('Later', { i })], { expectedRevision: 'any' });
              }
            });
            await Promise.all(writers);
            // Every later append has committed; the reader must still be waiting for the held one.
            await store.waitForEvents(50);
            expect(seen.filter((event) => event.type === 'Later')).toHaveLength(0);
            await held.query('COMMIT');
          } catch (error) {
            await held.query('ROLLBACK').catch(() => {});
            controller.abort();
            throw error;
          } finally {
            held.release();
          }
          for (let waited = 0; seen.length < 1001 && waited < 200; waited++) await store.waitForEvents(50);
          controller.abort();
          await subscription;

          expect(seen).toHaveLength(1001);
          expect(seen[0]!.id).toBe(heldEvent.id);
          expect(new Set(seen.map((event) => event.id)).size).toBe(1001);
          const lastRevision = new Map<string, number>();
          for (const event of seen) {
            expect(event.revision).toBe((lastRevision.get(event.streamId) ?? -1) + 1);
            lastRevision.set(event.streamId, event.revision);
          }
        }
      },
      // 20,000 appends: minutes on a CI machine shared with other work, seconds on a quiet one.
      300_000,
    );

    it.skipIf(serverOnly)(
      'wakes the readers of another process through NOTIFY, and not its own a second time',
      async () => {
        const stream = `notify-${newId()}`;
        let revision = -1;
        const append = async () => {
          await store.append(stream, [anEvent('Notified')], {
            expectedRevision: revision < 0 ? 'no_stream' : revision,
          });
          revision++;
        };
        // The append wakes this store's readers itself; its NOTIFY, a few milliseconds later, must not again.
        await append();
        expect(await store.waitForEvents(300)).toBe(false);

        // Another process: a store of its own over the same database, listening on its own connection. Its
        // LISTEN may not be in place yet for the first append: a few tries.
        const other = createPostgresEventStore(testDb.database, { pollIntervalMs: 60_000 });
        try {
          let woken = false;
          for (let attempt = 0; attempt < 20 && !woken; attempt++) {
            const waiting = other.waitForEvents(1000);
            await append();
            woken = await waiting;
          }
          expect(woken).toBe(true);
        } finally {
          await other.close();
        }
      },
    );

    it.skipIf(serverOnly)(
      'refuses to follow a stream with a lower transaction id than its last event (es_append and the adapter statements)',
      async () => {
        const pool = testDb.database.pool!;
        const event = () => anEvent();
        // The SQL function (for callers inside their own transactions), then the adapter's own two statements.
        const forms: { name: string; append: (client: PoolClient, stream: string) => Promise<number> }[] = [
          {
            name: 'es_append',
            append: async (client, stream) => {
              const error = await rejection(
                client.query('SELECT * FROM es_append($1, 0, $2::jsonb)', [
                  stream,
                  JSON.stringify([event()]),
                ]),
              );
              expect((error as { code?: string }).code).toBe('ES409');
              return 0;
            },
          },
          {
            name: 'one event',
            append: async (client, stream) => {
              const e = event();
              const values = [stream, 0, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)];
              return (await client.query(APPEND_ONE_SQL, values)).rowCount ?? -1;
            },
          },
          {
            name: 'several events',
            append: async (client, stream) =>
              (await client.query(APPEND_MANY_SQL, [stream, 0, JSON.stringify([event(), event()])]))
                .rowCount ?? -1,
          },
        ];
        for (const form of forms) {
          const stream = `guard-${newId()}`;
          const early = await pool.connect();
          try {
            await early.query('BEGIN');
            // This transaction takes its id before the stream's first append commits.
            await early.query('SELECT pg_current_xact_id()');
            await store.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
            expect(await form.append(early, stream), form.name).toBe(0);
            await early.query('ROLLBACK');
          } finally {
            early.release();
          }
          expect(await store.readStream(stream), form.name).toHaveLength(1);
        }
      },
    );

    it('appends to many streams at once, each append with the outcome it would have alone', async () => {
      const [a, b, c, moved, earlier] = Array.from({ length: 5 }, () => `many-${newId()}`);
      await store.append(moved!, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const first = [anEvent()];
      const firstResult = await store.append(earlier!, first, { expectedRevision: 'no_stream' });

      const outcomes = await store.appendMany([
        { streamId: a!, events: [anEvent('A1'), anEvent('A2')], expectedRevision: 'no_stream' },
        { streamId: b!, events: [anEvent('B1')], expectedRevision: -1 },
        { streamId: moved!, events: [anEvent()], expectedRevision: 0 },
        // The same stream again: it follows the first append to it.
        { streamId: a!, events: [anEvent('A3')], expectedRevision: 1 },
        { streamId: c!, events: [anEvent('C1')], expectedRevision: 'any' },
        { streamId: earlier!, events: first, expectedRevision: 'no_stream' },
        { streamId: `many-${newId()}`, events: [], expectedRevision: 'no_stream' },
        { streamId: moved!, events: [anEvent()], expectedRevision: 1 },
      ]);

      const values = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined));
      expect(values.map((value) => value?.revision)).toEqual([1, 0, undefined, 2, 0, 0, undefined, 2]);
      expect(values[5]).toEqual(firstResult);
      const stale = outcomes[2] as PromiseRejectedResult;
      expect(stale.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((stale.reason as WrongExpectedRevisionError).currentRevision).toBe(1);
      expect(outcomes[6]!.status).toBe('rejected');

      const streamA = await store.readStream(a!);
      expect(streamA.map((event) => [event.type, event.revision])).toEqual([
        ['A1', 0],
        ['A2', 1],
        ['A3', 2],
      ]);
      expect(streamA[0]!.position).toBeLessThan(streamA[1]!.position);
      expect(values[0]!.position).toBe(streamA[1]!.position);
      expect(values[3]!.position).toBe(streamA[2]!.position);
      expect((await store.readStream(b!))[0]!.position).toBe(values[1]!.position);
      expect(await store.readStream(moved!)).toHaveLength(3);
      expect(await store.readStream(earlier!)).toHaveLength(1);
    });

    it('lands concurrent appends to distinct streams, and fails a conflicting or malformed one alone', async () => {
      const taken = `taken-${newId()}`;
      await store.append(taken, [anEvent()], { expectedRevision: 'no_stream' });
      const retried = [anEvent()];
      const retriedStream = `retried-${newId()}`;
      const firstResult = await store.append(retriedStream, retried, { expectedRevision: 'no_stream' });
      const fresh = Array.from({ length: 40 }, () => `fresh-${newId()}`);
      const malformed = { ...anEvent(), id: 'not-a-uuid' };

      const [conflicting, badData, retry, ...landed] = await Promise.allSettled([
        store.append(taken, [anEvent()], { expectedRevision: 'no_stream' }),
        store.append(`bad-${newId()}`, [malformed], { expectedRevision: 'no_stream' }),
        store.append(retriedStream, retried, { expectedRevision: 'no_stream' }),
        ...fresh.map((stream) =>
          store.append(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' }),
        ),
      ]);

      expect((conflicting as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(badData!.status).toBe('rejected');
      expect(retry).toEqual({ status: 'fulfilled', value: firstResult });
      const positions = landed.map((outcome) => {
        expect(outcome.status).toBe('fulfilled');
        return (outcome as PromiseFulfilledResult<{ revision: number; position: number }>).value;
      });
      expect(positions.every((result) => result.revision === 1)).toBe(true);
      expect(new Set(positions.map((result) => result.position)).size).toBe(fresh.length);
      for (const [index, stream] of fresh.entries()) {
        const read = await store.readStream(stream);
        expect(read.map((event) => event.revision)).toEqual([0, 1]);
        expect(read[1]!.position).toBe(positions[index]!.position);
      }
      expect(await store.readStream(taken)).toHaveLength(1);
    });

    it('tells how far a checkpoint is behind the readable head, from positions', async () => {
      const stream = `lag-${newId()}`;
      const start = await store.head();
      await store.append(stream, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const read = await readFeedUntil(store, start, 1000, (events) =>
        events.some((event) => event.streamId === stream && event.revision === 2),
      );
      const mine = read.filter((event) => event.streamId === stream);
      const head = await store.head();
      expect(await store.lag(head)).toBe(0);
      const before = { txid: mine[0]!.txid, position: mine[0]!.position };
      // At least the two events after it; more if other events came after them.
      expect(await store.lag(before)).toBeGreaterThanOrEqual(2);
      expect(await store.lag(START)).toBeGreaterThanOrEqual(3);
    });

    it('reads only the asked event types, old names included, and moves past the others', async () => {
      // Start from the end of what earlier tests wrote, once the feed shows all of it (see below).
      const before = await store.lastPosition();
      await expect
        .poll(async () => (await store.head()).position, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(before);
      const start = await store.head();
      const noise = (count: number) => Array.from({ length: count }, () => anEvent('Noise'));
      const stream = `filter-${newId()}`;
      await store.append(stream, [...noise(30), anEvent('Wanted'), anEvent('Wanted')], {
        expectedRevision: 'no_stream',
      });
      await store.append(`person-${newId()}`, [anEvent('PersonNamed', { name: 'Ada King' }, 1)], {
        expectedRevision: 'no_stream',
      });
      const last = await store.append(stream, noise(30), { expectedRevision: 31 });
      // On a shared server another database's open transaction can hold the feed back for a moment: wait until
      // it shows every event appended here, so the windows below are this test's own.
      await expect
        .poll(async () => (await store.head()).position, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(last.position);
      const types = ['Wanted', 'PersonRenamed'];
      const db = testDb.database.db;

      // A limit of 2: the batch fills up on the two wanted events.
      const first = await store.readFeedOfTypesIn(db, start, 2, types);
      expect(first.events.map((event) => [event.type, event.revision])).toEqual([
        ['Wanted', 30],
        ['Wanted', 31],
      ]);
      expect(first.more).toBe(true);
      // The renamed event is found under its old stored name; then the window reaches the readable end.
      const second = await store.readFeedOfTypesIn(db, first.checkpoint, 2, types);
      expect(second.events.map((event) => event.type)).toEqual(['PersonRenamed']);
      expect(second.more).toBe(false);
      expect(second.checkpoint).toEqual(await store.head());
      const third = await store.readFeedOfTypesIn(db, second.checkpoint, 2, types);
      expect(third).toEqual({ events: [], checkpoint: second.checkpoint, more: false });

      // The tail: the readable end, and whether an event of the types lies after a checkpoint.
      expect(await store.feedTailOfTypes(db, start, types)).toEqual({
        end: second.checkpoint,
        pending: true,
      });
      expect(await store.feedTailOfTypes(db, first.checkpoint, types)).toEqual({
        end: second.checkpoint,
        pending: true,
      });
      expect(await store.feedTailOfTypes(db, start, ['NeverAppended'])).toEqual({
        end: second.checkpoint,
        pending: false,
      });
      expect(await store.feedTailOfTypes(db, second.checkpoint, undefined)).toEqual({
        end: second.checkpoint,
        pending: false,
      });
      expect((await store.feedTailOfTypes(db, start, undefined)).pending).toBe(true);
    });

    it('gives the feed checkpoint of a global position', async () => {
      const result = await store.append(`cp-${newId()}`, [anEvent()], { expectedRevision: 'no_stream' });
      const checkpoint = await store.checkpointOf(result.position);
      expect(checkpoint?.position).toBe(result.position);
      expect(await store.checkpointOf(result.position + 1_000_000)).toBeUndefined();
    });
  });
};
