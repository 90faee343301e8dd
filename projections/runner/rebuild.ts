import { sql } from 'kysely';
import type { Database, Db } from '../../services/db/database';
import type { PostgresEventStore } from '../../services/eventstore/postgres';
import { type Checkpoint, START } from '../../services/eventstore/types';
import { readCheckpoint, resetCheckpoint } from './checkpoints';
import type { Projection } from './projection';
import { applyFeedBatch } from './runner';

export interface RebuildProgress {
  position: number;
  applied: number;
}

/**
 * Rebuilds a projection from the start of the log into fresh tables in a scratch schema (unqualified table
 * names resolve there through search_path), then swaps them in. The swap locks the checkpoint row, so the live
 * runner pauses for it, applies the events that arrived meanwhile, and moves the tables in one transaction.
 */
export const rebuildProjection = async (
  database: Database,
  store: PostgresEventStore,
  projection: Projection,
  options: { batchSize?: number; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildProgress> => {
  const batchSize = options.batchSize ?? 500;
  const scratch = sql.id(`rebuild_${projection.name}`);
  const db = database.db;
  await sql`DROP SCHEMA IF EXISTS ${scratch} CASCADE`.execute(db);
  await sql`CREATE SCHEMA ${scratch}`.execute(db);
  // Raw SQL: search_path has no Kysely form; it sends the projection's unqualified names to the scratch schema.
  const inScratch = async <T>(work: (tx: Db) => Promise<T>) =>
    db.transaction().execute(async (tx) => {
      await sql`SET LOCAL search_path TO ${scratch}, public`.execute(tx);
      return work(tx);
    });
  try {
    await inScratch((tx) => projection.create(tx));
    let checkpoint: Checkpoint = START;
    let applied = 0;
    for (;;) {
      const batch = await inScratch((tx) => applyFeedBatch(tx, store, projection, checkpoint, batchSize));
      checkpoint = batch.checkpoint;
      applied += batch.applied;
      options.onProgress?.({ position: checkpoint.position, applied });
      if (!batch.more) break;
    }
    await inScratch(async (tx) => {
      await readCheckpoint(tx, projection.name, true);
      for (;;) {
        const batch = await applyFeedBatch(tx, store, projection, checkpoint, batchSize);
        checkpoint = batch.checkpoint;
        applied += batch.applied;
        if (!batch.more) break;
      }
      for (const table of projection.tables) {
        await sql`DROP TABLE IF EXISTS ${sql.id('public', table)}`.execute(tx);
        await sql`ALTER TABLE ${sql.id(`rebuild_${projection.name}`, table)} SET SCHEMA public`.execute(tx);
      }
      await resetCheckpoint(tx, projection.name, projection.version, checkpoint);
    });
    return { position: checkpoint.position, applied };
  } finally {
    await sql`DROP SCHEMA IF EXISTS ${scratch} CASCADE`.execute(db);
  }
};
