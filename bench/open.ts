import { projectionCheckpointsMigration } from '../projections/runner/migration';
import { accessMigration } from '../services/access/migration';
import { type Database, openDatabase } from '../services/db/database';
import { migrate } from '../services/db/migrate';
import { eventStoreMigration } from '../services/eventstore/migration';
import { createPostgresEventStore, type PostgresEventStore } from '../services/eventstore/postgres';
import { privacyMigration } from '../services/privacy/migration';

// What the bench writes to: the event store, checkpoints, accounts, and the vault's keys.
const migrations = [eventStoreMigration, projectionCheckpointsMigration, accessMigration, privacyMigration];

export interface Opened {
  database: Database;
  store: PostgresEventStore;
}

/** Opens a database for a suite (a server's scratch database, or in-memory PGlite), migrated for the bench. */
export const openBench = async (
  options: Parameters<typeof openDatabase>[0],
  poolSize: number,
): Promise<Opened> => {
  const database = await openDatabase({ ...options, poolSize });
  try {
    await migrate(database.db, migrations);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, store: createPostgresEventStore(database) };
};

export const closeBench = async (opened: Opened | undefined) => {
  if (!opened) return;
  await opened.store.close().catch(() => {});
  await opened.database.close().catch(() => {});
};
