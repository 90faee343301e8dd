import { join } from 'node:path';
import { allProjections } from '../projections/index';
import { createProjectionRunner } from '../projections/runner/runner';
import { migrations } from '../services/app';
import { loadConfig } from '../services/config';
import { openDatabase } from '../services/db/database';
import { migrate } from '../services/db/migrate';
import { createPostgresEventStore } from '../services/eventstore/postgres';

/** The database, event store and projections as the server configures them, for command-line scripts. */
export const openStore = async () => {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: join(config.DATA_DIR, 'pglite'),
    poolSize: 4,
  });
  await migrate(database.db, migrations);
  const store = createPostgresEventStore(database);
  const runner = createProjectionRunner({ database, store, projections: allProjections });
  return {
    config,
    database,
    store,
    runner,
    async close() {
      await store.close();
      await database.close();
    },
  };
};
