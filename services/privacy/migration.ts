import { sql } from 'kysely';
import type { NamedMigration } from '../db/migrate';

/**
 * The vault's tables, outside the log. One row per data subject: its data key wrapped by the key-encryption key,
 * until an erasure deletes the key and stamps the row (a subject whose events predate the vault gets its row
 * then). One row holding a value wrapped at first start, so a wrong key-encryption key is refused at once, and
 * when the subjects of events written before the vault were enrolled.
 * Column types: see tables.ts.
 */
export const privacyMigration: NamedMigration = {
  name: '0006_privacy_vault',
  async up(db) {
    await db.schema
      .createTable('privacy_subjects')
      .addColumn('subject_id', 'text', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('wrapped_key', 'text')
      .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
      .addColumn('erased_at', 'timestamptz')
      .addCheckConstraint(
        'privacy_subjects_key_or_erased',
        sql`(wrapped_key IS NULL) = (erased_at IS NOT NULL)`,
      )
      .execute();
    await db.schema
      .createTable('privacy_key_check')
      .addColumn('id', 'smallint', (column) => column.primaryKey())
      .addColumn('wrapped', 'text', (column) => column.notNull())
      .addColumn('enrolled_at', 'timestamptz')
      .execute();
  },
};
