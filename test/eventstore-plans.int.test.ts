import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../services/db/database';
import { migrate } from '../services/db/migrate';
import { eventStoreMigration } from '../services/eventstore/migration';
import {
  createPostgresEventStore,
  FEED_TAIL_SQL,
  type PostgresEventStore,
} from '../services/eventstore/postgres';
import { anEvent } from './eventstore.contract';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * The plans of the feed's hot statements on a young database: es_events has never been analysed (autovacuum has
 * not come by yet), so the planner works from default estimates. Every projection runs the tail look at every
 * notification; planned as a sequential scan, it read the whole log each time.
 */
for (const kind of databaseKinds()) {
  describe(`event store plans on ${kind}, log never analysed`, () => {
    let testDb: TestDatabase;
    let store: PostgresEventStore;

    beforeAll(async () => {
      testDb = await createTestDatabase(kind);
      await migrate(testDb.database.db, [eventStoreMigration]);
      // The state under test, kept for the test's length: autovacuum would analyse the log once it grew.
      await execute(testDb.database.db, 'ALTER TABLE es_events SET (autovacuum_enabled = false)');
      store = createPostgresEventStore(testDb.database);
      // Many events of one type: what a class answering looks like to the other slices.
      for (let append = 0; append < 20; append++) {
        await store.append(
          `noise-${append}`,
          Array.from({ length: 200 }, () => anEvent('Noise')),
          { expectedRevision: 'no_stream' },
        );
      }
    });
    afterAll(async () => {
      await store?.close();
      await testDb?.drop();
    });

    it('looks at the feed tail through the feed index, never by scanning the log', async () => {
      const db = testDb.database.db;
      const [stats] = await execute<{ analysed: boolean }>(
        db,
        `SELECT (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) AS analysed
           FROM pg_stat_user_tables WHERE relname = 'es_events'`,
      );
      expect(stats?.analysed).toBe(false);
      const [end] = await execute<{ txid: string; position: number }>(
        db,
        'SELECT txid::text AS txid, position FROM es_events ORDER BY position DESC LIMIT 1 OFFSET 50',
      );
      for (const types of [['OtherSlice', 'AnotherOne'], null]) {
        const [row] = await execute<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          db,
          `EXPLAIN (FORMAT JSON) ${FEED_TAIL_SQL}`,
          [end!.txid, end!.position, types],
        );
        const scans = nodesOf(row!['QUERY PLAN'][0].Plan).filter(
          (node) => node['Relation Name'] === 'es_events',
        );
        expect(scans.length).toBeGreaterThan(0);
        expect(scans.map((node) => node['Node Type'])).not.toContain('Seq Scan');
      }
    });
  });
}
