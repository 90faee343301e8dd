import Fastify, { type FastifyInstance } from 'fastify';
import type { PoolClient } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../services/config';
import { registerErrorHandler } from '../services/http/error-handler';
import { loadSheddingPlugin } from '../services/http/load-shedding';
import { startTestApp, type TestApp } from './support/app';
import { primaryKind } from './support/databases';

const expectOverloaded = (response: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): unknown;
}) => {
  expect(response.statusCode).toBe(503);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.json()).toMatchObject({
    code: 'overloaded',
    message: expect.any(String),
    details: { retryAfterSeconds: Number(response.headers['retry-after']) },
  });
};

/** Keeps the event loop busy, as a burst of synchronous work would. */
const blockEventLoop = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
};

describe('load shedding decision (the pool-wait probe injected)', () => {
  let app: FastifyInstance;
  let waiting = 0;
  let handled = 0;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    registerErrorHandler(app);
    await app.register(loadSheddingPlugin, {
      config: { SHED_EVENT_LOOP_DELAY_MS: 0, SHED_HEAP_USED_MB: 0, SHED_POOL_WAITING: 5 },
      poolWaiting: () => waiting,
    });
    app.get('/api/public/feedback/:token', async () => ({ ok: true }));
    app.post('/api/public/feedback/:token', async () => {
      handled++;
      return { ok: true };
    });
    app.get('/health', async () => ({ status: 'ok' }));
    // What pg-pool throws when a query waited its whole connection timeout for a connection of a full pool.
    app.get('/api/pool-wait', async () => {
      throw new Error('timeout exceeded when trying to connect');
    });
    await app.ready();
  });
  afterAll(() => app?.close());

  it('serves requests while at most the threshold of queries wait for a connection', async () => {
    waiting = 5;
    expect((await app.inject({ method: 'GET', url: '/api/public/feedback/t' })).statusCode).toBe(200);
  });

  it('answers 503 overloaded with Retry-After once more queries wait for a connection', async () => {
    waiting = 6;
    expectOverloaded(await app.inject({ method: 'GET', url: '/api/public/feedback/t' }));
  });

  it('ends a shed request in its hook: the handler never runs', async () => {
    waiting = 6;
    handled = 0;
    const answer = () =>
      app.inject({ method: 'POST', url: '/api/public/feedback/t', payload: { rating: 5 } });
    expectOverloaded(await answer());
    expect(handled).toBe(0);
    waiting = 0;
    expect((await answer()).statusCode).toBe(200);
    expect(handled).toBe(1);
  });

  it('answers the same 503 overloaded when a query waited out its connection timeout', async () => {
    waiting = 0;
    expectOverloaded(await app.inject({ method: 'GET', url: '/api/pool-wait' }));
  });

  it('still answers /health while shedding', async () => {
    waiting = 1000;
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
  });
});

describe('load shedding in the application', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('sheds on the heap signal, and /health still answers', async () => {
    // Any heap is above 1 MiB: the sampler reports it within a sample or two.
    t = await startTestApp({ env: { SHED_HEAP_USED_MB: '1' } });
    const app = t.app;
    await expect
      .poll(async () => (await app.inject({ method: 'GET', url: '/api/public/feedback/x' })).statusCode, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(503);
    expectOverloaded(await app.inject({ method: 'GET', url: '/api/public/feedback/x' }));
    expectOverloaded(
      await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        payload: { query: '{ __typename }' },
      }),
    );
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('sheds after the event loop was blocked', async () => {
    t = await startTestApp({ env: { SHED_EVENT_LOOP_DELAY_MS: '50' } });
    const app = t.app;
    const afterABlock = async () => {
      blockEventLoop(2000);
      // The sampler's timer fell due during the block; it runs before this later one.
      await new Promise((resolve) => setTimeout(resolve, 1));
      return app.inject({ method: 'GET', url: '/api/public/feedback/x' });
    };
    await expect
      .poll(async () => (await afterABlock()).statusCode, { timeout: 60_000, interval: 10 })
      .toBe(503);
    expectOverloaded(await afterABlock());
  });

  it.skipIf(primaryKind() !== 'postgres')(
    'sheds while more queries than the threshold wait for a pooled connection',
    async () => {
      // Without the projection runner, nothing but this test takes connections from the pool.
      t = await startTestApp({ env: { SHED_POOL_WAITING: '1' }, runProjections: false });
      const app = t.app;
      const pool = t.database.pool!;
      expect((await app.inject({ method: 'GET', url: '/api/public/feedback/x' })).statusCode).toBe(404);
      // Take every free connection, then queue two queries behind them.
      const free = (pool.options.max ?? 10) - (pool.totalCount - pool.idleCount);
      const held: PoolClient[] = [];
      for (let i = 0; i < free; i++) held.push(await pool.connect());
      const queued = [pool.query('SELECT 1'), pool.query('SELECT 1')];
      try {
        expect(pool.waitingCount).toBeGreaterThan(1);
        expectOverloaded(await app.inject({ method: 'GET', url: '/api/public/feedback/x' }));
      } finally {
        for (const client of held) client.release();
      }
      await Promise.all(queued);
      expect((await app.inject({ method: 'GET', url: '/api/public/feedback/x' })).statusCode).toBe(404);
    },
  );
});

describe('the load shedding settings', () => {
  it('default to a heap bound below V8’s limit, a bounded pool queue and a bounded event-loop delay', () => {
    const config = loadConfig({});
    expect(config.SHED_HEAP_USED_MB).toBeGreaterThan(0);
    expect(config.SHED_POOL_WAITING).toBeGreaterThan(0);
    expect(config.SHED_EVENT_LOOP_DELAY_MS).toBeGreaterThan(0);
    expect(config.DATABASE_CONNECTION_TIMEOUT_MS).toBeGreaterThan(0);
  });
});
