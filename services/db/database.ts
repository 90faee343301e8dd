import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { pgliteDialect } from './pglite-dialect';

/**
 * The database with no table known: each module names its own tables with `db.withTables<Tables>()`, so a slice
 * adds tables without editing a shared interface. A transaction is a `Db` too.
 */
export type Db = Kysely<object>;

/** A relational database: a real PostgreSQL server through `pg`, or embedded PGlite in this process. */
export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Db;
  /** The raw pg pool (PostgreSQL only): dedicated connections for LISTEN and session-level locks. */
  readonly pool?: pg.Pool;
  readonly description: string;
  /** Kept in memory only (PGlite `memory://`): nothing outlives the process. */
  readonly ephemeral?: boolean;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` keeps everything in memory. */
  dataDir?: string;
  poolSize?: number;
  /** Longest wait for a connection, pooled or new (default 5 s); past it the query fails instead of queueing. */
  connectionTimeoutMs?: number;
  /** How long a pooled connection may stay idle before it is closed (default 5 min); 0 keeps them open. */
  idleTimeoutMs?: number;
  /** Skip the durability check (tests of the check itself only). */
  allowUnsafeServer?: boolean;
  /**
   * PGlite only: start from this dump of a data directory (`PGlite.dumpDataDir`) instead of running initdb.
   * The tests start each fresh in-memory database from one dump: initdb is most of an embedded start.
   */
  initialDataDir?: Blob;
}

const INT8 = 20;
const NUMERIC = 1700;
/** A calendar date stays the text `YYYY-MM-DD`: as a JS Date it would become an instant in some time zone. */
const DATE = 1082;
const keepText = (value: string) => value;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === NUMERIC) return (value: string) => Number(value);
    if (oid === DATE) return keepText;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

/** Runs one SQL text with positional parameters: only for what Kysely cannot say (each caller says why). */
export const execute = async <R = Record<string, unknown>>(
  executor: Db,
  text: string,
  params: readonly unknown[] = [],
): Promise<R[]> => {
  const result = await executor.executeQuery<R>(CompiledQuery.raw(text, [...params]));
  return result.rows;
};

/** A statement the server refused (a broken unique key, a check): the connection is as good as before. */
const refusedByServer = (error: unknown) =>
  error instanceof pg.DatabaseError && error.severity !== 'FATAL' && error.severity !== 'PANIC';

/**
 * One statement straight on the pool (what `pool.query` does), keeping the connection when the server merely
 * refused the statement. `pool.query` closes its connection on any error: on the append path, where a broken
 * unique key is an answer (a stream that moved on, a person's key written meanwhile), each refusal then cost a
 * new server process and its statements prepared again; a class of appends refused together (the vault's keys
 * read again once their time in memory ran out) fell from 10,000 to 60 appends a second (bench/vault.ts).
 * Any other failure (the connection lost, the query never sent) drops the connection, as pool.query does.
 */
export const queryOnPool = async <R extends pg.QueryResultRow | unknown[]>(
  pool: pg.Pool,
  query: pg.QueryConfig & { rowMode?: 'array' },
): Promise<pg.QueryResult<R>> => {
  const client = await pool.connect();
  // A checked-out connection has no listener of the pool's: one is needed for its errors while in use.
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on('error', onError);
  let broken: Error | undefined;
  try {
    return (await client.query(query as pg.QueryConfig)) as unknown as pg.QueryResult<R>;
  } catch (error) {
    if (!refusedByServer(error)) broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(lost ?? broken);
  }
};

export class UnsafeServerError extends Error {}

/** Acknowledged events must survive a crash: refuse servers that can lose committed transactions. */
export const assertDurableServer = async (db: Db): Promise<void> => {
  const rows = await db
    .withTables<{ pg_settings: { name: string; setting: string } }>()
    .selectFrom('pg_settings')
    .select(['name', 'setting'])
    .where('name', 'in', ['fsync', 'synchronous_commit', 'full_page_writes'])
    .execute();
  const unsafe = rows.filter((row) => row.setting === 'off');
  if (unsafe.length > 0) {
    throw new UnsafeServerError(
      `Refusing to start: ${unsafe.map((row) => `${row.name}=off`).join(', ')} on the PostgreSQL server; ` +
        'acknowledged events could be lost in a crash. Turn these settings on.',
    );
  }
};

export const openDatabase = async (options: DatabaseOptions): Promise<Database> => {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      // Without a bound, a request waits for a connection as long as the server is away or the pool is full:
      // under load the queue grows until every request times out at the client.
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
      // pg's default (10 s) closed the pool between two bursts of answers: the next burst then opened a new
      // backend per connection, each planning and caching its statements again (the first second after a 10 s
      // pause answered a third to a half as many, bench/README.md).
      idleTimeoutMillis: options.idleTimeoutMs ?? 300_000,
      types: typeParsers,
    });
    // Without these listeners a server restart crashes the whole process.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    try {
      if (!options.allowUnsafeServer) await assertDurableServer(db);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    const url = new URL(options.databaseUrl);
    return {
      kind: 'postgres',
      db,
      pool,
      description: `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  const dataDir = options.dataDir ?? './data/pglite';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    parsers: { [DATE]: keepText },
    ...(options.initialDataDir ? { loadDataDir: options.initialDataDir } : {}),
  });
  const db: Db = new Kysely({ dialect: pgliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    description: `PGlite ${dataDir}`,
    ephemeral: dataDir.startsWith('memory://'),
    close: () => db.destroy(),
  };
};
