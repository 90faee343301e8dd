import { join } from 'node:path';
import { allProjections } from '../projections/index';
import { projectionCheckpointsMigration } from '../projections/runner/migration';
import { createProjectionRunner, type ProjectionRunner } from '../projections/runner/runner';
import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';
import { withGroupCommit } from './eventstore/group-commit';
import { eventStoreMigration } from './eventstore/migration';
import { createPostgresEventStore, type PostgresEventStore } from './eventstore/postgres';
import { createVaultedEventStore } from './eventstore/vaulted';
import { enrolSubjectsWrittenInClear } from './privacy/enrolment';
import { loadKeyEncryptionKey } from './privacy/key-encryption-key';
import { privacyMigration } from './privacy/migration';
import { allPersonalData } from './privacy/registry';
import { checkKeyEncryptionKey, createVault, type Vault } from './privacy/vault';
import { writeSlices } from './slices';

/** Every migration, in order: the platform's, then each slice's own tables. */
export const migrations = [
  eventStoreMigration,
  projectionCheckpointsMigration,
  privacyMigration,
  ...writeSlices.flatMap((slice) => slice.migrations ?? []),
];

export interface Runtime {
  config: Config;
  database: Database;
  /** The event store, personal fields sealed by the vault, appends arriving together committed together. */
  store: PostgresEventStore;
  /** Appends waiting for their batch (group commit): part of the backlog load shedding watches. */
  waitingAppends(): number;
  vault: Vault;
  runner: ProjectionRunner;
  close(): Promise<void>;
}

/**
 * The start-up wiring the server and the command-line scripts share: open the database (PostgreSQL or PGlite),
 * migrate it, open the personal-data vault, the event store through it and the projection runner over every
 * slice's read models.
 */
export const openRuntime = async (
  config: Config,
  options: { database?: Database; poolSize?: number; warn?: (message: string) => void } = {},
): Promise<Runtime> => {
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: join(config.DATA_DIR, 'pglite'),
      poolSize: options.poolSize ?? config.DATABASE_POOL_SIZE,
      connectionTimeoutMs: config.DATABASE_CONNECTION_TIMEOUT_MS,
      idleTimeoutMs: config.DATABASE_IDLE_TIMEOUT_MS,
    }));
  let vault: Vault;
  try {
    const kek = loadKeyEncryptionKey(config, database, options.warn);
    await migrate(database.db, migrations);
    await checkKeyEncryptionKey(database.db, kek);
    await enrolSubjectsWrittenInClear(database.db, kek, allPersonalData);
    vault = createVault(database.db, { kek, declarations: allPersonalData });
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
  // Appends arriving together share one statement: the events and their new subjects' keys (vaulted.ts).
  const store = withGroupCommit(
    createVaultedEventStore(createPostgresEventStore(database), vault, database.db),
    {
      maxBatch: config.APPEND_BATCH_MAX,
    },
  );
  const runner = createProjectionRunner({ database, store, projections: allProjections });
  return {
    config,
    database,
    store,
    waitingAppends: () => store.waiting(),
    vault,
    runner,
    async close() {
      await runner.stop();
      await store.close();
      if (!options.database) await database.close();
    },
  };
};
