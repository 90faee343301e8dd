import type { NamedMigration } from '../db/migrate';

/**
 * Auditor links' secrets, outside the log: each link's token as its SHA-256, and the read-only sessions opened
 * with it (their token hashed too). Column types: see tables.ts.
 */
export const auditorAccessMigration: NamedMigration = {
  name: '0013_auditor_access',
  async up(db) {
    await db.schema
      .createTable('auditor_access_tokens')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('link_id', 'uuid', (column) => column.notNull().unique())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('revoked_at', 'timestamptz')
      .execute();
    await db.schema
      .createTable('auditor_access_sessions')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('id', 'uuid', (column) => column.notNull())
      .addColumn('link_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
      .addColumn('binder_export_ids', 'jsonb')
      .execute();
    await db.schema
      .createIndex('auditor_access_sessions_link_idx')
      .on('auditor_access_sessions')
      .column('link_id')
      .execute();
  },
};
