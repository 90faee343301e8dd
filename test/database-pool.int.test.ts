import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../services/config';
import { type Database, openDatabase, queryOnPool } from '../services/db/database';
import { openRuntime } from '../services/runtime';
import { TEST_PERSONAL_DATA_KEY } from './support/app';
import { createTestDatabase, primaryKind } from './support/databases';

describe('DATABASE_IDLE_TIMEOUT_MS', () => {
  it('defaults to five minutes and refuses what is not a count of milliseconds', () => {
    expect(loadConfig({}).DATABASE_IDLE_TIMEOUT_MS).toBe(300_000);
    expect(loadConfig({ DATABASE_IDLE_TIMEOUT_MS: '0' }).DATABASE_IDLE_TIMEOUT_MS).toBe(0);
    expect(() => loadConfig({ DATABASE_IDLE_TIMEOUT_MS: '-1' })).toThrow(/DATABASE_IDLE_TIMEOUT_MS/);
    expect(() => loadConfig({ DATABASE_IDLE_TIMEOUT_MS: 'soon' })).toThrow(/DATABASE_IDLE_TIMEOUT_MS/);
  });
});

// PGlite runs inside the process: it has no pool of connections.
describe.skipIf(primaryKind() !== 'postgres')(
  'the PostgreSQL pool keeps its idle connections as configured (needs DATABASE_URL)',
  () => {
    let database: Database | undefined;
    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    /** Three connections at once, each busy for a moment, then all idle. */
    const busyThenIdle = async (opened: Database) => {
      const pool = opened.pool!;
      await Promise.all(Array.from({ length: 3 }, () => pool.query('SELECT pg_sleep(0.05)')));
      expect(pool.totalCount).toBe(3);
      expect(pool.idleCount).toBe(3);
      return pool;
    };

    it('keeps them five minutes by default, longer than pg’s own 10 s', async () => {
      database = await openDatabase({ databaseUrl: process.env.DATABASE_URL! });
      expect(database.pool!.options.idleTimeoutMillis).toBe(300_000);
    });

    it('takes the setting from the server’s configuration', async () => {
      const testDb = await createTestDatabase('postgres');
      const config = loadConfig({
        DATABASE_URL: testDb.url,
        DATABASE_IDLE_TIMEOUT_MS: '200',
        PERSONAL_DATA_KEY: TEST_PERSONAL_DATA_KEY,
        LOG_LEVEL: 'silent',
      });
      const runtime = await openRuntime(config);
      try {
        // The runtime holds a connection of its own (LISTEN): only the idle ones are to close.
        const pool = runtime.database.pool!;
        await Promise.all(Array.from({ length: 3 }, () => pool.query('SELECT pg_sleep(0.05)')));
        expect(pool.idleCount).toBeGreaterThanOrEqual(3);
        await expect.poll(() => pool.idleCount, { timeout: 5000, interval: 50 }).toBe(0);
      } finally {
        await runtime.close();
        await testDb.drop();
      }
    });

    it('closes them once idle for the configured time', async () => {
      database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, idleTimeoutMs: 200 });
      const pool = await busyThenIdle(database);
      await expect.poll(() => pool.totalCount, { timeout: 5000, interval: 50 }).toBe(0);
    });
  },
);

describe.skipIf(primaryKind() !== 'postgres')(
  'queryOnPool: one statement on the pool, its connection kept when the server only refused it (needs DATABASE_URL)',
  () => {
    let database: Database | undefined;
    afterEach(async () => {
      await database?.close();
      database = undefined;
    });

    const backend = async (pool: pg.Pool) =>
      (await queryOnPool<{ pid: number }>(pool, { text: 'SELECT pg_backend_pid() AS pid' })).rows[0]!.pid;

    it('keeps the connection after a refused statement, where pool.query would have closed it', async () => {
      database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2 });
      const pool = database.pool!;
      const pid = await backend(pool);
      await expect(queryOnPool(pool, { text: 'SELECT 1 / $1::int', values: [0] })).rejects.toMatchObject({
        code: '22012',
      });
      await expect(
        queryOnPool(pool, { name: 'refused_prepared', text: 'SELECT $1::uuid', values: ['pas un uuid'] }),
      ).rejects.toMatchObject({ code: '22P02' });
      expect(pool.totalCount).toBe(1);
      expect(await backend(pool)).toBe(pid);
      // What it replaces: pool.query releases its connection with the error, which closes it.
      await expect(pool.query('SELECT 1 / 0')).rejects.toMatchObject({ code: '22012' });
      expect(pool.totalCount).toBe(0);
    });

    it('drops a connection the server ended, and the next statement gets a new one', async () => {
      database = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2 });
      const pool = database.pool!;
      const pid = await backend(pool);
      await expect(
        queryOnPool(pool, { text: 'SELECT pg_terminate_backend(pg_backend_pid())' }),
      ).rejects.toThrow();
      await expect.poll(() => pool.totalCount, { timeout: 5000, interval: 20 }).toBe(0);
      expect(await backend(pool)).not.toBe(pid);
    });
  },
);
