import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../services/db/migrate';
import { eventStoreMigration } from '../services/eventstore/migration';
import { createPostgresEventStore, type PostgresEventStore } from '../services/eventstore/postgres';
import { type NewEvent, WrongExpectedRevisionError } from '../services/eventstore/types';
import { newId } from '../services/kernel/ids';
import { anEvent } from './eventstore.contract';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases';

/** One step a client may take against a stream. */
type Step =
  | {
      kind: 'append';
      stream: number;
      count: number;
      expectation: 'exact' | 'stale' | 'ahead' | 'any' | 'no_stream';
    }
  | { kind: 'retry'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('append' as const),
    stream: fc.integer({ min: 0, max: 2 }),
    count: fc.integer({ min: 1, max: 3 }),
    expectation: fc.constantFrom('exact', 'stale', 'ahead', 'any', 'no_stream'),
  }),
  fc.record({ kind: fc.constant('retry' as const), pick: fc.nat() }),
);

for (const kind of databaseKinds()) {
  describe(`event store against a model on ${kind}`, () => {
    let testDb: TestDatabase;
    let store: PostgresEventStore;
    beforeAll(async () => {
      testDb = await createTestDatabase(kind);
      await migrate(testDb.database.db, [eventStoreMigration]);
      store = createPostgresEventStore(testDb.database);
    });
    afterAll(async () => {
      await store?.close();
      await testDb?.drop();
    });

    it('accepts exactly the appends the model accepts, stores retries once, and reads back the model', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          const prefix = newId();
          const model: string[][] = [[], [], []];
          const done: { stream: number; events: NewEvent[]; revision: number }[] = [];
          for (const current of steps) {
            if (current.kind === 'retry') {
              const earlier = done[current.pick % Math.max(done.length, 1)];
              if (!earlier) continue;
              const again = await store.append(`m-${prefix}-${earlier.stream}`, earlier.events, {
                expectedRevision: 'any',
              });
              expect(again.revision).toBe(earlier.revision);
              continue;
            }
            const events = Array.from({ length: current.count }, () => anEvent('Step'));
            const last = model[current.stream]!.length - 1;
            const expectedRevision =
              current.expectation === 'exact'
                ? last === -1
                  ? 'no_stream'
                  : last
                : current.expectation === 'stale'
                  ? last - 1
                  : current.expectation === 'ahead'
                    ? last + 1
                    : current.expectation;
            const outcome = await store
              .append(`m-${prefix}-${current.stream}`, events, { expectedRevision })
              .catch((error: unknown) => error);
            if (current.expectation === 'stale' && last === -1) {
              // No revision is older than an empty stream: the caller's mistake, not a conflict.
              expect(outcome).toBeInstanceOf(RangeError);
              continue;
            }
            const accepted =
              current.expectation === 'exact' ||
              current.expectation === 'any' ||
              (current.expectation === 'no_stream' && last === -1);
            if (accepted) {
              expect(outcome).not.toBeInstanceOf(Error);
              model[current.stream]!.push(...events.map((event) => event.id));
              done.push({ stream: current.stream, events, revision: model[current.stream]!.length - 1 });
            } else {
              expect(outcome).toBeInstanceOf(WrongExpectedRevisionError);
              expect((outcome as WrongExpectedRevisionError).currentRevision).toBe(last);
            }
          }
          for (let stream = 0; stream < 3; stream++) {
            const read = await store.readStream(`m-${prefix}-${stream}`);
            expect(read.map((event) => event.id)).toEqual(model[stream]);
            expect(read.map((event) => event.revision)).toEqual(model[stream]!.map((_, index) => index));
          }
        }),
        { numRuns: kind === 'pglite' ? 25 : 50 },
      );
    });
  });
}
