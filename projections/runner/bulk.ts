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

/**
 * Updates rows by a key column, each to its own values, as one statement with one JSON parameter: the columns set
 * are those of the first row (every row names the same ones), and each key appears once (take the last change
 * per key). Raw SQL: UPDATE … FROM jsonb_populate_recordset has no Kysely form.
 */
export const updateRows = async <T, Table extends keyof T & string, Key extends keyof T[Table] & string>(
  db: Kysely<T>,
  table: Table,
  key: Key,
  rows: readonly (Record<Key, string> & Partial<Insertable<T[Table]>>)[],
): Promise<void> => {
  const [first] = rows;
  if (!first) return;
  const columns = Object.keys(first).filter((column) => column !== key);
  const set = sql.join(columns.map((column) => sql`${sql.id(column)} = r.${sql.id(column)}`));
  await sql`UPDATE ${sql.table(table)} AS t SET ${set}
    FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb) AS r
    WHERE t.${sql.id(key)} = r.${sql.id(key)}`.execute(db);
};
