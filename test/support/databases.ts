import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../services/db/database';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; real PostgreSQL too when DATABASE_URL is set (CI runs both). */
export const databaseKinds = (): DatabaseKind[] =>
  process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** The kind the application-level tests use: the server when DATABASE_URL is set, else PGlite. */
export const primaryKind = (): DatabaseKind => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

export interface TestDatabase {
  database: Database;
  url?: string;
  drop(): Promise<void>;
}

const withDatabaseName = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/**
 * A fresh, empty database: a new database on the server, or an in-memory PGlite. The pool leaves room beside the
 * connections the app keeps for itself (each read model's ownership lock, the feed listener, the mail reactor).
 */
export const createTestDatabase = async (kind: DatabaseKind, poolSize = 20): Promise<TestDatabase> => {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { database, drop: () => database.close() };
  }
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is not set');
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabaseName(adminUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize });
  return {
    database,
    url,
    async drop() {
      await database.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
};
