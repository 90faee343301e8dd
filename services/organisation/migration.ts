import { sql } from 'kysely';
import type { NamedMigration } from '../db/migrate';

/** Logos by content: an event names a logo by its hash, the bytes live here (column types: tables.ts). */
export const organisationMigration: NamedMigration = {
  name: '0004_organisation_logos',
  async up(db) {
    await db.schema
      .createTable('organisation_logos')
      .addColumn('sha256', 'text', (column) => column.primaryKey())
      .addColumn('media_type', 'text', (column) => column.notNull())
      .addColumn('bytes', 'bytea', (column) => column.notNull())
      .addColumn('size', 'integer', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .execute();
  },
};
