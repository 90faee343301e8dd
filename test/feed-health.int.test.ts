import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedStatus } from '../services/eventstore/feed-status';
import { startTestApp, type TestApp } from './support/app';
import { primaryKind } from './support/databases';

const onServer = primaryKind() === 'postgres';

const withDatabaseName = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

describe('whether the feed is held back, on /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.stop());

  const feed = async (): Promise<FeedStatus> => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    return (response.json() as { feed: FeedStatus }).feed;
  };

  it.skipIf(onServer)(
    'shows nothing held back on PGlite (one connection: no other transaction exists)',
    async () => {
      expect(await feed()).toEqual({ heldBackMs: 0, heldBy: null });
    },
  );

  it.skipIf(!onServer)(
    'names a write transaction held open in another database of the server until it commits (needs DATABASE_URL: ' +
      'the horizon is server-wide, PGlite has no other database)',
    async () => {
      const adminUrl = process.env.DATABASE_URL!;
      const name = `t_hold_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      admin.on('error', () => {});
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const holder = new pg.Client({ connectionString: withDatabaseName(adminUrl, name) });
      holder.on('error', () => {});
      try {
        await holder.connect();
        await holder.query('CREATE TABLE held (n int)');
        // A write gives the transaction its id: from then on every reader's horizon stops before it.
        await holder.query('BEGIN');
        await holder.query('INSERT INTO held VALUES (1)');
        const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

        // Older transactions elsewhere on the server (other suites') end; this one stays, so it becomes the oldest.
        await expect
          .poll(
            async () => {
              const status = await feed();
              return status.heldBy?.database === name && (status.heldBackMs ?? 0) > 0;
            },
            { timeout: 60_000, interval: 100 },
          )
          .toBe(true);
        const held = await feed();
        expect(held.heldBy).toEqual({ pid, database: name, state: 'idle in transaction' });

        await holder.query('COMMIT');
        await expect
          .poll(async () => (await feed()).heldBy?.database === name, { timeout: 60_000, interval: 100 })
          .toBe(false);
      } finally {
        await holder.query('ROLLBACK').catch(() => {});
        await holder.end().catch(() => {});
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
  );
});
