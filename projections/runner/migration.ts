import { sql } from 'kysely';
import type { NamedMigration } from '../../services/db/migrate';

/** Where each projection stands in the feed (see checkpoints.ts for its column types). */
export const projectionCheckpointsMigration: NamedMigration = {
  name: '0002_projection_checkpoints',
  async up(db) {
    await db.schema
      .createTable('projection_checkpoints')
      .addColumn('name', 'text', (column) => column.primaryKey())
      .addColumn('version', 'integer', (column) => column.notNull())
      .addColumn('txid', 'bigint', (column) => column.notNull().defaultTo(0))
      .addColumn('position', 'bigint', (column) => column.notNull().defaultTo(0))
      .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .addColumn('last_error', 'text')
      .execute();
  },
};
