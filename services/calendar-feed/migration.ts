import type { NamedMigration } from '../db/migrate';

/** One calendar feed per member: only the SHA-256 of its secret token is kept. */
export const calendarFeedsMigration: NamedMigration = {
  name: '0009_calendar_feeds',
  async up(db) {
    await db.schema
      .createTable('calendar_feeds')
      .addColumn('user_id', 'uuid', (column) => column.primaryKey())
      .addColumn('organisation_id', 'uuid', (column) => column.notNull())
      .addColumn('token_hash', 'text', (column) => column.notNull().unique())
      .addColumn('created_at', 'timestamptz', (column) => column.notNull())
      .execute();
  },
};

export type CalendarFeedTables = {
  calendar_feeds: { user_id: string; organisation_id: string; token_hash: string; created_at: Date | string };
};
