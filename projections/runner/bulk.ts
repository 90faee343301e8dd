import { type Insertable, type Kysely, sql } from 'kysely';

/**
 * Inserts rows as one statement with one parameter: the rows as a JSON array, which PostgreSQL expands into the
 * table's own row type. A multi-row VALUES list costs Kysely a node per value and the driver a parameter per
 * value; this is the projections' hot path when they catch up (bench/README.md). A column a row leaves out is
 * NULL, not its default. The table name resolves through search_path, as a rebuild needs. Raw SQL:
 * jsonb_populate_recordset has no Kysely form.
 */
export const insertRows = async <T, Table extends keyof T & string>(
  db: Kysely<T>,
  table: Table,
  rows: readonly Insertable<T[Table]>[],
): Promise<void> => {
  if (rows.length === 0) return;
  await sql`INSERT INTO ${sql.table(table)}
    SELECT * FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`.execute(
    db,
  );
};
