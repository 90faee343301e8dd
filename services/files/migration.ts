import { sql } from 'kysely';
import type { NamedMigration } from '../db/migrate';

/** Uploaded files by id, each its organisation's; personal ones sealed by the vault (column types: tables.ts). */
export const filesMigration: NamedMigration = {
  name: '0008_files',
  async up(db) {
    await db.schema
      .createTable('files')
      .addColumn('id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('media_type', 'text', (column) => column.notNull())
      .addColumn('size', 'integer', (column) => column.notNull())
      .addColumn('sha256', 'text')
      .addColumn('subject_id', 'text')
      .addColumn('name', 'text')
      .addColumn('bytes', 'bytea', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .addColumn('erased_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('files_subject')
      .on('files')
      .column('subject_id')
      .where(sql.ref('subject_id'), 'is not', null)
      .execute();
  },
};
