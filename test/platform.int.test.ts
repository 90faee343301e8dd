import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProjections } from '../projections/index';
import { createProjectionRunner } from '../projections/runner/runner';
import { execute, openDatabase, UnsafeServerError } from '../services/db/database';
import { createPostgresEventStore } from '../services/eventstore/postgres';
import { graphql, startTestApp, type TestApp } from './support/app';
import { createTestDatabase, primaryKind } from './support/databases';

const onServer = primaryKind() === 'postgres';

describe('platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => t?.stop());

  it('serves the 2019 referential by default: 7 criteria, 32 indicators, official wording', async () => {
    const result = await graphql(
      t.app,
      undefined,
      '{ referential { version status criteria { number indicators { number title majorOnly appliesTo } } } }',
    );
    const referential = result.data?.referential as {
      version: string;
      criteria: { number: number; indicators: { number: number; title: string; majorOnly: boolean }[] }[];
    };
    expect(referential.version).toBe('2019');
    expect(referential.criteria).toHaveLength(7);
    const indicators = referential.criteria.flatMap((criterion) => criterion.indicators);
    expect(indicators.map((indicator) => indicator.number)).toEqual(
      Array.from({ length: 32 }, (_, i) => i + 1),
    );
    const thirty = indicators.find((indicator) => indicator.number === 30)!;
    expect(thirty.title).toBe(
      'Le prestataire recueille les appréciations des parties prenantes : bénéficiaires, financeurs, équipes pédagogiques et entreprises concernées.',
    );
    expect(indicators.find((indicator) => indicator.number === 31)!.majorOnly).toBe(true);
  });

  it('serves the reported 2026 version as 33 indicators still to confirm, and refuses an unknown version', async () => {
    const result = await graphql(
      t.app,
      undefined,
      '{ referential(version: "2026") { status criteria { indicators { number } } } }',
    );
    const referential = result.data?.referential as { status: string; criteria: { indicators: unknown[] }[] };
    expect(referential.status).toBe('to_confirm');
    expect(referential.criteria.flatMap((criterion) => criterion.indicators)).toHaveLength(33);
    const unknown = await graphql(t.app, undefined, '{ referential(version: "1999") { version } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('shows every projection and its lag at /health', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { projections: { name: string; lag: number; position: number }[] };
    expect(body.projections.map((projection) => projection.name).sort()).toEqual(
      allProjections.map((projection) => projection.name).sort(),
    );
    for (const projection of body.projections) expect(projection.lag).toBeGreaterThanOrEqual(0);
  });

  it('rate-limits the public form routes per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/public/feedback/unknown',
        remoteAddress: '203.0.113.9',
      });
      codes.push(response.statusCode);
    }
    expect(codes.slice(0, 3)).toEqual([404, 404, 404]);
    expect(codes.slice(3)).toEqual([429, 429]);
  });

  it('rejects a malformed X-Min-Position with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'x-min-position': 'soon', 'content-type': 'application/json' },
      payload: { query: '{ me { id } }' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_min_position');
  });

  it.skipIf(!onServer)(
    'refuses to start on a server where commits may be lost (synchronous_commit=off)',
    async () => {
      const url = new URL(process.env.DATABASE_URL!);
      url.searchParams.set('options', '-c synchronous_commit=off');
      await expect(openDatabase({ databaseUrl: url.toString() })).rejects.toBeInstanceOf(UnsafeServerError);
    },
  );

  it.skipIf(!onServer)(
    'lets exactly one of two nodes own each projection, and the other take over when it stops',
    async () => {
      const testDb = await createTestDatabase('postgres');
      try {
        const { migrate } = await import('../services/db/migrate');
        const { migrations } = await import('../services/runtime');
        await migrate(testDb.database.db, migrations);
        const store = createPostgresEventStore(testDb.database);
        const nodes = [0, 1].map(() =>
          createProjectionRunner({
            database: testDb.database,
            store,
            projections: allProjections,
            pollIntervalMs: 50,
          }),
        );
        await nodes[0]!.prepare();
        for (const node of nodes) node.start();
        const owners = async () => {
          const statuses = await Promise.all(nodes.map((node) => node.status()));
          return allProjections.map((_, index) => statuses.filter((status) => status[index]!.owned).length);
        };
        await expect.poll(owners, { timeout: 5000 }).toEqual(allProjections.map(() => 1));
        const firstOwner = (await nodes[0]!.status())[0]!.owned ? 0 : 1;
        await nodes[firstOwner]!.stop();
        const survivor = nodes[1 - firstOwner]!;
        await expect
          .poll(async () => (await survivor.status()).every((status) => status.owned), { timeout: 10_000 })
          .toBe(true);
        await survivor.stop();
        await store.close();
      } finally {
        await testDb.drop();
      }
    },
  );

  it.skipIf(!onServer)(
    'holds every projection’s lock on one connection, and claims them again when that connection is lost',
    async () => {
      const testDb = await createTestDatabase('postgres');
      let stop = async () => {};
      try {
        const { migrate } = await import('../services/db/migrate');
        const { migrations } = await import('../services/runtime');
        const { db } = testDb.database;
        await migrate(db, migrations);
        const store = createPostgresEventStore(testDb.database);
        const runner = createProjectionRunner({
          database: testDb.database,
          store,
          projections: allProjections,
          pollIntervalMs: 50,
        });
        stop = async () => {
          await runner.stop();
          await store.close();
        };
        await runner.prepare();
        runner.start();
        const lockHolders = async () =>
          await execute<{ pid: number; locks: number }>(
            db,
            `SELECT pid, count(*)::int AS locks FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                GROUP BY pid`,
          );
        const allOwned = async () => (await runner.status()).every((status) => status.owned);
        await expect.poll(allOwned, { timeout: 30_000 }).toBe(true);
        const [holder, ...others] = await lockHolders();
        expect(others).toEqual([]);
        expect(holder!.locks).toBe(allProjections.length);

        await execute(db, 'SELECT pg_terminate_backend($1)', [holder!.pid]);
        // The terminated backend keeps its locks until it has exited: wait for one new holder of them all.
        await expect
          .poll(
            async () =>
              (await lockHolders()).map((row) => ({ locks: row.locks, sameHolder: row.pid === holder!.pid })),
            { timeout: 30_000 },
          )
          .toEqual([{ locks: allProjections.length, sameHolder: false }]);
        await expect.poll(allOwned, { timeout: 30_000 }).toBe(true);
      } finally {
        await stop();
        await testDb.drop();
      }
    },
    // A new database, its migrations and a lost connection's recovery, on a machine with CPU hogs beside.
    180_000,
  );
});
