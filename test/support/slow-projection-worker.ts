// A projection process for the kill -9 test: applies slowly and says where it is, until it is killed.
import { allProjections } from '../../projections/index';
import type { Projection } from '../../projections/runner/projection';
import { runBatch } from '../../projections/runner/runner';
import { openDatabase } from '../../services/db/database';
import { createPostgresEventStore } from '../../services/eventstore/postgres';

const database = await openDatabase({ databaseUrl: process.env.WORKER_DATABASE_URL!, poolSize: 2 });
const store = createPostgresEventStore(database);
const slow = (projection: Projection): Projection => ({
  ...projection,
  async apply(tx, events) {
    for (const event of events) {
      await projection.apply(tx, [event]);
      console.log('inside batch');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  },
});
const projections = allProjections.filter((p) => p.name === 'feedback' || p.name === 'evidence').map(slow);
for (;;) {
  let total = 0;
  for (const projection of projections) {
    const { applied } = await runBatch(database, store, projection, 50);
    console.log(`batch committed ${projection.name} ${applied}`);
    total += applied;
  }
  if (total === 0) break;
}
await database.close();
