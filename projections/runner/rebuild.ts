import type { AnyTx, Database } from '../../services/db/database';
import { execute } from '../../services/db/database';
import type { PostgresEventStore } from '../../services/eventstore/postgres';
import { type Checkpoint, START } from '../../services/eventstore/types';
import type { Projection } from './projection';

const applyBatch = async (
  tx: AnyTx,
  store: PostgresEventStore,
  projection: Projection,
  after: Checkpoint,
  batchSize: number,
): Promise<{ count: number; checkpoint: Checkpoint }> => {
  const handled = new Set(projection.handles);
  const events = await store.readFeedIn(tx, after, batchSize);
  for (const event of events) if (handled.has(event.type)) await projection.apply(tx, event);
  const last = events[events.length - 1];
  return { count: events.length, checkpoint: last ? { txid: last.txid, position: last.position } : after };
};

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
  const scratch = `rebuild_${projection.name}`;
  const db = database.db;
  await execute(db, `DROP SCHEMA IF EXISTS ${scratch} CASCADE`);
  await execute(db, `CREATE SCHEMA ${scratch}`);
  const inScratch = async <T>(work: (tx: AnyTx) => Promise<T>) =>
    db.transaction().execute(async (tx) => {
      await execute(tx, `SET LOCAL search_path TO ${scratch}, public`);
      return work(tx);
    });
  try {
    await inScratch(async (tx) => {
      for (const statement of projection.ddl) await execute(tx, statement);
    });
    let checkpoint = START;
    let applied = 0;
    for (;;) {
      const batch = await inScratch((tx) => applyBatch(tx, store, projection, checkpoint, batchSize));
      checkpoint = batch.checkpoint;
      applied += batch.count;
      options.onProgress?.({ position: checkpoint.position, applied });
      if (batch.count < batchSize) break;
    }
    await inScratch(async (tx) => {
      await execute(tx, 'SELECT 1 FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [projection.name]);
      for (;;) {
        const batch = await applyBatch(tx, store, projection, checkpoint, batchSize);
        checkpoint = batch.checkpoint;
        applied += batch.count;
        if (batch.count < batchSize) break;
      }
      for (const table of projection.tables) {
        await execute(tx, `DROP TABLE IF EXISTS public.${table}`);
        await execute(tx, `ALTER TABLE ${scratch}.${table} SET SCHEMA public`);
      }
      await execute(
        tx,
        `INSERT INTO projection_checkpoints (name, version, txid, position, updated_at)
         VALUES ($1, $2, $3::bigint, $4, now())
         ON CONFLICT (name) DO UPDATE SET version = $2, txid = $3::bigint, position = $4, updated_at = now(),
           last_error = NULL`,
        [projection.name, projection.version, checkpoint.txid, checkpoint.position],
      );
    });
    return { position: checkpoint.position, applied };
  } finally {
    await execute(db, `DROP SCHEMA IF EXISTS ${scratch} CASCADE`);
  }
};
