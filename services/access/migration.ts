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

/**
 * The team's secrets and throttling, outside the log: invitation and reset tokens (their SHA-256 only), each
 * session's device and last use, and failed sign-ins per e-mail address (known or not, so that the answers never
 * tell whether an account exists).
 */
export const accessTeamMigration: NamedMigration = {
  name: '0007_access_team',
  async up(db) {
    await db.schema.alterTable('access_sessions').addColumn('id', 'uuid').execute();
    await db.schema.alterTable('access_sessions').addColumn('last_seen_at', 'timestamptz').execute();
    await db.schema.alterTable('access_sessions').addColumn('user_agent', 'text').execute();
    await db.schema
      .createTable('access_invitations')
      .addColumn('invitation_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('token_hash', 'text', (column) => column.notNull().unique())
      .addColumn('email', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('access_password_resets')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('user_id', 'uuid', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('access_password_resets_user_idx')
      .on('access_password_resets')
      .column('user_id')
      .execute();
    await db.schema
      .createTable('access_sign_in_failures')
      .addColumn('email', 'text', (column) => column.primaryKey())
      .addColumn('failures', 'integer', (column) => column.notNull())
      .addColumn('last_failure_at', 'timestamptz', (column) => column.notNull())
      .addColumn('locked_until', 'timestamptz')
      .execute();
  },
};
