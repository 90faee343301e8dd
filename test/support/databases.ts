import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
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

let emptyCluster: Promise<Blob> | undefined;
/**
 * An initialised, empty PGlite cluster, dumped once per test process: each in-memory database loads it instead of
 * running initdb again, which takes most of an embedded start (seconds on a loaded machine).
 */
const emptyPgliteCluster = () =>
  (emptyCluster ??= (async () => {
    const pglite = await PGlite.create('memory://');
    try {
      return await pglite.dumpDataDir('none');
    } finally {
      await pglite.close();
    }
  })());

/** A fresh, empty database: a new database on the server, or an in-memory PGlite. */
export const createTestDatabase = async (kind: DatabaseKind, poolSize = 10): Promise<TestDatabase> => {
  if (kind === 'pglite') {
    const database = await openDatabase({
      dataDir: 'memory://',
      initialDataDir: await emptyPgliteCluster(),
    });
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
