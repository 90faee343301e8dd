import { type Migration, Migrator, sql } from 'kysely';
import type { Db } from './database';

export interface NamedMigration {
  /** Sortable name; Kysely applies migrations in name order. */
  name: string;
  up(db: Db): Promise<void>;
}

/** Migrations as a static list in code (file-based providers cannot import .ts under vitest on Node 20). */
export const migrate = async (db: Db, migrations: readonly NamedMigration[]): Promise<void> => {
  const record: Record<string, Migration> = {};
  for (const migration of migrations) record[migration.name] = { up: migration.up };
  const migrator = new Migrator({ db, provider: { getMigrations: async () => record } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
};

/** A migration made of plain SQL statements. */
export const sqlMigration = (name: string, statements: readonly string[]): NamedMigration => ({
  name,
  async up(db) {
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
});
