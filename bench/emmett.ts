import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import type { NewEvent } from '../services/eventstore/types';

/** The schema Emmett's tables live in, inside the benchmark's own scratch database (dropped with it). */
const SCHEMA = 'emmett_bench';

/**
 * Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`) as a contestant in the append
 * scenarios: the same server and database as our store, its own schema and its own pool of the same size.
 */
export interface EmmettContestant {
  /** Appends with the expected stream version (0 for a new stream); answers the stream's next version. */
  append(streamId: string, events: readonly NewEvent[], expectedVersion: bigint): Promise<bigint>;
  close(): Promise<void>;
}

export const openEmmett = async (databaseUrl: string, poolSize: number): Promise<EmmettContestant> => {
  const setup = new pg.Client({ connectionString: databaseUrl });
  setup.on('error', () => {});
  await setup.connect();
  try {
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  } finally {
    await setup.end().catch(() => {});
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    options: `-c search_path=${SCHEMA}`,
  });
  pool.on('error', () => {});
  const store = getPostgreSQLEventStore(databaseUrl, { connectionOptions: { pool } });
  try {
    await store.schema.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    await pool.end().catch(() => {});
    throw error;
  }
  return {
    async append(streamId, events, expectedVersion) {
      // The same events: Emmett takes the event id as `messageId` in the metadata and stores the rest of it.
      const result = await store.appendToStream(
        streamId,
        events.map((event) => ({
          type: event.type,
          data: event.data as Record<string, unknown>,
          metadata: { ...event.metadata, messageId: event.id },
        })),
        { expectedStreamVersion: expectedVersion },
      );
      return result.nextExpectedStreamVersion;
    },
    async close() {
      await store.close().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
};
