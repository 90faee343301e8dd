import { join } from 'node:path';
import { allProjections } from '../projections/index';
import { projectionCheckpointsMigration } from '../projections/runner/migration';
import { createProjectionRunner, type ProjectionRunner } from '../projections/runner/runner';
import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { eventStoreMigration } from './eventstore/migration';
import { createPostgresEventStore, type PostgresEventStore } from './eventstore/postgres';
import { writeSlices } from './slices';

/** Every migration, in order: the platform's, then each slice's own tables. */
export const migrations = [
  eventStoreMigration,
  projectionCheckpointsMigration,
  ...writeSlices.flatMap((slice) => slice.migrations ?? []),
];

export interface Runtime {
  config: Config;
  database: Database;
  store: PostgresEventStore;
  runner: ProjectionRunner;
  close(): Promise<void>;
}

/**
 * The start-up wiring the server and the command-line scripts share: open the database (PostgreSQL or PGlite),
 * migrate it, open the event store and the projection runner over every slice's read models.
 */
export const openRuntime = async (
  config: Config,
  options: { database?: Database; poolSize?: number } = {},
): Promise<Runtime> => {
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: join(config.DATA_DIR, 'pglite'),
      poolSize: options.poolSize ?? config.DATABASE_POOL_SIZE,
      connectionTimeoutMs: config.DATABASE_CONNECTION_TIMEOUT_MS,
    }));
  await migrate(database.db, migrations);
  const store = createPostgresEventStore(database);
  const runner = createProjectionRunner({ database, store, projections: allProjections });
  return {
    config,
    database,
    store,
    runner,
    async close() {
      await runner.stop();
      await store.close();
      if (!options.database) await database.close();
    },
  };
};
