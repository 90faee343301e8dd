import { sql } from 'kysely';
import type { NamedMigration } from '../db/migrate';

/** The mail slice's tables outside the log (column types: tables.ts). */
export const mailMigration: NamedMigration = {
  name: '0004_mail',
  async up(db) {
    await db.schema
      .createTable('mail_parameters')
      .addColumn('message_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('params', 'jsonb', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('mail_deliveries')
      .addColumn('message_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('recipient', 'text', (column) => column.notNull())
      .addColumn('template', 'text', (column) => column.notNull())
      .addColumn('locale', 'text', (column) => column.notNull())
      .addColumn('queued_position', 'bigint', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'timestamptz', (column) => column.notNull())
      .addColumn('sending_since', 'timestamptz')
      .execute();
    await db.schema
      .createIndex('mail_deliveries_due_idx')
      .on('mail_deliveries')
      .column('next_attempt_at')
      .execute();
    await db.schema
      .createTable('mail_dev_outbox')
      .addColumn('message_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('recipient', 'text', (column) => column.notNull())
      .addColumn('subject', 'text', (column) => column.notNull())
      .addColumn('text_body', 'text', (column) => column.notNull())
      .addColumn('html_body', 'text', (column) => column.notNull())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .execute();
  },
};
