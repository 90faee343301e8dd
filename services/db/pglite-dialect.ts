import type { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * PGlite is one connection: every Kysely "connection" is a turn on a mutex, so a transaction owns the
 * database until it ends and no other request's statement can slip inside it.
 */
export const createMutex = () => {
  let tail: Promise<void> = Promise.resolve();
  return {
    lock(): Promise<() => void> {
      let release!: () => void;
      const turn = new Promise<void>((resolve) => {
        release = resolve;
      });
      const acquired = tail.then(() => release);
      tail = tail.then(() => turn);
      return acquired;
    },
  };
};

const connectionFor = (pglite: PGlite, release: () => void): DatabaseConnection & { release(): void } => ({
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await pglite.query<R>(query.sql, query.parameters as unknown[]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  },
  // biome-ignore lint/correctness/useYield: streaming is not offered by PGlite
  async *streamQuery() {
    throw new Error('streamQuery is not supported on PGlite');
  },
  release,
});

export const pgliteDialect = (pglite: PGlite): Dialect => {
  const mutex = createMutex();
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      const release = await mutex.lock();
      return connectionFor(pglite, release);
    },
    async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
      const level = settings.isolationLevel
        ? ` ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}`
        : '';
      await pglite.exec(`BEGIN${level}`);
      void connection;
    },
    async commitTransaction() {
      await pglite.exec('COMMIT');
    },
    async rollbackTransaction() {
      await pglite.exec('ROLLBACK');
    },
    async releaseConnection(connection: DatabaseConnection) {
      (connection as ReturnType<typeof connectionFor>).release();
    },
    async destroy() {
      await pglite.close();
    },
  };
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
};
