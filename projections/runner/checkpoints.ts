import type { ColumnType } from 'kysely';
import type { Db } from '../../services/db/database';
import type { Checkpoint } from '../../services/eventstore/types';

type CheckpointTables = {
  projection_checkpoints: {
    name: string;
    version: number;
    /** A bigint: read as text, since a transaction id may pass 2^53. */
    txid: ColumnType<string, string | undefined, string>;
    position: ColumnType<number, number | undefined, number>;
    updated_at: ColumnType<Date, Date | undefined, Date>;
    last_error: ColumnType<string | null, string | null | undefined, string | null>;
  };
};

const checkpoints = (db: Db) => db.withTables<CheckpointTables>();

export interface CheckpointRow extends Checkpoint {
  name: string;
  version: number;
  updatedAt: Date;
  lastError: string | null;
}

const columns = (db: Db) =>
  checkpoints(db)
    .selectFrom('projection_checkpoints')
    .select((eb) => [
      'name',
      'version',
      eb.cast<string>('txid', 'text').as('txid'),
      'position',
      'updated_at',
      'last_error',
    ]);

const toRow = (row: Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>) => ({
  name: row.name,
  version: row.version,
  txid: row.txid,
  position: Number(row.position),
  updatedAt: row.updated_at,
  lastError: row.last_error,
});

/** A projection's checkpoint; `lock` holds its row until the transaction ends (one batch at a time). */
export const readCheckpoint = async (
  db: Db,
  name: string,
  lock = false,
): Promise<CheckpointRow | undefined> => {
  let query = columns(db).where('name', '=', name);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toRow(row);
};

export const allCheckpoints = async (db: Db): Promise<CheckpointRow[]> =>
  (await columns(db).execute()).map(toRow);

/** Creates the checkpoint of a new projection; answers false when it already existed. */
export const insertCheckpoint = async (db: Db, name: string, version: number) =>
  (
    await checkpoints(db)
      .insertInto('projection_checkpoints')
      .values({ name, version })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .returning('name')
      .execute()
  ).length > 0;

export const advanceCheckpoint = (db: Db, name: string, to: Checkpoint) =>
  checkpoints(db)
    .updateTable('projection_checkpoints')
    .set({ txid: to.txid, position: to.position, updated_at: new Date(), last_error: null })
    .where('name', '=', name)
    .execute();

/** Moves the checkpoint only if it is still `from` (compare and set); answers whether it moved. */
export const advanceCheckpointFrom = async (db: Db, name: string, from: Checkpoint, to: Checkpoint) =>
  (
    await checkpoints(db)
      .updateTable('projection_checkpoints')
      .set({ txid: to.txid, position: to.position, updated_at: new Date(), last_error: null })
      .where('name', '=', name)
      .where('txid', '=', from.txid)
      .where('position', '=', from.position)
      .executeTakeFirst()
  ).numUpdatedRows > 0n;

/** Moves each checkpoint still at its `from` to `to`, in one statement; answers the names that moved. */
export const advanceCheckpointsFrom = async (
  db: Db,
  moves: readonly { name: string; from: Checkpoint }[],
  to: Checkpoint,
): Promise<Set<string>> => {
  if (moves.length === 0) return new Set();
  const rows = await checkpoints(db)
    .updateTable('projection_checkpoints')
    .set({ txid: to.txid, position: to.position, updated_at: new Date(), last_error: null })
    .where((eb) =>
      eb.or(
        moves.map(({ name, from }) =>
          eb.and([eb('name', '=', name), eb('txid', '=', from.txid), eb('position', '=', from.position)]),
        ),
      ),
    )
    .returning('name')
    .execute();
  return new Set(rows.map((row) => row.name));
};

/** Sets the checkpoint and version after a rebuild swapped fresh tables in. */
export const resetCheckpoint = (db: Db, name: string, version: number, to: Checkpoint) =>
  checkpoints(db)
    .insertInto('projection_checkpoints')
    .values({ name, version, txid: to.txid, position: to.position, updated_at: new Date() })
    .onConflict((conflict) =>
      conflict.column('name').doUpdateSet({
        version,
        txid: to.txid,
        position: to.position,
        updated_at: new Date(),
        last_error: null,
      }),
    )
    .execute();

/** Records (or, with null, clears) the error that stopped the projection's last batch. */
export const recordCheckpointError = (db: Db, name: string, message: string | null) =>
  checkpoints(db)
    .updateTable('projection_checkpoints')
    .set({ last_error: message })
    .where('name', '=', name)
    .execute();
