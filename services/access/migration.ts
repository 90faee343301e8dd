import { sql } from 'kysely';
import type { NamedMigration } from '../db/migrate';

/**
 * The access slice's own state, outside the event log: password hashes never enter immutable events, and
 * authorisation reads the current role here rather than from an eventually consistent read model.
 * Every change is also recorded as an event for the audit trail. Column types: see tables.ts.
 */
export const accessMigration: NamedMigration = {
  name: '0003_access',
  async up(db) {
    await db.schema
      .createTable('access_accounts')
      .addColumn('user_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('email', 'text', (column) => column.notNull())
      .addColumn('display_name', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('password_hash', 'text', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .addColumn('disabled_at', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('access_accounts_email_key')
      .on('access_accounts')
      .unique()
      .expression(sql`lower(email)`)
      .execute();
    await db.schema
      .createTable('access_sessions')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'uuid', (column) => column.notNull())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('access_sessions_user_idx').on('access_sessions').column('user_id').execute();
    await db.schema
      .createTable('access_setup_tokens')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .execute();
  },
};
